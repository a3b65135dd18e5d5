#!/usr/bin/env bash
# tests/cli/sensitivity_resume.sh — SIGKILL `mnsim sensitivity` at random moments (sampling or
# the analysis after it), resume, and compare with an uninterrupted run bit for bit (h5diff, every
# dataset): the indices are written into OUT.h5.partial before it is renamed, so a file named
# OUT.h5 always holds them, and a run killed during the analysis (or after it, before the
# rename) resumes into the same file.
# MNSIM_CRASH_TRIALS trials (default 6; 2 in sanitized builds); MNSIM_CRASH_SEED fixes the kill
# times (printed).
source "$(dirname "$0")/lib.sh"
trials=${MNSIM_CRASH_TRIALS:-6}
seed=${MNSIM_CRASH_SEED:-$$}
RANDOM=$seed
if [ -z "${MNSIM_CRASH_TRIALS:-}" ] && { [ "${MNSIM_SANITIZED:-0}" = "1" ] || [ "${MNSIM_SANITIZED:-}" = "TRUE" ]; }; then
    trials=2
fi
spec=$MNSIM_SOURCE_DIR/tests/fixtures/sensitivity/resume_medium.ini

start=$(date +%s.%N)
"$MNSIM" sensitivity "$spec" -o "$WORK/ref.h5" --threads 2 -q || fail "reference run"
ref_ms=$(echo "($(date +%s.%N) - $start) * 1000 / 1" | bc)
[ "$ref_ms" -ge 100 ] || ref_ms=100

killed=0
for t in $(seq "$trials"); do
    rm -f "$WORK/out.h5" "$WORK/out.h5.partial"
    delay_ms=$((RANDOM % ref_ms))
    "$MNSIM" sensitivity "$spec" -o "$WORK/out.h5" --threads 2 -q &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null || true
    what="trial $t (seed $seed, kill after $delay_ms ms of $ref_ms)"
    [ -e "$WORK/out.h5" ] && [ -e "$WORK/out.h5.partial" ] && fail "$what: both out.h5 and .partial"
    if [ -e "$WORK/out.h5" ]; then # finished before the kill: complete, indices included
        :
    elif [ -e "$WORK/out.h5.partial" ]; then
        run_mnsim sensitivity "$spec" -o "$WORK/out.h5" --resume --threads 2 -q
        [ "$RC" -eq 0 ] || fail "$what: resume exit $RC: $ERR"
    else # killed before the file existed
        run_mnsim sensitivity "$spec" -o "$WORK/out.h5" --threads 2 -q
        [ "$RC" -eq 0 ] || fail "$what: fresh run exit $RC: $ERR"
    fi
    [ ! -e "$WORK/out.h5.partial" ] || fail "$what: .partial left after the resume"
    if ! h5diff --exclude-attribute / "$WORK/ref.h5" "$WORK/out.h5" >"$WORK/diff" 2>&1; then
        head -20 "$WORK/diff" >&2
        fail "$what: the file differs from the uninterrupted run"
    fi
    h5ls "$WORK/out.h5/ST" >/dev/null 2>&1 || fail "$what: out.h5 without its indices"
done
# the windows a random kill rarely hits, made on purpose: (1) the samples analysed and the indices
# written, but the run stopped before the rename; (2) an analysis that failed half-way (indices
# missing, their scales left). --resume analyses again into the same file.
cp "$WORK/ref.h5" "$WORK/w.h5.partial"
run_mnsim sensitivity "$spec" -o "$WORK/w.h5" --resume --threads 2 -q
[ "$RC" -eq 0 ] || fail "resume of an analysed .partial: exit $RC: $ERR"
h5diff --exclude-attribute / "$WORK/ref.h5" "$WORK/w.h5" >/dev/null ||
    fail "resume of an analysed .partial: the file differs from the uninterrupted run"
rm -f "$WORK/w.h5"
cp "$WORK/ref.h5" "$WORK/w.h5.partial"
"$PY" -c 'import h5py, sys; f = h5py.File(sys.argv[1], "r+"); [f.__delitem__(k) for k in ("ST", "ST_lo", "S1", "variance")]' \
    "$WORK/w.h5.partial" || fail "h5py could not remove the indices"
run_mnsim sensitivity "$spec" -o "$WORK/w.h5" --resume --threads 2 -q
[ "$RC" -eq 0 ] || fail "resume of a half-analysed .partial: exit $RC: $ERR"
h5diff --exclude-attribute / "$WORK/ref.h5" "$WORK/w.h5" >/dev/null ||
    fail "resume of a half-analysed .partial: the file differs from the uninterrupted run"

echo "sensitivity_resume: $trials/$trials identical to the reference ($killed killed mid-run; seed $seed)"
[ "$killed" -ge 1 ] || fail "no trial was killed mid-run (the run finished too fast)"
