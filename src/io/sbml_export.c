/* sbml_export.c — builds the SBML L3V2 document of a course with libSBML's C API: parameters with
 * units, descriptions and sources; the derived constants and a visit's injury as initial
 * assignments; every state (and the fast sub-processes mnsim solves in closed form) as a parameter
 * with a rate rule; observables as assignment rules; sessions, serum and acid applications as
 * events. The formulas come from models/sbml_rules.c. */
#include "sbml_export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sbml/SBMLTypes.h>
#include <sbml/math/L3Parser.h>

#include "model.h"
#include "outfile.h"
#include "sbml_rules.h"
#include "schedule.h"
#include "version.h"

/* SBO terms: quantitative systems description parameter; kinetic constant (first-order rates). */
enum { SBO_PARAMETER = 2, SBO_KINETIC_CONSTANT = 9 };

/* mnsim unit strings and the SBML unit definitions that stand for them (seconds as the base). */
static const struct {
    const char *mn, *id;
    int second_exponent, millimetre; /* kind: second^exp, or metre^+-1 scaled 1e-3 */
    double multiplier;
} units[] = {
    {"day", "day", 1, 0, 86400.0},
    {"1/day", "per_day", -1, 0, 86400.0},
    {"year", "year", 1, 0, 86400.0 * 365.25},
    {"1/year", "per_year", -1, 0, 86400.0 * 365.25},
    {"hour", "hour", 1, 0, 3600.0},
    {"mm", "mm", 0, 1, 1.0},
    {"1/mm", "per_mm", 0, -1, 1.0},
};

/* SBML unit id of an mnsim unit string ("1", "1/mm^k": dimensionless, see docs/SBML.md). */
static const char *unit_id(const char *mn)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(mn, units[i].mn) == 0) return units[i].id;
    if (strcmp(mn, "dose") == 0) return "dose";
    return "dimensionless";
}

static void add_units(Model_t *m)
{
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        UnitDefinition_t *ud = Model_createUnitDefinition(m);
        UnitDefinition_setId(ud, units[i].id);
        Unit_t *u = UnitDefinition_createUnit(ud);
        if (units[i].millimetre) {
            Unit_setKind(u, UNIT_KIND_METRE);
            Unit_setExponent(u, units[i].millimetre);
            Unit_setScale(u, -3);
            Unit_setMultiplier(u, 1.0);
        } else {
            Unit_setKind(u, UNIT_KIND_SECOND);
            Unit_setExponent(u, units[i].second_exponent);
            Unit_setScale(u, 0);
            /* (multiplier * second)^exponent */
            Unit_setMultiplier(u, units[i].multiplier);
        }
    }
    /* a serum dose unit: an amount without a physical scale */
    UnitDefinition_t *ud = Model_createUnitDefinition(m);
    UnitDefinition_setId(ud, "dose");
    UnitDefinition_setName(ud, "serum dose unit (one application)");
    Unit_t *u = UnitDefinition_createUnit(ud);
    Unit_setKind(u, UNIT_KIND_DIMENSIONLESS);
    Unit_setExponent(u, 1);
    Unit_setScale(u, 0);
    Unit_setMultiplier(u, 1.0);
    /* days per year, for the collagen half-life */
    ud = Model_createUnitDefinition(m);
    UnitDefinition_setId(ud, "day_per_year");
    u = UnitDefinition_createUnit(ud);
    Unit_setKind(u, UNIT_KIND_DIMENSIONLESS);
    Unit_setExponent(u, 1);
    Unit_setScale(u, 0);
    Unit_setMultiplier(u, 1.0 / 365.25);
}

/* XHTML notes from paragraphs of plain text (escaped). */
typedef struct {
    char *buf;
    size_t size;
    FILE *f;
} notes;

static void notes_begin(notes *n)
{
    n->buf = NULL;
    n->f = open_memstream(&n->buf, &n->size);
    if (n->f) fputs("<body xmlns=\"http://www.w3.org/1999/xhtml\">", n->f);
}

