# sbml_errors.sh — bad input to `mnsim sbml` exits 2 with a message naming the problem (file:line
# for an unknown key) and writes nothing; an output that cannot be written exits 1 and leaves no
# file (no OUT.partial either); help and the summary line.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

printf '[collagen]\nno_such_key = 3\n' > bad.ini
printf '[schedule]\nsessions = 2\ncourse_days = 60\n' > good.ini

check_bad() { # check_bad "what" "expected stderr text" ARGS...
    local what=$1 text=$2
    shift 2
    run_mnsim "$@"
    expect_rc 2 "$what"
    expect_err_contains "$text" "$what"
    [ -z "$(outputs_in .)" ] || fail "$what: files were created: $(outputs_in .)"
}

check_bad "unknown key" "bad.ini:2" sbml bad.ini -o m.xml
check_bad "unknown key named" "no_such_key" sbml bad.ini -o m.xml
check_bad "unknown key, default output" "bad.ini:2" sbml bad.ini
check_bad "bad --set" "unknown parameter 'collagen.maturaton_days'" \
    sbml good.ini -o m.xml --set collagen.maturaton_days=3
check_bad "schedule does not fit" "schedule.course_days" sbml good.ini -o m.xml \
    --set schedule.sessions=40
check_bad "missing INI" "missing the INI file" sbml -o m.xml
check_bad "missing file" "nope.ini: cannot open" sbml nope.ini -o m.xml
check_bad "unknown option" "unknown option or missing value: '--bogus'" sbml good.ini --bogus
check_bad "output is the input" "is the input file" sbml good.ini -o good.ini
mkdir adir
run_mnsim sbml good.ini -o adir
expect_rc 2 "output is a directory"
expect_err_contains "is a directory" "output is a directory"
[ -z "$(ls adir)" ] || fail "output is a directory: wrote into it"
rmdir adir
check_bad "missing output directory" "directory missing_dir does not exist" \
    sbml good.ini -o missing_dir/m.xml

# an output that cannot be created (a directory nobody may create files in; /proc even for
# root): exit 1, nothing under the name or as .partial
if [ "$(id -u)" -ne 0 ]; then
    mkdir ro && chmod 555 ro
    run_mnsim sbml good.ini -o ro/m.xml
    expect_rc 1 "read-only directory"
    expect_err_contains "ro/m.xml" "read-only directory"
    [ -z "$(ls -A ro)" ] || fail "read-only directory: left $(ls -A ro)"
    chmod 755 ro && rmdir ro
fi
out=/proc/mnsim_sbml_errors_$$.xml
run_mnsim sbml good.ini -o "$out"
expect_rc 1 "unwritable $out"
expect_err_contains "$out" "unwritable $out"
expect_err_contains "cannot write the file" "unwritable $out"
[ ! -e "$out" ] && [ ! -e "$out.partial" ] || fail "unwritable $out: a file was left"

# success: the summary line, the default output name, quiet
run_mnsim sbml good.ini -o m.xml
expect_rc 0 "good.ini"
[ "$OUT" = "wrote m.xml" ] || fail "summary: '$OUT'"
run_mnsim sbml good.ini -o m.xml -q
expect_rc 0 "good.ini again"
[ -z "$OUT" ] || fail "--quiet printed '$OUT'"
run_mnsim sbml good.ini
expect_rc 0 "default output"
[ -s results/good.xml ] || fail "default output results/good.xml missing"
head -c 200 results/good.xml | grep -q 'level="3" version="2"' || fail "not SBML L3V2"
run_mnsim sbml --help
expect_rc 0 "--help"
case "$OUT" in *"usage: mnsim sbml FILE.ini"*) ;; *) fail "--help: '$OUT'" ;; esac
run_mnsim help
case "$OUT" in *"sbml "*) ;; *) fail "mnsim help does not list sbml" ;; esac
echo "PASS sbml_errors"
