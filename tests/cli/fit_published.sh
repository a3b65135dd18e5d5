#!/usr/bin/env bash
# tests/cli/fit_published.sh — the worked example of docs/ANALYSIS.md: `mnsim fit
# params/fit/published.ini` (g_L, e_E and s_w against the published means of Lotfi 2013, Aust 2008
# and Ablon 2018, three groups with their own schedules) converges from every start, reports chi2
# per degree of freedom (4 rows, 3 parameters: 1 dof) with p > 0.01, keeps every estimate inside
# its bounds and away from them, and gives the values docs/ANALYSIS.md quotes (to 3 digits).
source "$(dirname "$0")/lib.sh"
run_mnsim fit "$MNSIM_SOURCE_DIR/params/fit/published.ini" -o "$WORK/pub.h5" --threads 2
expect_rc 0 "published example"
grep -q "4 observations, 3 parameters, 8 of 8 starts converged" <<<"$OUT" || fail "starts: $OUT"
line=$(grep "chi2 = " <<<"$OUT") || fail "no chi2 line: $OUT"
read -r chi2 dof per p < <(sed -n 's/.*chi2 = \([0-9.e+-]*\) with \([0-9]*\) degrees of freedom (chi2\/dof = \([0-9.e+-]*\), p = \([0-9.e+-]*\)).*/\1 \2 \3 \4/p' <<<"$line")
[ "${dof:-}" = 1 ] || fail "degrees of freedom: $line"
awk -v c="$chi2" -v r="$per" -v p="$p" 'BEGIN { d = r - c; if (d < 0) d = -d; exit !(c > 0 && d < 0.01 * c && p > 0.01) }' ||
    fail "chi2 $chi2, chi2/dof $per, p $p"
case "$ERR" in *"at its"*"bound"*) fail "an estimate at a bound: $ERR" ;; esac
est() { awk -v k="$1" '$1 == k { print $2 }' <<<"$OUT"; }
g=$(est treated_layer.synthesis_per_day)
e=$(est treated_layer.epidermal_support)
s=$(est quality.wrinkle_sensitivity)
# the values quoted in docs/ANALYSIS.md
grep -q "g_L = $(printf %.3g "$g")" "$MNSIM_SOURCE_DIR/docs/ANALYSIS.md" &&
    grep -q "e_E = $(printf %.3g "$e")" "$MNSIM_SOURCE_DIR/docs/ANALYSIS.md" &&
    grep -q "s_w = $(printf %.3g "$s")" "$MNSIM_SOURCE_DIR/docs/ANALYSIS.md" ||
    fail "docs/ANALYSIS.md does not quote g_L = $g, e_E = $e, s_w = $s"
grep -q "chi2 = $(printf %.3g "$chi2")" "$MNSIM_SOURCE_DIR/docs/ANALYSIS.md" ||
    fail "docs/ANALYSIS.md does not quote chi2 = $chi2"
echo "fit_published: g_L $g, e_E $e, s_w $s; chi2 $chi2 on $dof dof (p $p)"
