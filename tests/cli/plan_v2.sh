#!/usr/bin/env bash
# tests/cli/plan_v2.sh — `mnsim plan` as a clinician checks it (issue 16). Properties only, no
# model numbers: every candidate has 10/50/90 % bands (table, plan.h5) and a paired P(beats the
# best); the ensemble is identical at 1 and 2 threads; --interval 28 gives exactly the 28-day row
# of a full search and a compared 28x7 schedule the same numbers; the reasons agree with the
# table; the acne/Fitzpatrick V patient gets edge and PIH warning boxes; a fixed session count
# never says "fewer sessions fit"; --compare, --clinic-days, sessions.csv and an RFC 5545
# sessions.ics (parsed strictly) work; the pregnant patient gets a report (exit 3).
source "$(dirname "$0")/lib.sh"
src=$MNSIM_SOURCE_DIR
pat=$src/params/patients

# --- 1. bands for every candidate; deterministic at any thread count -------------------------
OMP_NUM_THREADS=2 run_mnsim plan --patient "$pat/default.ini" -o "$WORK/d2" --start 2027-01-04
expect_rc 0 "default patient"
full_out=$OUT
OMP_NUM_THREADS=1 run_mnsim plan --patient "$pat/default.ini" -o "$WORK/d1" --start 2027-01-04 -q
expect_rc 0 "default patient, 1 thread"
case "$full_out" in *"Recommendation: every "*) ;; *) fail "no 'Recommendation: every' line" ;; esac
grep -q '^\*\*Recommendation: every .*best single interval\|^\*\*Recommendation: every [0-9]* days\.\*\*' \
  "$WORK/d2/plan.md" || fail "plan.md lacks the recommendation as a range or interval"
$PY - "$WORK/d1/plan.h5" "$WORK/d2/plan.h5" "$WORK/d2/plan.md" <<'PY' || fail "bands / determinism"
import sys, re, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
iv = b["interval_days"][:]
for name in ("matured_collagen_gain_percent", "scar_reduction_percent", "redness_days_per_session",
             "pih_index", "score"):
    q = [b[f"ensemble/{name}_{p}"][:] for p in ("p10", "p50", "p90")]
    assert all(len(x) == len(iv) and np.all(np.isfinite(x)) for x in q), name
    assert np.all(q[0] <= q[1]) and np.all(q[1] <= q[2]), name
    assert np.all(q[0] < q[2]) or name == "scar_reduction_percent", f"{name}: no spread"
    for p in ("p10", "p50", "p90"):  # the same numbers with 1 and 2 threads
        assert np.array_equal(a[f"ensemble/{name}_{p}"][:], b[f"ensemble/{name}_{p}"][:]), name
assert np.array_equal(a["score"][:], b["score"][:])
pb, eq = b["p_beats_best"][:], b["equivalent"][:]
best = float(b.attrs["recommended_interval_days"])
k = int(np.where(iv == best)[0][0])
assert np.isnan(pb[k]) and eq[k] == 1
others = np.delete(pb, k)
assert np.all((others >= 0) & (others <= 1)), pb
assert np.array_equal(eq == 1, np.isnan(pb) | (pb >= 0.2))  # plan.equivalence_probability
lo, hi = float(b.attrs["recommended_range_min_days"]), float(b.attrs["recommended_range_max_days"])
assert lo <= best <= hi and set(iv[eq == 1]) <= set(np.arange(lo, hi + 1))
# every candidate row of the markdown table shows a band [lo–hi] in each outcome column
md = open(sys.argv[3]).read().split("## Candidate schedules")[1].split("\n## ")[0]
rows = [l for l in md.splitlines() if re.match(r"\| \d+( ← best| ≈)? \|", l)]
assert len(rows) == len(iv), (len(rows), len(iv))
for l in rows:
    assert l.count("[") >= 5 and "–" in l, l
PY
[ -s "$WORK/d2/figures/candidates.png" ] || fail "no band figure figures/candidates.png"
grep -q 'figures/candidates.png' "$WORK/d2/plan.html" || fail "plan.html does not show the band figure"

# --- 2. --interval 28 equals the 28-day row; a compared 28x7 schedule too ---------------------
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/i28" --start 2027-01-04 --interval 28 \
  --compare 28x7
