#!/usr/bin/env bash
# tests/cli/valgrind.sh — memcheck finds no error and no leak in a run, a small sweep, an export
# and a plan. Skipped (exit 77) in the sanitizer build, where valgrind cannot run.
set -euo pipefail
bin=${MNSIM:?}; src=${MNSIM_SOURCE_DIR:?}
[ "${MNSIM_SANITIZED:-0}" = 1 ] && { echo "skipped: sanitizer build"; exit 77; }
command -v valgrind >/dev/null || { echo "FAIL: valgrind missing (scripts/setup installs it)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
vg() { # runs mnsim under memcheck; the program's own exit status is ignored, memcheck's is not
  local rc=0
  valgrind -q --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=99 "$bin" "$@" >/dev/null 2>"$tmp/vg.err" || rc=$?
  [ $rc -ne 99 ] || { echo "FAIL: valgrind reports errors for: mnsim $*"; cat "$tmp/vg.err"; exit 1; }
}
vg run "$src/params/default.ini" -o "$tmp/run.h5" -q
vg export "$tmp/run.h5" --dataset redness
vg sweep "$src/tests/fixtures/sweeps/small_grid.ini" -o "$tmp/grid.h5" --threads 1 -q
vg plan --patient "$src/params/patients/default.ini" --interval 28 -o "$tmp/plan" -q --start 2027-01-04
vg run "$tmp/missing.ini" -o "$tmp/x.h5"
[ -s "$tmp/plan/figures/panels.png" ] || { echo "FAIL: plan figure missing"; exit 1; }
echo "valgrind: clean"
