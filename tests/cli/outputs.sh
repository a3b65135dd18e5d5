#!/usr/bin/env bash
# outputs.sh — output files are never a surprise, for every command that writes (run, check -o,
# params -o, sweep, plot, gallery, plan, claims -o, export -o):
#   * an output path equal to an input path is refused with exit 2 before anything runs (the
#     input is left byte for byte as it was);
#   * an output path that is a directory where a file is written (or a file where a directory is
#     written) is refused with exit 2 before simulating (checked by timing nothing: no .partial,
#     no summary on stdout);
#   * an existing output is replaced, and run/sweep say so ("replaced the existing file");
#   * --set is accepted by run, check, sweep, plan and params and refused with a clear message
#     by the others; -o and -q are accepted by every command.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
printf '[schedule]\nsessions = 2\ncourse_days = 60\n' > s.ini
cp s.ini s.orig
printf '[sweep]\nbase = s.ini\nschedule.interval_days = 14, 21\n' > sw.ini
cp sw.ini sw.orig
mkdir adir
"$MNSIM" run s.ini -o run.h5 -q || fail "setup run"

same() { # same WHAT : the inputs are unchanged and nothing new was written
    cmp -s s.ini s.orig || fail "$1: s.ini was modified"
    cmp -s sw.ini sw.orig || fail "$1: sw.ini was modified"
    [ -z "$(ls adir)" ] || fail "$1: files written into adir: $(ls adir)"
    [ -z "$(ls ./*.partial 2>/dev/null)" ] || fail "$1: a .partial was left"
}
refused() { # refused WHAT TEXT ARGS...
    local what=$1 text=$2
    shift 2
    run_mnsim "$@"
    expect_rc 2 "$what"
    expect_err_contains "$text" "$what"
    [ -z "$OUT" ] || fail "$what: printed on stdout (work was done?): $OUT"
    same "$what"
}
# output = input
refused "run -o input" "is the input file s.ini" run s.ini -o s.ini
refused "run -o ./input" "is the input file s.ini" run s.ini -o ./s.ini
refused "check -o input" "is the input file s.ini" check s.ini -o s.ini
refused "sweep -o sweep file" "is the input file sw.ini" sweep sw.ini -o sw.ini
refused "sweep -o base INI" "is the input file" sweep sw.ini -o s.ini
refused "plan -o patient" "is the input file s.ini" plan --patient s.ini -o s.ini
refused "export -o input" "is the input file run.h5" export run.h5 -o run.h5
refused "plot -o input" "is the input file run.h5" plot run.h5 -o run.h5
cmp -s s.ini s.orig || fail "s.ini changed"
# directories where a file is written, files where a directory is written
for cmd in "run s.ini" "check s.ini" "sweep sw.ini" "export run.h5" "params --ini" "claims C1"; do
    # shellcheck disable=SC2086
    refused "$cmd -o DIR" "-o adir is a directory" $cmd -o adir
done
refused "gallery -o FILE" "exists and is not a directory" gallery -o s.orig
refused "plan -o FILE" "exists and is not a directory" plan --patient s.ini -o s.orig
refused "run -o missing dir" "directory nodir does not exist" run s.ini -o nodir/x.h5
# an existing output is replaced (documented), and run/sweep say so
run_mnsim run s.ini -o r2.h5
expect_rc 0 "run once"
case "$OUT" in *"replaced"*) fail "first run says replaced: $OUT" ;; esac
run_mnsim run s.ini -o r2.h5 --set schedule.sessions=1
expect_rc 0 "run again"
case "$OUT" in "wrote r2.h5 (replaced the existing file)"*) ;; *) fail "second run: $OUT" ;; esac
[ "$("$MNSIM" export r2.h5 --group metrics --dataset sessions_done --tsv | tail -1)" = "1" ] \
    || fail "r2.h5 was not replaced by the second run"
run_mnsim sweep sw.ini -o g.h5
expect_rc 0 "sweep once"
run_mnsim sweep sw.ini -o g.h5
expect_rc 0 "sweep again"
expect_err_contains "wrote g.h5 (replaced the existing file)" "sweep again"
# --set everywhere it means something; a clear refusal elsewhere; -o/-q everywhere
run_mnsim sweep sw.ini -o g2.h5 -q --set patient.age_years=50
expect_rc 0 "sweep --set"
"$PY" -c "import h5py,sys; v=h5py.File('g2.h5')['parameters/patient'].attrs['age_years']; sys.exit(int(v != 50))" \
    || fail "sweep --set not applied to the base values"
run_mnsim params --ini --set schedule.sessions=3 -o p.ini -q
expect_rc 0 "params --set -o"
grep -qx "sessions = 3" p.ini || fail "params --set: p.ini lacks 'sessions = 3'"
for cmd in "plot run.h5" "export run.h5" "gallery" "claims"; do
    # shellcheck disable=SC2086
    refused "$cmd --set" "--set applies to run, check, params, plan, sweep, sensitivity and sbml" $cmd --set schedule.sessions=3
done
run_mnsim export run.h5 --dataset redness --csv -o r.csv -q
expect_rc 0 "export --csv -o"
[ "$(head -1 r.csv)" = "time[day],redness[1]" ] || fail "csv header: $(head -1 r.csv)"
[ "$(sed -n 2p r.csv | tr -cd , | wc -c)" -eq 1 ] || fail "csv row: $(sed -n 2p r.csv)"
run_mnsim claims C1 -q -o c.md
expect_rc 0 "claims -q -o"
[ "$OUT" = "1 of 1 claims and literature targets pass" ] || fail "claims -q printed: $OUT"
grep -q "^| C1 |" c.md || fail "claims -o: no C1 row"
echo "PASS outputs"
