#!/usr/bin/env bash
# Soak: the whole test suite RUNS times in a row (default 10) while a CPU-heavy load runs
# beside it, then one line "soak: P/RUNS passed". A flaky test shows up here before it
# throws away a CI run.
#
#   bash bench/soak_tests.sh [RUNS] [PYTEST ARGS...]
#
#   SOAK_LOAD=bench   (default) `python -m bench --quick` over and over: real bots, bursts
#            burn     one busy loop per CPU
#            none     no load, for comparison
#   SOAK_LOG=DIR      where each run's output goes (default: a new folder under /tmp)
#   PYTHON=python     the interpreter with the project and its test extra installed
#
# Exit status 0 only if every run passed. The load is stopped when the soak ends, fails
# or is interrupted.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=${1:-10}
shift || true
load=${SOAK_LOAD:-bench}
python=${PYTHON:-python}
logdir=${SOAK_LOG:-$(mktemp -d "${TMPDIR:-/tmp}/paddock-soak.XXXXXX")}
mkdir -p "$logdir"

if ! "$python" -c 'import pytest, bot' 2>/dev/null; then
    echo "soak: '$python' can't import pytest and the bot; activate the virtualenv with" \
        "the test extra (pip install -e '.[test]') or set PYTHON" >&2
    exit 2
fi

load_pid=""
test_pid=""
stop_load() {
    if [ -n "$load_pid" ]; then
        # The load runs in its own session and process group (setsid below), so this
        # reaches the bench's bot subprocesses too, and nothing else.
        kill -TERM -- "-$load_pid" 2>/dev/null
        # A bot whose fake Discord died with the bench can take a while to give up.
        for _ in $(seq 50); do
            kill -0 -- "-$load_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL -- "-$load_pid" 2>/dev/null
        wait "$load_pid" 2>/dev/null
        load_pid=""
    fi
}
interrupted() {
    echo "soak: interrupted" >&2
    if [ -n "$test_pid" ]; then
        kill -TERM "$test_pid" 2>/dev/null
        wait "$test_pid" 2>/dev/null
    fi
    exit 130
}
trap stop_load EXIT
trap interrupted INT TERM

case "$load" in
    bench)
        # --json keeps bench/results.json and the README table untouched.
        setsid bash -c 'while :; do "$0" -m bench --quick --json "$1/bench.json" >>"$1/bench.log" 2>&1 || sleep 1; done' \
            "$python" "$logdir" &
        load_pid=$!
        ;;
    burn)
        setsid "$python" -c '
import multiprocessing, os
def spin() -> None:
    while True:
        pass
for _ in range(os.cpu_count() or 1):
    multiprocessing.Process(target=spin).start()
' &
        load_pid=$!
        ;;
    none) ;;
    *)
        echo "SOAK_LOAD must be bench, burn or none, not '$load'" >&2
        exit 2
        ;;
esac

echo "soak: $runs run(s) of the suite, load '$load', logs in $logdir"
passed=0
for i in $(seq 1 "$runs"); do
    started=$(date +%s.%N)
    # In the background so that an interrupt is handled at once, not after the run.
    "$python" -m pytest -q -p no:cacheprovider "$@" >"$logdir/run-$i.log" 2>&1 &
    test_pid=$!
    wait "$test_pid"
    status=$?
    test_pid=""
    wall=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
    summary=$(grep -E '^(=+ )?[0-9]+ (passed|failed)|(passed|failed|error).* in [0-9.]+s' "$logdir/run-$i.log" | tail -n 1)
    if [ "$status" -ge 3 ]; then
        # 3 internal error, 4 usage error (a conftest that can't import, say), 5 no tests:
        # the suite did not run at all, so there is nothing to soak.
        echo "run $i/$runs: pytest exited $status; the suite did not run:" >&2
        tail -n 15 "$logdir/run-$i.log" >&2
        exit "$status"
    fi
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1))
        echo "run $i/$runs: passed in ${wall} s  ($summary)"
    else
        echo "run $i/$runs: FAILED (exit $status) in ${wall} s  ($summary)"
        grep -E '^(FAILED|ERROR) tests/' "$logdir/run-$i.log" | sed 's/^/    /'
    fi
done
stop_load
echo "soak: $passed/$runs passed"
[ "$passed" -eq "$runs" ]