expect_rc 0 "--interval 28"
case "$OUT" in *"scores best"*) fail "--interval 28 claims it scores best: $OUT" ;; esac
case "$OUT" in *"Only the requested interval was simulated"*) ;; *) fail "--interval 28: no note that only one interval ran" ;; esac
$PY - "$WORK/d2/plan.h5" "$WORK/i28/plan.h5" <<'PY' || fail "--interval 28 differs from the search row"
import sys, h5py, numpy as np
full, one = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
k = int(np.where(full["interval_days"][:] == 28)[0][0])
names = ["score", "benefit", "cost", "matured_collagen_gain_percent", "pigment_peak"] + \
    [f"ensemble/{n}_{p}" for n in ("matured_collagen_gain_percent", "pih_index", "score") for p in ("p10", "p50", "p90")]
for n in names:
    assert full[n][k] == one[n][0], (n, full[n][k], one[n][0])   # identical, not close
    if not n.startswith("ensemble") and n in one["compare"]:
        assert one["compare"][n][0] == one[n][0], ("28x7", n)
for p in ("p10", "p50", "p90"):
    assert one[f"compare/ensemble/score_{p}"][0] == one[f"ensemble/score_{p}"][0]
PY

# --- 3./4. acne, Fitzpatrick V: edge and PIH warning boxes, reasons agree with the table ------
run_mnsim plan --patient "$pat/acne_fitz5.ini" -o "$WORK/acne" --start 2027-01-04
expect_rc 0 "acne_fitz5"
acne_out=$OUT
best=$($PY -c "import h5py,sys; print(int(h5py.File(sys.argv[1],'r').attrs['recommended_interval_days']))" "$WORK/acne/plan.h5")
if [ "$best" -eq 42 ] || [ "$best" -eq 14 ]; then
  grep -q '^> \*\*Warning: Best interval at the .* edge of the searched range\.\*\* .*--search [0-9]*:[0-9]*' "$WORK/acne/plan.md" \
    || fail "acne: best $best d on the range edge but no edge warning box in plan.md"
  grep -q '<div class="warn"><strong>Warning: Best interval at the' "$WORK/acne/plan.html" \
    || fail "acne: no edge warning box in plan.html"
  grep -q '^WARNING: Best interval at the' <<<"$acne_out" || fail "acne: no edge WARNING line"
fi
grep -q '^> \*\*Warning: High risk of post-inflammatory hyperpigmentation (PIH)\.\*\* .*Action: strict sun protection.*The model predicts for daily sunscreen and every [0-9]* days: PIH risk' \
  "$WORK/acne/plan.md" || fail "acne: no PIH warning box with action and predicted alternative in plan.md"
grep -q '<div class="warn"><strong>Warning: High risk of post-inflammatory' "$WORK/acne/plan.html" \
  || fail "acne: no PIH warning box in plan.html"
grep -q '^WARNING: High risk of post-inflammatory hyperpigmentation' <<<"$acne_out" \
  || fail "acne: no PIH WARNING line on the terminal"
# the reasons agree with the table (plan.h5 holds the same numbers as the table)
printf '%s\n' "$acne_out" > "$WORK/acne_out.txt"
$PY - "$WORK/acne/plan.h5" "$WORK/acne_out.txt" <<'PY' || fail "acne: reasons contradict the table"
import sys, re, h5py, numpy as np
f = h5py.File(sys.argv[1], "r"); text = open(sys.argv[2]).read()
iv = list(f["interval_days"][:]); best = float(f.attrs["recommended_interval_days"])
def row(d, name): return float(f[name][iv.index(d)])
para = " ".join(l for l in text.splitlines() if "scores lower" in l)
assert "fewer sessions fit" not in text
claims = re.findall(r"Every (\d+) days scores lower \(([-\d.]+) vs ([-\d.]+)[^)]*\)([^.]*(?:\.\d+[^.]*)*)\.", para)
assert claims, para
for d, s, sb, rest in claims:
    d, s, sb = float(d), float(s), float(sb)
    assert s < sb, (d, s, sb)
    assert abs(s - row(d, "score")) < 6e-4 and abs(sb - row(best, "score")) < 6e-4, (d, s, sb)
    for word, a, b in re.findall(r"(more|less) new collagen \(([-\d.]+) % vs ([-\d.]+) %\)", rest):
        a, b = float(a), float(b)
        assert (a > b) == (word == "more") and abs(a - row(d, "matured_collagen_gain_percent")) < 0.051, (d, word, a, b)
        assert abs(b - row(best, "matured_collagen_gain_percent")) < 0.051
    for word, a, b in re.findall(r"(more|less) visible redness \(([\d.]+) vs ([\d.]+) days", rest):
        assert (float(a) > float(b)) == (word == "more"), (d, word, a, b)
        assert abs(float(a) - row(d, "redness_visible_days")) <= 0.5
    for word, a, b in re.findall(r"a (higher|lower) PIH risk \(index ([\d.]+) vs ([\d.]+)\)", rest):
        assert (float(a) > float(b)) == (word == "higher"), (d, word, a, b)
