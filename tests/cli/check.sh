# check.sh — `mnsim check` agrees with `mnsim run` on every fixture in tests/fixtures/ini (same
# exit status, same stderr) and writes nothing; a valid file is reported OK.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

n=0
shopt -s nullglob
for ini in "$FIXTURES"/*.ini "$FIXTURES/does_not_exist.ini"; do
    name=$(basename "$ini")
    run_mnsim run -q "$ini" -o "$WORK/run.h5"
    run_rc=$RC run_err=$ERR
    rm -f "$WORK/run.h5"
    run_mnsim check -q "$ini"
    [ "$RC" -eq "$run_rc" ] || fail "$name: check exits $RC, run exits $run_rc (check: $ERR; run: $run_err)"
    [ "$ERR" = "$run_err" ] || fail "$name: messages differ: check '$ERR' vs run '$run_err'"
    [ "$RC" -eq 0 ] || [ "$RC" -eq 2 ] || fail "$name: exit status $RC is neither 0 nor 2"
    if [ "$RC" -eq 2 ]; then
        [ -n "$ERR" ] || fail "$name: rejected without a message"
        case "$ERR" in "mnsim: error: "*) ;; *) fail "$name: message lacks the 'mnsim: error: ' prefix: $ERR" ;; esac
    fi
    [ -z "$(outputs_in .)" ] || fail "$name: files were left: $(outputs_in .)"
    n=$((n + 1))
done
[ "$n" -ge 10 ] || fail "only $n fixtures found in $FIXTURES"

# the acceptance fixture through check
run_mnsim check "$FIXTURES/bad.ini"
expect_rc 2 "check bad.ini"
expect_err_contains "bad.ini:2: unknown key 'no_such_key' in [collagen]" "check bad.ini"

# a valid file: OK with the number of changed parameters and sessions
run_mnsim check "$FIXTURES/valid_comments.ini"
expect_rc 0 "check valid_comments.ini"
case "$OUT" in *"valid_comments.ini: OK (6 parameters differ from their defaults; 3 sessions over 120 days)"*) ;;
*) fail "check valid_comments.ini printed: $OUT" ;; esac

# --set is validated by check as well
run_mnsim check "$FIXTURES/valid_comments.ini" --set collagen.maturaton_days=3
expect_rc 2 "check --set"
expect_err_contains "did you mean 'collagen.maturation_days'?" "check --set"
echo "PASS check ($n fixtures)"
