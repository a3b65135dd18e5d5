#!/usr/bin/env bash
# tests/cli/plan.sh — `mnsim plan` as a clinician runs it: the default patient's recommended
# interval lies in 21-28 days and the three files are written; every contraindication is refused
# by name (exit 3) with a report saying so; a doctor-approved bleeding disorder warns in every report; a Fitzpatrick V
# patient in the sun gets a higher PIH risk than type I with sunscreen; sensitive skin gets a
# longer acid-free period; a bad patient file gives file:line (exit 2).
set -euo pipefail
src=${MNSIM_SOURCE_DIR:?}; bin=${MNSIM:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
py=/usr/bin/python3

out=$("$bin" plan --patient "$src/params/patients/default.ini" -o "$tmp/default" --start 2027-01-04)
n=$(printf '%s\n' "$out" | sed -n 's/^Recommended interval: \([0-9]*\) days$/\1/p')
[ -n "$n" ] || fail "no 'Recommended interval: N days' line in: $out"
[ "$n" -ge 21 ] && [ "$n" -le 28 ] || fail "default patient: recommended $n days, expected 21-28"
for f in plan.md plan.html plan.h5; do [ -s "$tmp/default/$f" ] || fail "missing $f"; done
grep -q "not medical advice" "$tmp/default/plan.html" || fail "plan.html lacks the disclaimer"
grep -q "Recommended interval: $n days" "$tmp/default/plan.md" || fail "plan.md lacks the recommendation"
"$py" - "$tmp/default/plan.h5" "$n" <<'PY' || fail "plan.h5 content"
import sys, h5py, numpy as np
f = h5py.File(sys.argv[1], "r")
iv = f["interval_days"][:]
assert iv[0] == 14 and iv[-1] == 42, iv
assert float(f.attrs["recommended_interval_days"]) == float(sys.argv[2])
score = f["score"][:]
assert iv[len(score) - 1 - np.argmax(score[::-1])] == float(sys.argv[2])  # ties: longer interval
assert np.all(np.isfinite(f["matured_collagen_gain_percent"][:]))
PY

for cond in pregnant:pregnancy psoriasis:psoriasis cold_sores:"cold sores" severe_acne:"severe acne"; do
  key=${cond%%:*}; name=${cond#*:}
  set +e; err=$("$bin" plan --patient "$src/params/patients/default.ini" --set "patient.$key=1" -o "$tmp/x" 2>&1); rc=$?; set -e
  [ $rc -eq 3 ] || fail "$key: exit $rc, expected 3"
  grep -q "refused: $name" <<<"$err" || fail "$key: message does not name '$name': $err"
  grep -q "Refused: $name" "$tmp/x/plan.md" || fail "$key: plan.md does not state the refusal"
  rm -rf "$tmp/x"
done
set +e; err=$("$bin" plan --patient "$src/params/patients/pregnant.ini" -o "$tmp/x" 2>&1); rc=$?; set -e
[ $rc -eq 3 ] && grep -q pregnancy <<<"$err" || fail "pregnant.ini not refused: $rc $err"

set +e; err=$("$bin" plan --patient "$src/params/patients/default.ini" --set patient.bleeding_disorder=1 -o "$tmp/x" 2>&1); rc=$?; set -e
[ $rc -eq 3 ] && grep -q "doctor-approved" <<<"$err" || fail "bleeding disorder without approval: $rc $err"
err=$("$bin" plan --patient "$src/params/patients/default.ini" --set patient.bleeding_disorder=1 --doctor-approved -o "$tmp/bleed" 2>&1 >/dev/null)
grep -q "warning: bleeding disorder" <<<"$err" || fail "no warning on stderr: $err"
grep -q "Warning.*bleeding disorder" "$tmp/bleed/plan.md" || fail "plan.md lacks the warning"
grep -q "Warning.*bleeding disorder" "$tmp/bleed/plan.html" || fail "plan.html lacks the warning"

# PIH risk: Fitzpatrick V in strong sun without sunscreen vs type I with sunscreen (same interval)
pih() { "$bin" plan --patient "$src/params/patients/default.ini" --interval 28 -o "$tmp/$1" "${@:2}" >/dev/null
        "$py" -c "import h5py,sys; print(h5py.File(sys.argv[1],'r')['pigment_peak'][0])" "$tmp/$1/plan.h5"; }
dark=$(pih dark --set patient.fitzpatrick_type=5 --set patient.sun_exposure=0.9 --set patient.sunscreen=no)
fair=$(pih fair --set patient.fitzpatrick_type=1 --set patient.sunscreen=yes)
"$py" -c "import sys; a,b=map(float,sys.argv[1:]); sys.exit(0 if a > 3*b else 1)" "$dark" "$fair" \
  || fail "PIH: type V in sun $dark not well above type I with sunscreen $fair"

# acid-free period: sensitive skin longer than normal skin
hours() { "$bin" plan --patient "$src/params/patients/default.ini" --interval 28 -o "$tmp/$1" --set "patient.sensitivity=$2" >/dev/null
          sed -n 's/.*avoid for \([0-9]*\) hours.*/\1/p' "$tmp/$1/plan.md"; }
normal=$(hours normal 0); sensitive=$(hours sens 1)
[ -n "$normal" ] && [ -n "$sensitive" ] && [ "$sensitive" -gt "$normal" ] \
  || fail "acid-free period: sensitive $sensitive h not longer than normal $normal h"

# bad patient file: file:line, exit 2, nothing written
printf '[patient]\nage_years = 35\nfitzpatrik_type = 3\n' > "$tmp/bad.ini"
set +e; err=$("$bin" plan --patient "$tmp/bad.ini" -o "$tmp/bad" 2>&1); rc=$?; set -e
[ $rc -eq 2 ] || fail "bad patient file: exit $rc"
grep -q "bad.ini:3" <<<"$err" && grep -q "fitzpatrick_type" <<<"$err" \
  || fail "bad patient file message: $err"
[ ! -e "$tmp/bad" ] || fail "bad patient file: output directory created"
echo "plan: all checks passed"