print("reasons checked:", len(claims))
PY

# a fixed session count: never "fewer sessions fit", no session-count contrast
run_mnsim plan --patient "$pat/acne_fitz5.ini" -o "$WORK/acne6" --start 2027-01-04 --sessions 6 --search 21:35
expect_rc 0 "acne --sessions 6"
case "$OUT" in *"fewer sessions"*|*"sessions instead of"*) fail "--sessions 6: session-count reason although the count is fixed: $OUT" ;; esac
b6=$(printf '%s\n' "$OUT" | sed -n 's/^Recommended interval: \([0-9]*\) days$/\1/p')
if [ "$b6" = 21 ] || [ "$b6" = 35 ]; then
  grep -q "^WARNING: Best interval at the .* edge.*--search" <<<"$OUT" || fail "--sessions 6: edge $b6 without warning"
else
  grep -q "edge of the searched range" <<<"$OUT" && fail "--sessions 6: edge warning for $b6 inside the range"
fi

# sensitive skin: an acids warning with the model's prediction
# (and an outcome beyond a stated threshold: visible redness per session above plan.warn_redness_days)
run_mnsim plan --patient "$pat/sensitive.ini" -o "$WORK/sens" --start 2027-01-04 --interval 28 \
  --set plan.warn_redness_days=0.5
expect_rc 0 "sensitive"
grep -q '^> \*\*Warning: Long downtime\.\*\* Visible redness about [0-9.]* days per session .*threshold of 0.5 days\. Action:' \
  "$WORK/sens/plan.md" || fail "no downtime warning box beyond plan.warn_redness_days"
grep -q '^WARNING: Long downtime' <<<"$OUT" || fail "no downtime WARNING line"
grep -q '^WARNING: Sensitive skin' <<<"$OUT" || fail "no sensitive-skin WARNING line"
grep -q '^> \*\*Warning: Sensitive skin: no acids while it heals\.\*\* .*Action: no acids.*peak irritation of [0-9.]* per day with an acid product' \
  "$WORK/sens/plan.md" || fail "sensitive skin: no acids warning box with prediction"

# --- 5. --compare: interval x count, dates, a different procedure per visit --------------------
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/cmp" --start 2027-01-04 --search 24:26 \
  --compare 21x6 --compare 2027-01-04,2027-02-01,2027-03-01 \
  --compare "2027-01-04,2027-02-01@$src/params/procedures/peel_medium.ini,2027-03-01"
expect_rc 0 "--compare"
for label in "21 days x 6" "3 visits on given dates" "3 visits on given dates (own procedures)"; do
  grep -q "^| $label |" "$WORK/cmp/plan.md" || fail "--compare: no row '$label' in plan.md"
  grep -q "^$label" <<<"$OUT" || fail "--compare: no row '$label' on the terminal"
done
grep -q '^| recommended: every [0-9]* days |' "$WORK/cmp/plan.md" || fail "--compare: recommendation not side by side"
grep -q '^- 21 days x 6: downtime [0-9]* days of visible redness over the course; PIH risk' "$WORK/cmp/plan.md" \
  || fail "--compare: no downtime/risk line"
$PY - "$WORK/cmp/plan.h5" <<'PY' || fail "--compare: plan.h5 /compare"
import sys, h5py, numpy as np
c = h5py.File(sys.argv[1], "r")["compare"]
assert c.attrs["label_0"] == "21 days x 6" or c.attrs["label_0"] == b"21 days x 6"
s = c["ensemble/score_p50"][:]; r = c["ensemble/redness_days_per_session_p50"][:]
assert len(s) == 3 and np.all(np.isfinite(s))
assert np.all(c["ensemble/score_p10"][:] <= c["ensemble/score_p90"][:])
assert r[2] != r[1], "a medium peel at visit 2 changes nothing"
PY
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/bad" --compare 2027-02-01,2027-01-04
expect_rc 2 "--compare with dates out of order"
expect_err_contains "not after the previous visit" "--compare order"
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/bad" --compare 28x30
expect_rc 2 "--compare that does not fit"

