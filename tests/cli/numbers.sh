#!/usr/bin/env bash
# numbers.sh — numbers as a person writes them:
#   * `mnsim params --ini -o` round-trips exactly: every number is the first of %.15g, %.16g,
#     %.17g that reads back to the same double (no 9.9999999999999995e-07 for 1e-06), and
#     `mnsim check FILE -o` (the resolved parameters) writes the very same file back, also for
#     values that need 16 or 17 digits;
#   * `mnsim claims` gives collagen changes in percent, like `mnsim run`;
#   * the sweep's progress line and its summary state one rate (courses/s) for the same run;
#   * `mnsim plan -o DIR/` says "wrote DIR/plan.md", never "DIR//plan.md";
#   * the plan's aftercare wording follows the numbers: sensitivity below the warning level is
#     not called "sensitive skin", and the stated slow-down is 100 x slowdown x sensitivity.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

# ---- params: shortest round-trip numbers ----
run_mnsim params --ini -o p.ini --set solver.rtol=2.5e-7 \
    --set patient.age_years=35.100000000000001 --set collagen.synthesis_boost=0.30000000000000004
expect_rc 0 "params --ini -o"
"$PY" - p.ini <<'PY' || fail "params --ini is not the shortest round-trip text (see above)"
import re, sys
bad = 0
numbers = 0
for n, line in enumerate(open(sys.argv[1]), 1):
    m = re.match(r"^[a-z_0-9]+ = (\S+)$", line.strip())
    if not m:
        continue
    text = m.group(1)
    try:
        v = float(text)
    except ValueError:
        continue  # a choice word (rkf45)
    numbers += 1
    for digits in (15, 16, 17):
        shortest = "%.*g" % (digits, v)
        if float(shortest) == v:
            break
    if text != shortest:
        print(f"p.ini:{n}: {text!r}, expected {shortest!r}", file=sys.stderr)
        bad += 1
if numbers < 100:
    print(f"only {numbers} numbers in p.ini", file=sys.stderr)
    bad += 1
sys.exit(1 if bad else 0)
PY
grep -qx "rtol = 2.5e-07" p.ini || fail "rtol: $(grep '^rtol' p.ini)"
grep -qx "atol = 1e-08" p.ini || fail "atol: $(grep '^atol' p.ini)"
grep -qx "age_years = 35.1" p.ini || fail "age_years: $(grep '^age_years' p.ini)"
grep -qx "synthesis_boost = 0.30000000000000004" p.ini || fail "synthesis_boost: $(grep '^synthesis_boost' p.ini)"
grep -q "9.9999999999999995e-07\|e-07[0-9]" p.ini && fail "e-07 junk in p.ini"
"$MNSIM" params solver | grep -q "1e-06" || fail "params table: rtol is not 1e-06"
# read back: check resolves p.ini and writes the same values (exactly the same file)
run_mnsim check p.ini -o q.ini -q
expect_rc 0 "check p.ini -o q.ini"
cmp -s <(grep -v '^;' p.ini | grep -v '^$') <(grep -v '^;' q.ini | grep -v '^$') ||
    fail "params -o does not read back: $(diff <(grep -v '^;' p.ini) <(grep -v '^;' q.ini) | head)"

# ---- claims: collagen changes in percent, like run ----
run_mnsim claims C3 C4 C7
expect_rc 0 "claims C3 C4 C7"
grep -q "whole dermis [+-][0-9.]* % on day 30" <<<"$OUT" || fail "C3 whole dermis not in %: $OUT"
grep -q "treated-layer collagen [+-][0-9.]* %," <<<"$OUT" || fail "C4/C7 collagen not in %: $OUT"
if grep -E "collagen [+-]0\.[0-9]+[,;]" <<<"$OUT"; then fail "a bare fraction for collagen: $OUT"; fi
run_mnsim run "$MNSIM_SOURCE_DIR/params/default.ini" -o r.h5
expect_rc 0 "run"
grep -q "collagen gain at the end *[+-][0-9.]* %" <<<"$OUT" || fail "run: collagen not in %: $OUT"

# ---- sweep: one definition of courses/s ----
printf '[sweep]\nbase = %s\ndesign = lhs\npoints = 4000\nseed = 1\npatient.age_years = 25 .. 65\nschedule.sessions = 1 .. 4\n' \
    "$MNSIM_SOURCE_DIR/tests/fixtures/sweeps/base_120.ini" >lhs.ini
