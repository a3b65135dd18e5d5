/* test_sbml.c — the SBML export (src/io/sbml_export.c, models/sbml_rules.c): libSBML's
 * consistency checks (general, identifier, MathML, SBO, units, modelling practice) find no error
 * and no warning for the default course and for a peel course with aftercare; every state has a
 * rate rule and every observable a rule, every biological parameter its value, MIRIAM
 * annotations; one event per session, serum and acid application; a failed write leaves no file.
 * The agreement of the exported equations with mnsim run is tests/cli/sbml_roundtrip.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sbml/SBMLTypes.h>

#include "testutil.h"
#include "model.h"
#include "sbml_export.h"
#include "schedule.h"

static SBMLDocument_t *export_doc(const double *p)
{
    mn_error err = {{0}};
    char *text = mn_sbml_text(p, NULL, &err);
    if (!text) fail_msg("mn_sbml_text: %s", err.msg);
    SBMLDocument_t *doc = readSBMLFromString(text);
    free(text);
    assert_non_null(doc);
    assert_int_equal(SBMLDocument_getNumErrorsWithSeverity(doc, LIBSBML_SEV_ERROR), 0);
    return doc;
}

/* Run every consistency check; fail on any error, report and fail on any warning. */
static void check_consistency(SBMLDocument_t *doc, const char *what)
{
    SBMLDocument_setConsistencyChecks(doc, LIBSBML_CAT_UNITS_CONSISTENCY, 1);
    SBMLDocument_setConsistencyChecks(doc, LIBSBML_CAT_MODELING_PRACTICE, 1);
    unsigned n = SBMLDocument_checkConsistency(doc);
    unsigned errors = 0, warnings = 0, unit_warnings = 0;
    for (unsigned i = 0; i < n; i++) {
        const SBMLError_t *e = SBMLDocument_getError(doc, i);
        unsigned sev = XMLError_getSeverity((const XMLError_t *)e);
        if (sev >= LIBSBML_SEV_ERROR)
            errors++;
        else if (sev == LIBSBML_SEV_WARNING)
            warnings++;
        if (strcmp(XMLError_getCategoryAsString((const XMLError_t *)e), "SBML unit consistency") ==
            0)
            unit_warnings++;
        printf("%s: %s %u: %s\n", what, XMLError_getSeverityAsString((const XMLError_t *)e),
               XMLError_getErrorId((const XMLError_t *)e),
               XMLError_getMessage((const XMLError_t *)e));
    }
    printf("%s: libSBML consistency: %u errors, %u warnings (%u unit)\n", what, errors, warnings,
           unit_warnings);
    assert_int_equal(errors, 0);
    assert_int_equal(warnings, 0);
}

/* The rule whose variable is name, if it is a rate rule (rate 1) or an assignment rule (0). */
static Rule_t *rule_of(Model_t *m, const char *name, int rate)
{
    Rule_t *r = Model_getRuleByVar(m, name);
    return r && (rate ? Rule_isRate(r) : Rule_isAssignment(r)) ? r : NULL;
}

static void count_events(const Model_t *m, int *sessions, int *serum, int *acid)
{
    *sessions = *serum = *acid = 0;
    for (unsigned i = 0; i < Model_getNumEvents(m); i++) {
        const char *id = Event_getId(Model_getEvent((Model_t *)m, i));
        *sessions += strncmp(id, "session_", 8) == 0;
        *serum += strncmp(id, "serum_", 6) == 0;
        *acid += strncmp(id, "acid_", 5) == 0;
    }
}

static void test_default_course_is_consistent(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    SBMLDocument_t *doc = export_doc(p);
    assert_int_equal(SBMLDocument_getLevel(doc), 3);
    assert_int_equal(SBMLDocument_getVersion(doc), 2);
    check_consistency(doc, "default");
    Model_t *m = SBMLDocument_getModel(doc);
    int sessions, serum, acid;
    count_events(m, &sessions, &serum, &acid);
    assert_int_equal(sessions, 6);
    assert_int_equal(serum, 6); /* serum 1 hour after each session */
    assert_int_equal(acid, 0);
    SBMLDocument_free(doc);
}