# --- 6. calendar: clinic days, CSV, RFC 5545 ---------------------------------------------------
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/cal" --start 2027-01-04 --interval 25 --clinic-days Mon-Fri
expect_rc 0 "--clinic-days Mon-Fri"
case "$OUT" in *"Booked on clinic days (Mon-Fri)"*"moved, re-simulated"*) ;; *) fail "--clinic-days: no booking line: $OUT" ;; esac
grep -q "the booked schedule was simulated again" "$WORK/cal/plan.md" || fail "--clinic-days: plan.md does not say the booking was re-simulated"
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/cal2" --start 2027-01-04 --interval 25 --clinic-days Tue,Thu -q
expect_rc 0 "--clinic-days Tue,Thu"
run_mnsim plan --patient "$pat/default.ini" -o "$WORK/bad" --clinic-days Mon-Fryday
expect_rc 2 "bad --clinic-days"
SOURCE_DATE_EPOCH=1800000000 run_mnsim plan --patient "$pat/default.ini" -o "$WORK/cal3" --start 2027-01-04 --interval 25 -q
$PY - "$WORK/cal" "$WORK/cal2" "$WORK/cal3" <<'PY' || fail "calendar files"
import sys, csv, datetime as dt, re
def check(d, open_days):
    rows = list(csv.DictReader(open(f"{d}/sessions.csv")))
    assert rows, d
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    assert all(x.strftime("%a") in open_days for x in dates), (d, [x.strftime("%a") for x in dates])
    assert all(r["weekday"] == x.strftime("%a") for r, x in zip(rows, dates))
    assert dates == sorted(set(dates))
    md = open(f"{d}/plan.md").read()
    for x in dates:
        assert x.isoformat() in md, (d, x)
    raw = open(f"{d}/sessions.ics", "rb").read()
    # strict RFC 5545 checks: CRLF only, <= 75 octets per line, folding, escaping, required props
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(l) <= 75 for l in lines), max(len(l) for l in lines)
    raw.decode("utf-8")
    unfolded = []
    for l in lines:
        if l[:1] in (b" ", b"\t"):
            unfolded[-1] += l[1:]
        else:
            unfolded.append(l)
    text = [l.decode("utf-8") for l in unfolded]
    assert text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in text and any(t.startswith("PRODID:") for t in text)
    events, cur = [], None
    for t in text:
        name, _, value = t.partition(":")
        if t == "BEGIN:VEVENT": cur = {}
        elif t == "END:VEVENT": events.append(cur); cur = None
        elif cur is not None: cur[name] = value
    assert len(events) == len(rows)
    uids = [e["UID"] for e in events]
    assert len(set(uids)) == len(uids)
    for e, x, r in zip(events, dates, rows):
        assert re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"]), e["DTSTAMP"]
        assert e["DTSTART;VALUE=DATE"] == x.strftime("%Y%m%d")
        assert e["DTEND;VALUE=DATE"] == (x + dt.timedelta(days=1)).strftime("%Y%m%d")
        desc = e["DESCRIPTION"]
        assert not re.search(r"(?<!\\)[,;]", desc), "unescaped , or ; in DESCRIPTION"
        plain = desc.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")
        assert "no acids" in plain and r["no_acids_until"] in plain and "\n" in plain
    try:  # Debian python3-icalendar, when installed, must read it as well
        import icalendar
    except ImportError:
        return events
    cal = icalendar.Calendar.from_ical(raw)
    ev = [c for c in cal.walk("VEVENT")]
    assert [c.decoded("DTSTART") for c in ev] == dates
    assert all("no acids" in str(c.get("DESCRIPTION")) for c in ev)
    return events
check(sys.argv[1], {"Mon", "Tue", "Wed", "Thu", "Fri"})
check(sys.argv[2], {"Tue", "Thu"})
ev = check(sys.argv[3], {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"})
assert ev[0]["DTSTAMP"] == "20270115T080000Z", ev[0]["DTSTAMP"]  # SOURCE_DATE_EPOCH
PY

# --- 8. refused patient: a report with condition, reason and what to do; exit 3 ---------------
run_mnsim plan --patient "$pat/pregnant.ini" -o "$WORK/preg"
expect_rc 3 "pregnant"
for f in plan.md plan.html; do
  [ -s "$WORK/preg/$f" ] || fail "pregnant: no $f"
  grep -q "Refused: pregnancy" "$WORK/preg/$f" || fail "pregnant: $f does not name the condition"
  grep -q "Reason: avoid during pregnancy" "$WORK/preg/$f" || fail "pregnant: $f gives no reason"
  grep -q "What to do: Do not microneedle during pregnancy" "$WORK/preg/$f" || fail "pregnant: $f says not what to do"
done
[ ! -e "$WORK/preg/plan.h5" ] || fail "pregnant: a plan.h5 was written"
echo "plan_v2: all checks passed"