# a terminal for the progress bar (script(1)); its last line and the summary state the rate
script -qec "\"$MNSIM\" sweep lhs.ini -o l.h5 -t 2" /dev/null </dev/null | tr '\r' '\n' >sweep.log ||
    fail "sweep under script: $(cat sweep.log)"
bar=$(grep -o '[0-9]* courses/s  ETA' sweep.log | tail -1 | cut -d' ' -f1)
read -r n secs rate < <(sed -n 's/^sweep: \([0-9]*\) courses in \([0-9.]*\) s (\([0-9]*\) courses\/s.*/\1 \2 \3/p' sweep.log)
[ -n "$bar" ] && [ -n "${rate:-}" ] || fail "no progress rate or summary: $(cat sweep.log)"
[ "$n" = 4000 ] || fail "summary counts $n courses"
# the summary's rate is its courses over its seconds, and the bar's last rate is the same number
awk -v n="$n" -v s="$secs" -v r="$rate" -v b="$bar" 'BEGIN {
    d = n / s; if (r < 0.9 * d - 1 || r > 1.1 * d + 1) { print "summary " r " vs " n "/" s; exit 1 }
    if (b < 0.9 * r - 1 || b > 1.1 * r + 1) { print "bar " b " vs summary " r; exit 1 } }' ||
    fail "sweep rates disagree: $(tail -3 sweep.log)"

# without a terminal: the 100 % line comes after the last write, with the summary's rate
run_mnsim sweep lhs.ini -o l2.h5 -t 2
expect_rc 0 "sweep (no terminal)"
last=$(sed -n 's/^sweep: 100% ([0-9/]* points, \([0-9]*\) courses\/s.*/\1/p' <<<"$ERR")
rate2=$(sed -n 's/^sweep: [0-9]* courses in [0-9.]* s (\([0-9]*\) courses\/s.*/\1/p' <<<"$ERR")
[ -n "$last" ] && [ -n "$rate2" ] || fail "no 100 % line or summary: $ERR"
awk -v a="$last" -v b="$rate2" 'BEGIN { exit !(a >= 0.95 * b - 1 && a <= 1.05 * b + 1) }' ||
    fail "100 % line says $last courses/s, the summary $rate2: $ERR"

# ---- plan: no double slash; aftercare wording from the numbers ----
pat=$MNSIM_SOURCE_DIR/params/patients/default.ini
sens=$(sed -n 's/^sensitivity *= *//p' "$pat")
run_mnsim plan --patient "$pat" --interval 28 --sessions 2 --start 2027-01-04 -o pl/ -t 2
expect_rc 0 "plan -o pl/"
case "$OUT" in *"//"*) fail "plan printed a double slash: $(grep -F // <<<"$OUT")" ;; esac
grep -q "^wrote pl/plan.md" <<<"$OUT" || fail "plan: no 'wrote pl/plan.md': $OUT"
acid=$(grep "^- Acids and exfoliants" pl/plan.md)
case "$acid" in *"sensitive skin"*) fail "sensitivity $sens called sensitive skin: $acid" ;; esac
pct=$(awk -v s="$sens" 'BEGIN { printf "%.0f", 100 * 1.0 * s }') # epidermis.sensitivity_slowdown = 1
case "$acid" in *"sensitivity $(printf '%.2f' "$sens"), below the warning level 0.50, makes barrier repair take $pct % longer"*) ;;
*) fail "aftercare at sensitivity $sens: $acid" ;; esac
"$MNSIM" plan --patient "$pat" --set patient.sensitivity=0 --interval 28 --sessions 2 \
    --start 2027-01-04 -o pl0 -q -t 2 || fail "plan sensitivity 0"
case "$(grep "^- Acids and exfoliants" pl0/plan.md)" in *"%."*"longer"* | *"sensitiv"*)
    fail "sensitivity 0 gives a reason: $(grep '^- Acids' pl0/plan.md)" ;; esac
"$MNSIM" plan --patient "$pat" --set patient.sensitivity=0.8 --interval 28 --sessions 2 \
    --start 2027-01-04 -o pl8 -q -t 2 || fail "plan sensitivity 0.8"
grep -q "^- Acids.*longer than for normal skin: at sensitivity 0.80 barrier repair takes 80 % longer" \
    pl8/plan.md || fail "sensitivity 0.8: $(grep '^- Acids' pl8/plan.md)"
echo "PASS numbers"
