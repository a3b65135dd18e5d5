#!/usr/bin/env bash
# plot_render.sh — `mnsim plot` and `mnsim gallery` render every figure kind: a run file and grid
# and sampled sweep files in png, svg and pdf, and every gallery figure with its index; figures
# checked by plot_check.py (PNG signature, size, not blank). Temporary files are removed. A
# missing or failing gnuplot gives a clear error naming the script, exit 1.
set -euo pipefail
: "${MNSIM:?}" "${MNSIM_SOURCE_DIR:?}"
PY=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
check() { $PY "$MNSIM_SOURCE_DIR/tests/cli/plot_check.py" "$@"; }
# full pixel check (slow in pure Python) for png, quick checks for the rest
full() { if [ "$1" = png ]; then echo ""; else echo --quick; fi; }
export TMPDIR="$tmp/t"   # where plot puts its temporary TSV files
mkdir -p "$TMPDIR"

"$MNSIM" run "$MNSIM_SOURCE_DIR/params/default.ini" -o "$tmp/run.h5" --quiet
$PY "$MNSIM_SOURCE_DIR/tests/cli/plot_sweepfiles.py" "$tmp"

for fmt in png svg pdf; do
    "$MNSIM" plot "$tmp/run.h5" -o "$tmp/run_$fmt" --format "$fmt" --observable glow --quiet
    check $(full $fmt) "$tmp/run_$fmt/panels.$fmt"
    check --quick "$tmp/run_$fmt/redness.$fmt" "$tmp/run_$fmt/glow.$fmt"
    for s in grid2 grid1 lhs; do
        "$MNSIM" plot "$tmp/$s.h5" -o "$tmp/${s}_$fmt" --format "$fmt" \
            --observable collagen_gain_percent --quiet
    done
    check $(full $fmt) "$tmp/grid2_$fmt/collagen_gain_percent_heatmap.$fmt" \
          "$tmp/grid2_$fmt/collagen_gain_percent_lines.$fmt" \
          "$tmp/grid1_$fmt/collagen_gain_percent.$fmt" "$tmp/lhs_$fmt/collagen_gain_percent.$fmt"
done
# default output directory and default metrics of a sweep
"$MNSIM" plot "$tmp/grid2.h5" --quiet
check --quick "$tmp/grid2/redness_visible_days_heatmap.png"

# a real sweep file from `mnsim sweep` (4 x 2 grid), when that command is built in
if "$MNSIM" help sweep > /dev/null 2>&1; then
    "$MNSIM" sweep "$MNSIM_SOURCE_DIR/params/sweeps/interval_sessions.ini" -o "$tmp/real.h5" --quiet
    "$MNSIM" plot "$tmp/real.h5" -o "$tmp/real" --observable collagen_gain_percent --quiet
    check --quick "$tmp/real/collagen_gain_percent_heatmap.png" "$tmp/real/collagen_gain_percent_lines.png"
fi

"$MNSIM" gallery -o "$tmp/gallery" --quiet
imgs=$(ls "$tmp/gallery"/*.png)
[ "$(echo "$imgs" | wc -l)" -eq 8 ] || fail "gallery: expected 8 figures, got: $imgs"
check "$tmp/gallery/redness_peels.png"
check --quick $imgs
for f in $imgs; do
    b=$(basename "$f")
    grep -q "($b)" "$tmp/gallery/index.md" || fail "index.md does not embed $b"
    grep -q "src=\"$b\"" "$tmp/gallery/index.html" || fail "index.html does not embed $b"
done
[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary files left behind: $(ls "$TMPDIR")"

# gnuplot missing or failing: exit 1, the script and the reason named
set +e
MNSIM_GNUPLOT=/nonexistent "$MNSIM" plot "$tmp/run.h5" -o "$tmp/x" 2> "$tmp/err"; rc=$?
set -e
[ $rc -eq 1 ] || fail "missing gnuplot: exit $rc, expected 1"
grep -q "gnuplot not found" "$tmp/err" && grep -q "run_panels.gp" "$tmp/err" \
    || { cat "$tmp/err"; fail "missing gnuplot: unclear message"; }
printf '#!/bin/sh\necho "broken gnuplot: cannot plot" >&2\nexit 3\n' > "$tmp/badgp"
chmod +x "$tmp/badgp"
set +e
MNSIM_GNUPLOT="$tmp/badgp" "$MNSIM" gallery -o "$tmp/y" --only redness_peels 2> "$tmp/err"; rc=$?
set -e
[ $rc -eq 1 ] || fail "failing gnuplot: exit $rc, expected 1"
grep -q "lines.gp" "$tmp/err" && grep -q "broken gnuplot: cannot plot" "$tmp/err" \
    || { cat "$tmp/err"; fail "failing gnuplot: message lacks the script or gnuplot's stderr"; }
[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary files left behind after a failure"
# bad input: exit 2
set +e
"$MNSIM" plot "$tmp/missing.h5" 2> /dev/null; rc=$?
"$MNSIM" plot "$tmp/run.h5" --format gif 2> /dev/null; rc2=$?
set -e
[ $rc -eq 2 ] && [ $rc2 -eq 2 ] || fail "bad input: exit $rc/$rc2, expected 2"
echo "plot_render: ok"
