#!/usr/bin/env bash
# tests/cli/plan_print.sh — plan.html prints: headless Chromium (Debian `chromium`, installed by
# scripts/setup) prints the acne/Fitzpatrick V patient's plan to PDF with its print stylesheet;
# pdftotext finds the recommendation, the warnings and every session date on the pages, and
# pdfimages finds both figures embedded at full size. Skipped (exit 77) without chromium or
# poppler-utils. MNSIM_KEEP_PDF=DIR keeps the PDF for looking at it (pdftoppm -png).
source "$(dirname "$0")/lib.sh"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIP plan_print: chromium is not installed (scripts/setup installs it)"
  exit 77
fi
for tool in pdftotext pdfimages; do
  command -v "$tool" >/dev/null || { echo "SKIP plan_print: $tool missing (poppler-utils; scripts/setup)"; exit 77; }
done

run_mnsim plan --patient "$MNSIM_SOURCE_DIR/params/patients/acne_fitz5.ini" -o "$WORK/plan" \
  --start 2027-01-04 --search 20:26 --clinic-days Mon-Fri --set plan.ensemble_members=16 -q
expect_rc 0 "plan"
grep -q '@media print' "$WORK/plan/plan.html" || fail "plan.html has no print stylesheet"

set +e
timeout 180 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/profile" --no-pdf-header-footer --print-to-pdf="$WORK/plan.pdf" \
  "file://$WORK/plan/plan.html" >"$WORK/chromium.log" 2>&1
rc=$?
set -e
[ $rc -eq 0 ] && [ -s "$WORK/plan.pdf" ] || fail "chromium could not print (exit $rc): $(tail -5 "$WORK/chromium.log")"
[ -n "${MNSIM_KEEP_PDF:-}" ] && cp "$WORK/plan.pdf" "$MNSIM_KEEP_PDF/"

pdftotext -layout "$WORK/plan.pdf" "$WORK/plan.txt"
flat=$(tr -s ' \n' '  ' <"$WORK/plan.txt")
for want in "Recommended interval:" "Recommendation: every" \
            "Warning: High risk of post-inflammatory hyperpigmentation (PIH)" \
            "Warning: Best interval at the upper edge of the searched range" \
            "not medical advice" "Candidate schedules"; do
  case "$flat" in *"$want"*) ;; *) fail "the printed plan lacks '$want'" ;; esac
done
# every booked session date (sessions.csv) is on the pages
while IFS=, read -r n date _; do
  [ "$n" = session ] && continue
  grep -q "$date" "$WORK/plan.txt" || fail "session $n ($date) is not on the printed pages"
done <"$WORK/plan/sessions.csv"
# both figures (candidate bands, recommended course) are embedded at their full 1200x800 size
n_fig=$(pdfimages -list "$WORK/plan.pdf" | awk 'NR > 2 && $4 >= 1000 && $5 >= 600' | wc -l)
[ "$n_fig" -ge 2 ] || fail "expected 2 figures in the PDF, found $n_fig: $(pdfimages -list "$WORK/plan.pdf")"
pages=$(pdfinfo "$WORK/plan.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
echo "plan_print: ${pages:-?} pages, $n_fig figures, recommendation, warnings and dates printed"