static void notes_text(notes *n, const char *s)
{
    if (!n->f) return;
    for (; *s; s++) {
        if (*s == '&')
            fputs("&amp;", n->f);
        else if (*s == '<')
            fputs("&lt;", n->f);
        else if (*s == '>')
            fputs("&gt;", n->f);
        else
            fputc(*s, n->f);
    }
}

static void notes_p(notes *n, const char *label, const char *text)
{
    if (!n->f) return;
    fputs("<p>", n->f);
    if (label) {
        notes_text(n, label);
        fputs(": ", n->f);
    }
    notes_text(n, text);
    fputs("</p>", n->f);
}

/* Attach the notes and free them. Returns 0 or -1. */
static int notes_end(notes *n, SBase_t *sb)
{
    if (!n->f) return -1;
    fputs("</body>", n->f);
    if (fclose(n->f) != 0) {
        free(n->buf);
        return -1;
    }
    int rc = SBase_setNotesString(sb, n->buf) == LIBSBML_OPERATION_SUCCESS ? 0 : -1;
    free(n->buf);
    return rc;
}

/* Literal numbers written without a unit in sbml_rules.c are dimensionless (the formulas give
 * units where they are not: "25 year", "0 mm"); declaring it lets libSBML check every unit. */
static void dimensionless_literals(ASTNode_t *node)
{
    if (ASTNode_isNumber(node) && !ASTNode_hasUnits(node)) ASTNode_setUnits(node, "dimensionless");
    for (unsigned i = 0; i < ASTNode_getNumChildren(node); i++)
        dimensionless_literals(ASTNode_getChild(node, i));
}

/* Parse an infix formula; NULL (err set) when libSBML refuses it: a mistake in sbml_rules.c. */
static ASTNode_t *parse(const char *what, const char *formula, mn_error *err)
{
    ASTNode_t *ast = SBML_parseL3Formula(formula);
    if (!ast) {
        char *why = SBML_getLastParseL3Error();
        mn_fail(err, "SBML export: cannot parse the formula of %s (%s): %s", what, formula,
                why ? why : "?");
        free(why);
    } else {
        dimensionless_literals(ast);
    }
    return ast;
}

static Parameter_t *add_parameter(Model_t *m, const char *id, const char *unit, double value,
                                  int constant)
{
    Parameter_t *q = Model_createParameter(m);
    Parameter_setId(q, id);
    Parameter_setValue(q, value);
    Parameter_setUnits(q, unit_id(unit));
    Parameter_setConstant(q, constant);
    return q;
}

/* Parse formula and give it to target's setter (setter(target, ast)); the AST is freed. */
#define SET_MATH(setter, target, what, formula, err)                                               \
    do {                                                                                           \
        ASTNode_t *ast_ = parse(what, formula, err);                                               \
        if (!ast_) return -1;                                                                      \
        int rc_ = setter(target, ast_);                                                            \
        ASTNode_free(ast_);                                                                        \
        if (rc_ != LIBSBML_OPERATION_SUCCESS)                                                      \
            return mn_fail(err, "SBML export: cannot set the formula of %s", what);                \
    } while (0)

static int initial_assignment(Model_t *m, const char *symbol, const char *formula, mn_error *err)
{
    InitialAssignment_t *ia = Model_createInitialAssignment(m);
    InitialAssignment_setSymbol(ia, symbol);
    SET_MATH(InitialAssignment_setMath, ia, symbol, formula, err);
    return 0;
}

static int rule(Model_t *m, int rate, const char *variable, const char *formula, mn_error *err)
{
    Rule_t *r = rate ? Model_createRateRule(m) : Model_createAssignmentRule(m);
    Rule_setVariable(r, variable);
    SET_MATH(Rule_setMath, r, variable, formula, err);
    return 0;
}

/* A constant derived by formula (initial assignment), with its description in notes. */
static int derived(Model_t *m, const mn_sbml_rule *r, const char *source, mn_error *err)
{
    Parameter_t *q = add_parameter(m, r->id, r->unit, 0.0, 1);
    Parameter_unsetValue(q);
    notes n;
    notes_begin(&n);
    notes_p(&n, NULL, r->description);
    notes_p(&n, "Derived from", source);
    if (notes_end(&n, (SBase_t *)q) != 0)
        return mn_fail(err, "SBML export: cannot write the notes of %s", r->id);
    return initial_assignment(m, r->id, r->formula, err);
}

