#!/usr/bin/env bash
# tests/cli/c14_robustness.sh — a light run of the C14 robustness check (scripts/c14-robustness
# runs 200 samples): 20 Latin-hypercube samples of the ten most influential rates at +-20 % keep
# C14 in >= 90 % (exit 0), ten rates are listed, the best-D percentiles lie in 21-28 and are
# ordered; a bad sample count is a usage error (exit 2).
source "$(dirname "$0")/lib.sh"
run_mnsim claims --robustness 20
expect_rc 0 "mnsim claims --robustness 20"
[ "$(grep -c 'max change of the normalised C14 curve' <<<"$OUT")" -eq 10 ] ||
    fail "expected ten ranked rates: $OUT"
line=$(printf '%s\n' "$OUT" | sed -n 's/^samples meeting C14: \([0-9]*\) of 20 .*/\1/p')
[ -n "$line" ] && [ "$line" -ge 18 ] || fail "fraction meeting C14: $OUT"
read -r p5 p50 p95 < <(printf '%s\n' "$OUT" |
    sed -n 's#^best D percentiles 5/50/95 %: \([0-9]*\)/\([0-9]*\)/\([0-9]*\) days.*#\1 \2 \3#p')
[ -n "${p95:-}" ] || fail "no percentile line: $OUT"
[ "$p5" -ge 21 ] && [ "$p5" -le "$p50" ] && [ "$p50" -le "$p95" ] && [ "$p95" -le 28 ] ||
    fail "best-D percentiles $p5/$p50/$p95 not ordered within 21-28"
run_mnsim claims --robustness x
expect_rc 2 "bad sample count"
grep -q "'x' is not a sample count" <<<"$ERR" || fail "message: $ERR"
echo "c14_robustness: ok"