static void test_peel_course_is_consistent(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_procedure_peel] = PEEL_MEDIUM;
    p[P_procedure_dermaplaning] = 1;
    p[P_aftercare_acid_days] = 3;
    p[P_aftercare_serum_hours] = -1;
    p[P_schedule_sessions] = 3;
    p[P_schedule_first_day] = 5;
    SBMLDocument_t *doc = export_doc(p);
    check_consistency(doc, "peel");
    int sessions, serum, acid;
    count_events(SBMLDocument_getModel(doc), &sessions, &serum, &acid);
    assert_int_equal(sessions, 3);
    assert_int_equal(serum, 0);
    assert_int_equal(acid, 3);
    SBMLDocument_free(doc);
}

/* Every state has a rate rule, every observable is a rule's variable, every biological parameter
 * is a constant parameter with the course's value. */
static void test_everything_exported(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_collagen_maturation_days] = 25; /* a non-default value is the one exported */
    SBMLDocument_t *doc = export_doc(p);
    Model_t *m = SBMLDocument_getModel(doc);
    for (int i = 0; i < S_COUNT; i++) {
        Rule_t *r = rule_of(m, mn_states[i].name, 1);
        if (!r) fail_msg("state %s has no rate rule", mn_states[i].name);
    }
    for (int i = 0; i < O_COUNT; i++) {
        const char *name = mn_observables[i].name;
        if (!rule_of(m, name, 0) && !rule_of(m, name, 1))
            fail_msg("observable %s has no rule", name);
        Parameter_t *q = Model_getParameterById(m, name);
        assert_non_null(q);
        assert_true(Parameter_isSetUnits(q));
    }
    for (int i = mn_submodel_layout(0).first_param; i < P_COUNT; i++) {
        char id[256];
        snprintf(id, sizeof id, "%s_%s", mn_params[i].section, mn_params[i].key);
        Parameter_t *q = Model_getParameterById(m, id);
        if (!q) fail_msg("parameter %s missing", id);
        assert_true(Parameter_getConstant(q));
        assert_true(Parameter_getValue(q) == p[i]);
        char *notes = SBase_getNotesString((SBase_t *)q);
        assert_non_null(notes);
        assert_non_null(strstr(notes, "Source"));
        free(notes);
    }
    /* MIRIAM annotations: the model is a version of wound healing (GO:0042060), inflammation a
     * property of the inflammatory response (GO:0006954) */
    assert_int_equal(SBase_getNumCVTerms((SBase_t *)m), 1);
    CVTerm_t *cv = SBase_getCVTerm((SBase_t *)m, 0);
    assert_int_equal(CVTerm_getBiologicalQualifierType(cv), BQB_IS_VERSION_OF);
    char *uri = CVTerm_getResourceURI(cv, 0); /* a copy */
    assert_string_equal(uri, "http://identifiers.org/GO:0042060");
    free(uri);
    SBase_t *infl = (SBase_t *)Model_getParameterById(m, "inflammation");
    assert_int_equal(SBase_getNumCVTerms(infl), 1);
    cv = SBase_getCVTerm(infl, 0);
    assert_int_equal(CVTerm_getBiologicalQualifierType(cv), BQB_IS_PROPERTY_OF);
    uri = CVTerm_getResourceURI(cv, 0);
    assert_string_equal(uri, "http://identifiers.org/GO:0006954");
    free(uri);
    /* the closed-form fast processes are ODE states */
    assert_non_null(rule_of(m, "open_defect", 1));
    assert_non_null(rule_of(m, "topical_dose", 1));
    assert_non_null(rule_of(m, "acid_dose", 1));
    SBMLDocument_free(doc);
}

static void test_write_failure_leaves_nothing(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    char dir[] = "/tmp/mnsim_test_sbml_XXXXXX", path[256], partial[300];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/m.xml", dir);
    snprintf(partial, sizeof partial, "%s.partial", path);
    mn_error err = {{0}};
    assert_int_equal(mn_sbml_write(path, p, NULL, &err), 0);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_not_equal(access(partial, F_OK), 0);
    remove(path);
    /* a schedule that does not fit: refused before anything is written */
    p[P_schedule_sessions] = 40;
    assert_int_equal(mn_sbml_write(path, p, NULL, &err), -1);
    assert_non_null(strstr(err.msg, "schedule"));
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_not_equal(access(partial, F_OK), 0);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_course_is_consistent),
        cmocka_unit_test(test_peel_course_is_consistent),
        cmocka_unit_test(test_everything_exported),
        cmocka_unit_test(test_write_failure_leaves_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