static void param_id(int i, char *buf, size_t size)
{
    snprintf(buf, size, "%s_%s", mn_params[i].section, mn_params[i].key);
}

/* Every biological parameter (engine parameters are not part of the biology). */
static int add_model_parameters(Model_t *m, const double *p, mn_error *err)
{
    int first = mn_submodel_layout(0).first_param;
    for (int i = first; i < P_COUNT; i++) {
        const mn_param_info *pi = &mn_params[i];
        char id[256];
        param_id(i, id, sizeof id);
        Parameter_t *q = add_parameter(m, id, pi->unit, p[i], 1);
        SBase_setSBOTerm((SBase_t *)q,
                         strcmp(pi->unit, "1/day") == 0 ? SBO_KINETIC_CONSTANT : SBO_PARAMETER);
        notes n;
        notes_begin(&n);
        notes_p(&n, NULL, pi->description);
        notes_p(&n, "Source", pi->source);
        char extra[512];
        snprintf(extra, sizeof extra,
                 "%s.%s in mnsim INI files; unit %s; default %g; bounds [%g, %g]%s%s", pi->section,
                 pi->key, pi->unit, pi->def, pi->min, pi->max,
                 pi->choices ? "; choices (value = index) " : "", pi->choices ? pi->choices : "");
        notes_p(&n, "mnsim", extra);
        if (strcmp(pi->unit, "1/mm^k") == 0)
            notes_p(&n, "Unit",
                    "per (needle length in mm)^load_exponent; exported as dimensionless with the "
                    "depth divided by 1 mm in the formula");
        if (notes_end(&n, (SBase_t *)q) != 0)
            return mn_fail(err, "SBML export: cannot write the notes of %s", id);
    }
    /* the conversion of the collagen half-life from years to days */
    Parameter_t *q = add_parameter(m, "days_per_year", "1", 365.25, 1);
    Parameter_setUnits(q, "day_per_year");
    return 0;
}

/* A variable described by an mnsim name table entry (state or observable). */
static Parameter_t *variable(Model_t *m, const mn_var_info *v, const char *what, mn_error *err)
{
    Parameter_t *q = add_parameter(m, v->name, v->unit, 0.0, 0);
    notes n;
    notes_begin(&n);
    notes_p(&n, NULL, v->description);
    notes_p(&n, "mnsim", what);
    if (notes_end(&n, (SBase_t *)q) != 0) {
        mn_fail(err, "SBML export: cannot write the notes of %s", v->name);
        return NULL;
    }
    return q;
}

static int add_event(Model_t *m, const char *kind, int index, double day, const mn_sbml_jump *jumps,
                     size_t n_jumps, mn_error *err)
{
    char id[64], name[128], trigger[128];
    snprintf(id, sizeof id, "%s_%d", kind, index + 1);
    snprintf(name, sizeof name, "%s of visit %d on day %.17g", kind, index + 1, day);
    snprintf(trigger, sizeof trigger, "time >= %.17g day", day);
    Event_t *e = Model_createEvent(m);
    Event_setId(e, id);
    Event_setName(e, name);
    Event_setUseValuesFromTriggerTime(e, 1);
    Trigger_t *t = Event_createTrigger(e);
    Trigger_setInitialValue(t, 0);
    Trigger_setPersistent(t, 1);
    SET_MATH(Trigger_setMath, t, id, trigger, err);
    for (size_t j = 0; j < n_jumps; j++) {
        EventAssignment_t *a = Event_createEventAssignment(e);
        EventAssignment_setVariable(a, jumps[j].variable);
        SET_MATH(EventAssignment_setMath, a, id, jumps[j].formula, err);
    }
    return 0;
}

