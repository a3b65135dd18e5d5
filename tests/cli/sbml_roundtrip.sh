# sbml_roundtrip.sh — `mnsim sbml` writes SBML that, integrated independently (libSBML reads it,
# SciPy integrates its rate rules and events: tests/cli/sbml_roundtrip.py), agrees with `mnsim run`
# on the same INI to 1e-4 relative on every observable and state over the whole course
# (params/default.ini and tests/fixtures/ini/sbml_course.ini, default solver settings); with tight
# mnsim tolerances to 1e-5 with a floor a thousand times lower (the equations are the same; what
# is left is solver error), and the medium and deep peels to 1e-6. A changed rate must make the comparison fail. The document carries
# the provenance, sources, units and SBO terms it promises.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
HELPER="$MNSIM_SOURCE_DIR/tests/cli/sbml_roundtrip.py"
$PY -c 'import libsbml, scipy' 2>/dev/null ||
    fail "python3-sbml5 and python3-scipy are needed (scripts/setup installs them)"

roundtrip() { # roundtrip WHAT XML H5 [REL_TOL FLOOR]: the comparison must pass
    local what=$1
    shift
    set +e
    $PY "$HELPER" "$@" >"$WORK/cmp.txt" 2>&1
    local rc=$?
    set -e
    tail -1 "$WORK/cmp.txt"
    [ $rc -eq 0 ] || fail "$what: $(grep -E 'FAILED|not in|Error|error' "$WORK/cmp.txt")"
}

# params/default.ini: six 1.5 mm sessions every 28 days from day 0 over a year
run_mnsim sbml "$MNSIM_SOURCE_DIR/params/default.ini" -o m.xml
expect_rc 0 "sbml default.ini"
case "$OUT" in "wrote m.xml"*) ;; *) fail "sbml default.ini: printed '$OUT'" ;; esac
[ ! -e m.xml.partial ] || fail "m.xml.partial left behind"
run_mnsim run "$MNSIM_SOURCE_DIR/params/default.ini" -o run.h5 -q
expect_rc 0 "run default.ini"
roundtrip "default.ini" m.xml run.h5 1e-4 1e-3
grep -q "compared 43 series at 1461 times" "$WORK/cmp.txt" ||
    fail "default.ini: not every series compared"

# the same with tight mnsim tolerances: agreement limited by the solvers only
run_mnsim run "$MNSIM_SOURCE_DIR/params/default.ini" -o tight.h5 -q --set solver.method=rk8pd \
    --set solver.rtol=1e-11 --set solver.atol=1e-14
expect_rc 0 "run default.ini (tight)"
roundtrip "default.ini, tight tolerances" m.xml tight.h5 1e-5 1e-6

# a changed rate is detected (the comparison is not vacuous)
run_mnsim sbml "$MNSIM_SOURCE_DIR/params/default.ini" -o changed.xml -q \
    --set inflammation.resolution_per_day=1.01
expect_rc 0 "sbml with --set"
if $PY "$HELPER" changed.xml run.h5 >changed.txt 2>&1; then
    fail "a 1 % change of inflammation.resolution_per_day passed the comparison"
fi
grep -q "^FAILED: .*inflammation" changed.txt || fail "changed rate: $(tail -2 changed.txt)"

# a second course: other sessions, needle depth, peel, dermaplaning, serum and acid, patient
run_mnsim sbml "$FIXTURES/sbml_course.ini" -o course.xml -q
expect_rc 0 "sbml sbml_course.ini"
run_mnsim run "$FIXTURES/sbml_course.ini" -o course.h5 -q
expect_rc 0 "run sbml_course.ini"
roundtrip "sbml_course.ini" course.xml course.h5 1e-4 1e-3

# every peel class (the other branches of the injury formulas), with tight mnsim tolerances: at
# the default ones a deep peel's barrier integrity (1 - deficit, with the deficit near 1) carries
# mnsim's own step error of ~5e-4 relative
for peel in peel_medium peel_deep; do
    ini="$MNSIM_SOURCE_DIR/params/procedures/$peel.ini"
    run_mnsim sbml "$ini" -o "$peel.xml" -q
    expect_rc 0 "sbml $peel.ini"
    run_mnsim run "$ini" -o "$peel.h5" -q --set solver.method=rk8pd --set solver.rtol=1e-11 \
        --set solver.atol=1e-14
    expect_rc 0 "run $peel.ini"
    roundtrip "$peel.ini, tight tolerances" "$peel.xml" "$peel.h5" 1e-5 1e-3
done

# what the document promises: events, provenance, sources, units, SBO terms
$PY - m.xml course.xml "$MNSIM_SOURCE_DIR/params/default.ini" <<'PYEOF' || fail "document contents"
import sys, libsbml
m = libsbml.readSBMLFromFile(sys.argv[1]).getModel()
c = libsbml.readSBMLFromFile(sys.argv[2]).getModel()
assert m.getLevel() == 3 and m.getVersion() == 2, (m.getLevel(), m.getVersion())
ev = lambda model, kind: [e for e in model.getListOfEvents() if e.getId().startswith(kind + "_")]
assert len(ev(m, "session")) == 6 and len(ev(m, "serum")) == 6, m.getNumEvents()
assert not ev(m, "acid"), m.getNumEvents()
assert len(ev(c, "session")) == 4 and len(ev(c, "serum")) == 4 and len(ev(c, "acid")) == 4
trigger = lambda e: libsbml.formulaToL3String(e.getTrigger().getMath())
days = sorted(float(trigger(e).split()[2]) for e in ev(c, "session"))
assert days == [7, 42, 77, 112], days
for e in c.getListOfEvents():
    t = e.getTrigger()
    assert not t.getInitialValue() and t.getPersistent(), e.getId()
    assert e.getUseValuesFromTriggerTime() and not e.isSetDelay(), e.getId()
notes = m.getNotesString()
for text in ("mnsim version", "git commit", sys.argv[3], "Command line:", "6 sessions"):
    assert text in notes, text
p = m.getParameter("collagen_half_life_years")
assert p.getValue() == 15 and p.getUnits() == "year" and "Verzijl" in p.getNotesString()
assert m.getParameter("inflammation_resolution_per_day").getSBOTermID() == "SBO:0000009"
assert m.getTimeUnits() == "day"
assert m.getAssignmentRuleByVariable("collagen_total") is not None
assert m.getRateRuleByVariable("open_defect") is not None  # the closed-form defect as its ODE
print("document contents OK")
PYEOF
echo "PASS sbml_roundtrip"
