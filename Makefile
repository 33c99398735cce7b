# Two commands on a fresh machine: `make report` and `make test` (`make test-fast` while editing).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install report pdf update test test-fast lab check params clean-venv

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; install Python 3.11 or run 'make PYTHON=/path/to/python3.11'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The notebooks name the project's kernel ("pakru"); installing it into the venv lets plain
# papermill and JupyterLab from .venv run them without -k
KERNEL = $(BIN)/python -m ipykernel install --sys-prefix --name pakru --display-name "Python (pakru)" >/dev/null

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@$(KERNEL)
	@touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@$(KERNEL)
	@touch $(STAMP) $@

install: $(STAMP)

# GNU make exits 0, 1 or 2 and nothing else: a failed recipe makes it exit 2 whatever pakru said
# (D22). So the recipe names pakru's own code on stderr before make's "Error N" line, and whatever
# must act on the code (cron, systemd, CI) runs deploy/scheduled-build or .venv/bin/pakru instead.
PASS_CODE = || { code=$$?; echo "make: pakru exited $$code (see the README's exit codes); make's own status is 2 for any failure, .venv/bin/pakru and deploy/scheduled-build exit $$code" >&2; exit $$code; }

report: $(STAMP)
	@$(BIN)/pakru build $(ARGS) $(PASS_CODE)

pdf: $(STAMP)
	@$(BIN)/pakru build --format html,pdf $(ARGS) $(PASS_CODE)

# the one target that reaches the network: the publishers' APIs (make update ARGS=imf)
update: $(STAMP)
	@$(BIN)/pakru update $(ARGS) $(PASS_CODE)

# axe-core (accessibility checks in the browser tests) comes from npm; without npm the tests that
# need it skip locally (and fail in CI, where .ci/run installs it)
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "make: npm not found; accessibility tests will be skipped (apt-get install npm)"; fi

# Tests run in two worker processes (pytest-xdist), one per core of the project's machine: most of
# the full suite waits on kernels and browsers, so two workers halve it (README, Tests).
# PYTEST_WORKERS=0 runs them in this process (a debugger, -x on one file). --dist loadgroup keeps
# the tests that share an expensive module fixture (xdist_group) in one worker.
PYTEST_WORKERS ?= 2
XDIST = -n $(PYTEST_WORKERS) --dist loadgroup

test: $(DEV_STAMP) node_modules/.installed
	$(BIN)/python -m pytest $(XDIST) $(PYTEST_ARGS)

# the edit-test loop: no notebook, no whole build, no browser (markers in pyproject.toml)
test-fast: $(DEV_STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not slow and not browser" $(PYTEST_ARGS)

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

check: $(STAMP)
	$(BIN)/pakru check

params: $(STAMP)
	$(BIN)/pakru params

clean-venv:
	rm -rf $(VENV)