static int model_notes(Model_t *m, const double *p, const mn_schedule *s,
                       const mn_sbml_provenance *prov, mn_error *err)
{
    notes n;
    notes_begin(&n);
    notes_p(&n, NULL,
            "mnsim: skin healing after microneedling (and dermaplaning, chemical peels). "
            "Inflammation, growth factors, fibroblast activation, collagen pools, the treated "
            "layer, scar, pigment, barrier and topical uptake; time in days. The model is "
            "described in docs/MODEL.md of the mnsim sources, the export in docs/SBML.md.");
    notes_p(&n, "mnsim version", MNSIM_VERSION " (git commit " MNSIM_GIT_COMMIT ")");
    for (int i = 0; prov && i < prov->n_ini_files; i++)
        notes_p(&n, "INI file", prov->ini_files[i]);
    if (prov && prov->argc > 0 && n.f) {
        fputs("<p>Command line: ", n.f);
        for (int i = 0; i < prov->argc; i++) {
            if (i) fputc(' ', n.f);
            notes_text(&n, prov->argv[i]);
        }
        fputs("</p>", n.f);
    }
    char text[512];
    snprintf(text, sizeof text,
             "%d sessions (schedule.first_day = %g, interval_days = %g, sessions = %g) over "
             "%g days (schedule.course_days: simulate to this time); serum %g hours and acid %g "
             "days after each session (-1 = none)",
             s->n_sessions, p[P_schedule_first_day], p[P_schedule_interval_days],
             p[P_schedule_sessions], s->end_day, p[P_aftercare_serum_hours],
             p[P_aftercare_acid_days]);
    notes_p(&n, "Schedule", text);
    notes_p(&n, "Exported as",
            "every state and the fast sub-processes mnsim solves in closed form (open epidermal "
            "defect, serum and acid on the skin) as parameters with rate rules; derived "
            "constants and the injury of one visit as initial assignments; observables as "
            "assignment rules with mnsim's names; each session, serum and acid application as "
            "an event whose assignments are the jumps mnsim applies. Values at an event time "
            "in mnsim's run files are those just before the event.");
    if (notes_end(&n, (SBase_t *)m) != 0)
        return mn_fail(err, "SBML export: cannot write the model notes");
    return 0;
}

/* MIRIAM annotations (models/sbml_rules.c): the model is a version of its process, a quantity a
 * property of its process. */
static int annotate(Model_t *m, mn_error *err)
{
    for (size_t i = 0; i < mn_sbml_n_annotations; i++) {
        const mn_sbml_annotation *a = &mn_sbml_annotations[i];
        int whole = a->id[0] == '\0';
        SBase_t *sb = whole ? (SBase_t *)m : (SBase_t *)Model_getParameterById(m, a->id);
        if (!sb) return mn_fail(err, "SBML export: annotated quantity %s does not exist", a->id);
        char metaid[256];
        snprintf(metaid, sizeof metaid, "meta_%s", whole ? "model" : a->id);
        CVTerm_t *cv = CVTerm_createWithQualifierType(BIOLOGICAL_QUALIFIER);
        int ok =
            cv && SBase_setMetaId(sb, metaid) == LIBSBML_OPERATION_SUCCESS &&
            CVTerm_setBiologicalQualifierType(cv, whole ? BQB_IS_VERSION_OF : BQB_IS_PROPERTY_OF) ==
                LIBSBML_OPERATION_SUCCESS &&
            CVTerm_addResource(cv, a->uri) == LIBSBML_OPERATION_SUCCESS &&
            SBase_addCVTerm(sb, cv) == LIBSBML_OPERATION_SUCCESS;
        CVTerm_free(cv);
        char note[512];
        snprintf(note, sizeof note,
                 "<body xmlns=\"http://www.w3.org/1999/xhtml\"><p>Annotation: %s (%s)</p></body>",
                 a->uri, a->term);
        ok = ok && SBase_appendNotesString(sb, note) == LIBSBML_OPERATION_SUCCESS;
        if (!ok) return mn_fail(err, "SBML export: cannot annotate %s with %s", metaid, a->uri);
    }
    return 0;
}

