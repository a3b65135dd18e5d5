/* sbml_rules.h — the model's equations as SBML Level 3 infix formulas (SBML_parseL3Formula syntax)
 * for `mnsim sbml` (src/io/sbml_export.c). The right-hand sides in the models/ sources are the
 * reference: each of them points here, and a change to one must be made to the other (the SBML
 * round-trip test, tests/cli/sbml_roundtrip.sh, compares the two to 1e-4).
 *
 * Identifiers: a parameter is SECTION_KEY (e.g. collagen_half_life_years), a state or an
 * observable has its mnsim name, and the tables below add the derived constants (models/fast.c's
 * mn_constants), the injury of one visit (models/procedure.c) and the fast sub-processes that
 * mnsim solves in closed form (open defect, serum and acid on the skin) as ODE states. */
#ifndef MN_SBML_RULES_H
#define MN_SBML_RULES_H

#include <stddef.h>

/* A named quantity defined by a formula: id, unit (an mnsim unit string: "1", "day", "1/day",
 * "mm", "dose", ...), infix formula, description. */
typedef struct {
    const char *id, *unit, *formula, *description;
} mn_sbml_rule;

/* An assignment an event applies: variable := formula (values from before the event). */
typedef struct {
    const char *variable, *formula;
} mn_sbml_jump;

/* Constants of a course (initial assignments of constant parameters), in dependency order. */
extern const mn_sbml_rule mn_sbml_constants[];
extern const size_t mn_sbml_n_constants;
/* The injury one visit causes (models/procedure.c), constants in dependency order. */
extern const mn_sbml_rule mn_sbml_injury[];
extern const size_t mn_sbml_n_injury;
/* Fast sub-processes as ODE states (rate rules; initial value 0). wound_depth_mm has no rate
 * (formula NULL): a session sets it. */
extern const mn_sbml_rule mn_sbml_signals[];
extern const size_t mn_sbml_n_signals;
/* dy/dt of every state, indexed by enum mn_state_id. */
extern const char *const mn_sbml_rate[];
/* Initial value of every state as a formula (NULL: 0), indexed by enum mn_state_id. */
extern const char *const mn_sbml_initial[];
/* Helper quantities the observables use (assignment rules), in dependency order. */
extern const mn_sbml_rule mn_sbml_helpers[];
extern const size_t mn_sbml_n_helpers;
/* Every observable as a formula, indexed by enum mn_observable_id; NULL when the observable is
 * the signal state of the same name (open_defect). */
extern const char *const mn_sbml_observable[];
/* The jumps a session, a serum application and an acid application apply. */
extern const mn_sbml_jump mn_sbml_session_jumps[];
extern const size_t mn_sbml_n_session_jumps;
extern const mn_sbml_jump mn_sbml_serum_jumps[];
extern const size_t mn_sbml_n_serum_jumps;
extern const mn_sbml_jump mn_sbml_acid_jumps[];
extern const size_t mn_sbml_n_acid_jumps;

/* MIRIAM annotations where a standard term exists: the quantity id ("" for the whole model), the
 * identifiers.org URI and the term's name. The quantity is a property of the process named. */
typedef struct {
    const char *id, *uri, *term;
} mn_sbml_annotation;
extern const mn_sbml_annotation mn_sbml_annotations[];
extern const size_t mn_sbml_n_annotations;

#endif
