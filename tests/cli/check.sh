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
    if [[ "$ERR" == *" errors (in line order):"* ]]; then
        # check lists every error; run stops at the first, which must be check's first line
        first=$(sed -n 2p <<<"$ERR")
        [ "mnsim: error: $first" = "$run_err" ] || fail "$name: run's error '$run_err' is not check's first '$first'"
    else
        [ "$ERR" = "$run_err" ] || fail "$name: messages differ: check '$ERR' vs run '$run_err'"
    fi
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

# layered files: every one is named, in order
run_mnsim check "$MNSIM_SOURCE_DIR/params/default.ini" "$FIXTURES/valid_comments.ini"
expect_rc 0 "check default.ini valid_comments.ini"
case "$OUT" in *"default.ini + $FIXTURES/valid_comments.ini: OK ("*) ;;
*) fail "check with two files printed: $OUT" ;; esac

# --set is validated by check as well
run_mnsim check "$FIXTURES/valid_comments.ini" --set collagen.maturaton_days=3
expect_rc 2 "check --set"
expect_err_contains "did you mean 'collagen.maturation_days'?" "check --set"
# three mistakes in one file: all three reported, in line order, in one run; the unknown
# section at its [header] line
printf '[schedule]\nsessions = 3\nfoo = 2\n[colagen]\nsynthesis_boost = 1\n[procedure]\ndepth_mm = abc\n' >three.ini
run_mnsim check three.ini
expect_rc 2 "check three.ini"
want="mnsim: error: three.ini: 3 errors (in line order):
three.ini:3: unknown key 'foo' in [schedule] (see \`mnsim params\`)
three.ini:4: unknown section [colagen] (did you mean [collagen]?) (see \`mnsim params\`)
three.ini:7: procedure.depth_mm: 'abc' is not a number; expected a number in [0.25, 2.5] mm"
[ "$ERR" = "$want" ] || fail "check three.ini printed: $ERR"
rm -f three.ini

# sweep files are checked by the sweep loader
run_mnsim check "$MNSIM_SOURCE_DIR/params/sweeps/interval_sessions.ini"
expect_rc 0 "check sweep file"
case "$OUT" in *"OK (sweep file: 8 courses over 2 parameters)"*) ;; *) fail "check sweep printed: $OUT" ;; esac
echo "PASS check ($n fixtures)"