static int build(Model_t *m, const double *p, const mn_schedule *s, const mn_sbml_provenance *prov,
                 mn_error *err)
{
    Model_setId(m, "mnsim_skin_healing");
    Model_setName(m, "mnsim " MNSIM_VERSION ": skin healing after microneedling");
    Model_setTimeUnits(m, "day");
    add_units(m);
    if (model_notes(m, p, s, prov, err) != 0) return -1;
    if (add_model_parameters(m, p, err) != 0) return -1;
    for (size_t i = 0; i < mn_sbml_n_constants; i++)
        if (derived(m, &mn_sbml_constants[i], "mnsim parameters (models/fast.c mn_constants)",
                    err) != 0)
            return -1;
    for (size_t i = 0; i < mn_sbml_n_injury; i++)
        if (derived(m, &mn_sbml_injury[i], "procedure parameters (models/procedure.c)", err) != 0)
            return -1;
    /* fast sub-processes: ODE states starting at 0 */
    for (size_t i = 0; i < mn_sbml_n_signals; i++) {
        const mn_sbml_rule *r = &mn_sbml_signals[i];
        mn_var_info v = {r->id, r->unit, r->description};
        if (!variable(m, &v, "fast sub-process (models/fast.c)", err)) return -1;
        if (r->formula && rule(m, 1, r->id, r->formula, err) != 0) return -1;
    }
    for (int i = 0; i < S_COUNT; i++) {
        Parameter_t *q = variable(m, &mn_states[i], "state variable", err);
        if (!q) return -1;
        if (mn_sbml_initial[i]) {
            Parameter_unsetValue(q);
            if (initial_assignment(m, mn_states[i].name, mn_sbml_initial[i], err) != 0) return -1;
        }
        if (!mn_sbml_rate[i])
            return mn_fail(err, "SBML export: no rate rule for state %s", mn_states[i].name);
        if (rule(m, 1, mn_states[i].name, mn_sbml_rate[i], err) != 0) return -1;
    }
    for (size_t i = 0; i < mn_sbml_n_helpers; i++) {
        const mn_sbml_rule *r = &mn_sbml_helpers[i];
        mn_var_info v = {r->id, r->unit, r->description};
        if (!variable(m, &v, "helper of an observable", err)) return -1;
        if (rule(m, 0, r->id, r->formula, err) != 0) return -1;
    }
    for (int i = 0; i < O_COUNT; i++) {
        if (!mn_sbml_observable[i]) continue; /* the signal state of the same name */
        if (!variable(m, &mn_observables[i], "observable (a series of `mnsim run` files)", err))
            return -1;
        if (rule(m, 0, mn_observables[i].name, mn_sbml_observable[i], err) != 0) return -1;
    }
    int n_serum = 0, n_acid = 0;
    for (size_t i = 0; i < s->n_events; i++) {
        const mn_event *e = &s->events[i];
        int rc = e->kind == EV_SESSION
                     ? add_event(m, "session", e->session, e->day, mn_sbml_session_jumps,
                                 mn_sbml_n_session_jumps, err)
                 : e->kind == EV_SERUM ? add_event(m, "serum", n_serum++, e->day,
                                                   mn_sbml_serum_jumps, mn_sbml_n_serum_jumps, err)
                                       : add_event(m, "acid", n_acid++, e->day, mn_sbml_acid_jumps,
                                                   mn_sbml_n_acid_jumps, err);
        if (rc != 0) return -1;
    }
    return annotate(m, err);
}

char *mn_sbml_text(const double *p, const mn_sbml_provenance *prov, mn_error *err)
{
    mn_schedule s = {0};
    if (mn_schedule_build(p, &s, err) != 0) return NULL;
    SBMLDocument_t *doc = SBMLDocument_createWithLevelAndVersion(3, 2);
    char *text = NULL;
    if (!doc) {
        mn_fail(err, "SBML export: out of memory");
    } else if (build(SBMLDocument_createModel(doc), p, &s, prov, err) == 0) {
        text = writeSBMLToString(doc);
        if (!text) mn_fail(err, "SBML export: cannot serialise the document");
    }
    SBMLDocument_free(doc);
    mn_schedule_free(&s);
    return text;
}

int mn_sbml_write(const char *path, const double *p, const mn_sbml_provenance *prov, mn_error *err)
{
    char *text = mn_sbml_text(p, prov, err);
    if (!text) return -1;
    mn_outfile o;
    FILE *f = mn_outfile_open(&o, path, "w");
    if (f) fputs(text, f);
    free(text);
    return mn_outfile_close(&o, err);
}
