# Two commands on a fresh machine: `make report` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: report pdf test lab check params clean-venv

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP) $@

report: $(STAMP)
	$(BIN)/pakru build $(ARGS)

pdf: $(STAMP)
	$(BIN)/pakru build --format html,pdf $(ARGS)

# axe-core (accessibility checks in the browser tests) comes from npm; without npm the tests that
# need it skip locally (and fail in CI, where .ci/run installs it)
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "make: npm not found; accessibility tests will be skipped (apt-get install npm)"; fi

test: $(DEV_STAMP) node_modules/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name pakru --display-name "Python (pakru)" >/dev/null
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

check: $(STAMP)
	$(BIN)/pakru check

params: $(STAMP)
	$(BIN)/pakru params

clean-venv:
	rm -rf $(VENV)
