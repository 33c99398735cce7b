#!/bin/bash
# The first `make report` of a fresh clone on a busy machine (issue 25, "Done when"): a clone of the
# checkout with nothing beside it, an empty matplotlib cache, and four busy loops holding both cores
# for the whole of it. Prints the exit code and the wall time; the busy loops are stopped on any exit.
#
#   benchmarks/cold_build_under_load.sh [CLONE_DIR]     (default: a new folder under /tmp)
#
# Timings are recorded in the README (Performance), never asserted in tests.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
clone=${1:-$(mktemp -d /tmp/pakru-cold-XXXXXX)/clone}
mpl=$(mktemp -d /tmp/pakru-cold-mpl-XXXXXX)
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap stop EXIT INT TERM

git clone -q "$here" "$clone" || exit 1
cd "$clone" || exit 1
for _ in 1 2 3 4; do yes > /dev/null & pids+=($!); done
start=$(date +%s.%N)
MPLCONFIGDIR=$mpl make report > "$clone.log" 2>&1
code=$?
end=$(date +%s.%N)
stop
pids=()
echo "make report exit $code in $(echo "$end - $start" | bc) s (log: $clone.log)"
grep -E "^(warm-up|done|FAILED|pakru:)" "$clone.log"
exit $code
