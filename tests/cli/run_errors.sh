# run_errors.sh — bad input to `mnsim run` exits 2 with a message naming the problem and writes
# nothing: the acceptance case (bad.ini line 2 `no_such_key = 3` under [collagen]), an unknown
# option, a missing file, a bad --set name or value, no INI at all, an unknown command; a
# directory that does not exist for the output is refused before simulating (exit 2).
source "$(dirname "$0")/lib.sh"
cd "$WORK"

printf '[collagen]\nno_such_key = 3\n' > bad.ini
printf '[schedule]\nsessions = 2\ncourse_days = 60\n' > good.ini

run_mnsim run bad.ini -o X.h5
expect_rc 2 "acceptance: bad.ini"
expect_err_contains "bad.ini:2" "acceptance: bad.ini"
expect_err_contains "no_such_key" "acceptance: bad.ini"
[ ! -e X.h5 ] || fail "acceptance: X.h5 exists"
[ ! -e X.h5.partial ] || fail "acceptance: X.h5.partial exists"
[ -z "$(outputs_in .)" ] || fail "acceptance: files were created: $(outputs_in .)"
# same without -o: no results/ directory either
run_mnsim run bad.ini
expect_rc 2 "acceptance without -o"
[ -z "$(outputs_in .)" ] || fail "acceptance without -o: files were created: $(outputs_in .)"

check_bad() { # check_bad "what" "expected stderr text" ARGS...
    local what=$1 text=$2
    shift 2
    run_mnsim "$@"
    expect_rc 2 "$what"
    expect_err_contains "$text" "$what"
    [ -z "$(outputs_in .)" ] || fail "$what: files were created: $(outputs_in .)"
}

check_bad "unknown option" "unknown option or missing value: '--bogus'" run good.ini --bogus -o X.h5
check_bad "missing value of -o" "missing value" run good.ini -o
check_bad "missing file" "nope.ini: cannot open: No such file or directory" run nope.ini -o X.h5
check_bad "no INI" "missing the INI file" run -o X.h5
check_bad "bad --set name" "--set collagen.maturaton_days=3: unknown parameter 'collagen.maturaton_days'" \
    run good.ini -o X.h5 --set collagen.maturaton_days=3
check_bad "bad --set hint" "did you mean 'collagen.maturation_days'?" \
    run good.ini -o X.h5 --set collagen.maturaton_days=3
check_bad "bad --set value" "--set collagen.maturation_days=abc: collagen.maturation_days: 'abc' is not a number" \
    run good.ini -o X.h5 --set collagen.maturation_days=abc
check_bad "--set without =" "--set collagen.maturation_days: expected section.key=value" \
    run good.ini -o X.h5 --set collagen.maturation_days
check_bad "--set nan" "is not finite" run good.ini -o X.h5 --set collagen.maturation_days=nan
printf '[collagen]\nmaturation_days = 1e9\n' > big.ini
check_bad "out-of-bounds value" "big.ini:2: collagen.maturation_days: 1e9 is out of bounds" run big.ini -o X.h5
check_bad "schedule does not fit" "schedule.course_days" run good.ini -o X.h5 --set schedule.sessions=40
check_bad "unknown command" "unknown command 'runn' (did you mean 'run'?" runn good.ini
check_bad "unit after a space" "'1.5 cm' is not a number (units are not written in values" \
    run good.ini -o X.h5 --set "procedure.depth_mm=1.5 cm"

# an output directory that does not exist: refused before simulating (exit 2), nothing written
run_mnsim run good.ini -o missing_dir/X.h5
expect_rc 2 "missing output directory"
expect_err_contains "-o missing_dir/X.h5: directory missing_dir does not exist" "missing output directory"
[ -z "$(outputs_in .)" ] || fail "missing output directory: files were created: $(outputs_in .)"
# an integrator failure: exit 1, the simulated time and the offending state, nothing written
run_mnsim run good.ini -o X.h5 --set solver.max_steps=20
expect_rc 1 "integrator failure"
expect_err_contains "good.ini: step limit (solver.max_steps) reached at day" "integrator failure"
expect_err_contains "(state " "integrator failure names the state"
expect_err_contains "nothing was written" "integrator failure"
[ -z "$(outputs_in .)" ] || fail "integrator failure: files were created: $(outputs_in .)"
# a write refused by a pseudo file system (proc: 0 blocks, 0 free) is not a "full disk": the
# message gives the system's reason instead
if [ -d /proc/self ]; then
    run_mnsim run good.ini -o /proc/x.h5
    expect_rc 1 "output on /proc"
    expect_err_contains "/proc/x.h5.partial: cannot create the file" "output on /proc"
    case "$ERR" in *"disk is full"*) fail "output on /proc: said the disk is full: $ERR" ;; esac
    run_mnsim check good.ini -o /proc/x.txt
    expect_rc 1 "check -o on /proc"
    case "$ERR" in *"disk is full"*) fail "check -o on /proc: said the disk is full: $ERR" ;; esac
fi
echo "PASS run_errors"
