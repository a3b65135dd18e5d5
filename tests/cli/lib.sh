# lib.sh — helpers shared by the command-line tests (sourced): a temporary working directory
# removed on exit, FAIL reporting, and running mnsim while capturing exit code, stdout and stderr.
set -euo pipefail

: "${MNSIM:?MNSIM must point to the mnsim binary}"
: "${MNSIM_SOURCE_DIR:?MNSIM_SOURCE_DIR must point to the source tree}"
PY=/usr/bin/python3
FIXTURES="$MNSIM_SOURCE_DIR/tests/fixtures/ini"
TEST_NAME=$(basename "$0" .sh)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mnsim_${TEST_NAME}_XXXXXX")
cleanup() { rm -rf "$WORK"; }
trap cleanup EXIT

fail() {
    echo "FAIL [$TEST_NAME]: $*" >&2
    exit 1
}

# run_mnsim ARGS... : sets RC, OUT (stdout) and ERR (stderr); never aborts the script.
run_mnsim() {
    set +e
    "$MNSIM" "$@" >"$WORK/.stdout" 2>"$WORK/.stderr"
    RC=$?
    set -e
    OUT=$(cat "$WORK/.stdout")
    ERR=$(cat "$WORK/.stderr")
}

expect_rc() { # expect_rc CODE WHAT
    [ "$RC" -eq "$1" ] || fail "$2: exit status $RC, expected $1 (stderr: $ERR)"
}

expect_err_contains() { # expect_err_contains TEXT WHAT
    case "$ERR" in *"$1"*) ;; *) fail "$2: stderr lacks '$1' (stderr: $ERR)" ;; esac
}

# Files in a directory other than the INI inputs (*.ini), one per line.
outputs_in() { (cd "$1" && find . -mindepth 1 ! -name '*.ini' ! -name '.stdout' ! -name '.stderr' | sort); }

# Executed directly (ctest runs every tests/cli/*.sh): check the helpers themselves.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    run_mnsim --version
    [ "$RC" -eq 0 ] || fail "run_mnsim: --version exit status $RC"
    run_mnsim no_such_command
    [ "$RC" -eq 2 ] && [ -n "$ERR" ] || fail "run_mnsim: did not capture exit status 2 and stderr"
    mkdir "$WORK/d" && touch "$WORK/d/a.ini" "$WORK/d/b.h5"
    [ "$(outputs_in "$WORK/d")" = "./b.h5" ] || fail "outputs_in: got '$(outputs_in "$WORK/d")'"
    msg=$( (fail "probe") 2>&1 ) && fail "fail() did not exit non-zero"
    [ "$msg" = "FAIL [$TEST_NAME]: probe" ] || fail "fail() printed '$msg'"
    echo "PASS lib"
fi
