/* model.h — the interface every biological sub-model implements, and the registry built from them.
 *
 * A sub-model is a header with three X-macro lists (its state variables, its parameters, its
 * observables) and a .c file with a const mn_submodel descriptor (description, reference and the
 * functions: initial state, right-hand side, the jump a session applies, the observables).
 * models/submodels.h is the one table that lists the sub-models; every enum, every name table, the
 * parameter registry, `mnsim params`, the HDF5 attributes and the shared sub-model tests are
 * derived from it. Time is in days throughout.
 */
#ifndef MN_MODEL_H
#define MN_MODEL_H

#include <stddef.h>

/* What kind of value a parameter holds. Every value is stored as a double. */
typedef enum { MN_REAL, MN_INT, MN_BOOL, MN_ENUM } mn_kind;

typedef struct {
    const char *section; /* INI section, e.g. "collagen" */
    const char *key;     /* key inside it, e.g. "maturation_days" */
    const char *unit;    /* "day", "1/day", "mm", "1" for dimensionless, ... */
    mn_kind kind;
    double def, min, max; /* default and inclusive bounds */
    const char *choices;  /* MN_ENUM only: "none|superficial|medium|deep" (value = index) */
    const char *description;
    const char *source; /* literature source or "modelling assumption: why" */
} mn_param_info;

typedef struct {
    const char *name, *unit, *description;
} mn_var_info;

#include "submodels.h"

/* ---- enums derived from the one table ---- */
#define MN_P_ENUM(sec, key, ...) P_##sec##_##key,
#define MN_S_ENUM(name, ...) S_##name,
#define MN_O_ENUM(name, ...) O_##name,
#define MN_EXPAND_P(m) m##_PARAMS(MN_P_ENUM)
#define MN_EXPAND_S(m) m##_STATES(MN_S_ENUM)
#define MN_EXPAND_O(m) m##_OBSERVABLES(MN_O_ENUM)

enum mn_param_id { MN_ENGINE_PARAMS(MN_P_ENUM) MN_SUBMODELS(MN_EXPAND_P) P_COUNT };
enum mn_state_id { MN_SUBMODELS(MN_EXPAND_S) S_COUNT };
enum mn_observable_id { MN_SUBMODELS(MN_EXPAND_O) O_COUNT };

/* Procedures a visit can combine; values of procedure.peel. */
enum mn_peel { PEEL_NONE, PEEL_SUPERFICIAL, PEEL_MEDIUM, PEEL_DEEP };

/* What one visit does to the skin, computed from the procedure parameters (models/procedure.c). */
typedef struct {
    double epidermal_defect;  /* open epidermal area created [area fraction; >1 = deeper defect] */
    double dermal_load;       /* inflammatory load delivered to the dermis [1] */
    double stratum_removed;   /* fraction of stratum corneum removed (dermaplaning) [1] */
    double wound_depth_mm;    /* depth the injury reaches [mm] */
    double matrix_disruption; /* fraction of immature wound matrix destroyed [1] */
} mn_injury;

/* The states whose own decay is linear with a constant per-course rate k (barrier deficit B,
 * inflammation I, growth factor G, vessel growth V, renewal boost E, pigment P: dy/dt = -k y +
 * forcing by the open defect, the acid dose and states earlier in this list). The explicit
 * steppers integrate exp(k (t - t_ref)) y instead of y (integrating factor, src/core/runner.c),
 * which removes their stability limit and the cost of resolving their decay; the equations are
 * unchanged. Fibroblast activation F (dF/dt = activation(G, r, F) - k_F F) may get the factor too:
 * the transformation is exact for any equation, and once G has faded F decays at k_F. */
#define MN_LINEAR_COUNT 6
/* The states that may get the integrating factor: the linear ones and F. */
#define MN_EXPO_CANDIDATES (MN_LINEAR_COUNT + 1)
/* Rate from which a state gets the integrating factor [1/day]: a slower decay costs few steps
 * (a year's tail holds ~30) and would cost an exp() per evaluation for nothing; a follower (G, V,
 * E, P of I; F of G) also only if it decays at most this much faster than its driver, whose
 * slower decay it then follows: in exp(k t) y that becomes a growth exp((k - k_driver) t) which
 * limits the step by accuracy (measured: scripts/bench, docs/MODEL.md "Numerical scheme"). */
#define MN_EXPO_MIN_RATE 0.1
extern const int mn_linear_states[MN_LINEAR_COUNT];

/* Quadrature states: accumulated integrals that no right-hand side reads (visible-redness time,
 * collagen synthesised and degraded, serum absorbed). The explicit steppers integrate each step's
 * increment from 0, so the relative tolerance applies to the increment, not to the total. */
#define MN_QUADRATURE_COUNT 4
extern const int mn_quadrature_states[MN_QUADRATURE_COUNT];

/* Constants of one course derived once from the parameters (models/fast.c), so the right-hand
 * side does not recompute pow/exp/log at every evaluation. Pure functions of p. */
typedef struct {
    double turnover_per_day;    /* mature collagen turnover k_d [1/day] */
    double baseline_synthesis;  /* s0(age) [1/day] */
    double activation_capacity; /* cap(age) [1] */
    double pigment_drive;       /* PIH induction per unit inflammation [1/day] */
    double barrier_rate;        /* barrier recovery for this patient's sensitivity [1/day] */
    double scar_width_factor;   /* 1 / (1 + width / w0) [1] */
    double scar_floor;          /* irreducible scar grade [1] */
    double scar_rate_factor;    /* reach-independent scar fill factor (width, depth) [1] */
    double healing_time_factor; /* h(age) = 1 + c_age (age - 25)+ [1] */
    double growth_factor_rate;  /* 1 / (tau_G h) [1/day] */
    double activation_rate;     /* a_F / h [1/day] */
    double deactivation_rate;   /* k_F / h [1/day] */
    double recovery_rate;       /* 1 / (tau_rec h) [1/day] */
    double maturation_rate;     /* 1 / (tau_mat h) [1/day] */
    double linear_rate[MN_LINEAR_COUNT]; /* decay rate of mn_linear_states[i] [1/day] */
    /* the states that get the integrating factor (MN_EXPO_MIN_RATE, models/fast.c): their
     * state ids, their rates and the largest rate */
    int n_expo;
    int expo_state[MN_EXPO_CANDIDATES];
    double expo_rate[MN_EXPO_CANDIDATES];
    double expo_rate_max; /* [1/day] */
} mn_constants;

/* Fast processes solved exactly between events (models/fast.c): their values at time t. */
typedef struct {
    const mn_constants *k; /* this course's constants */
    double open_defect;    /* open epidermal defect (micro-channels or peel wound) [1] */
    double topical_dose;   /* serum left on the skin [dose units] */
    double acid_dose;      /* acidic/exfoliating product left on the skin [dose units] */
    double wound_depth_mm; /* depth reached by the most recent visit [mm] */
} mn_signals;

/* Memory of one course: its constants, and the fast sub-processes' values right after the most
 * recent event. */
typedef struct {
    mn_constants k;
    double defect_day, defect0, log_defect0_over_K;
    double topical_day, topical0;
    double acid_day, acid0;
    double wound_depth_mm; /* depth reached by the most recent visit (0 before any) */
} mn_fast;

typedef struct mn_submodel {
    const char *name;
    const char *description;
    const char *reference;
    /* Initial state (may depend on parameters: e.g. steady-state collagen for the patient's age).
     */
    void (*init)(const double *p, double *y);
    /* dy/dt for this sub-model's own states; may read any state. NULL if it has no states. */
    void (*rhs)(double t, const double *y, const mn_signals *sig, const double *p, double *dydt);
    /* The jump a visit applies to this sub-model's states (NULL: none). */
    void (*on_session)(const mn_injury *inj, const double *p, double *y);
    /* Derived observables of this sub-model (NULL: none). */
    void (*observe)(const double *y, const mn_signals *sig, const double *p, double *obs);
} mn_submodel;

/* ---- registry (models/registry.c) ---- */
extern const mn_param_info mn_params[P_COUNT];
extern const mn_var_info mn_states[S_COUNT];
extern const mn_var_info mn_observables[O_COUNT];
extern const mn_submodel *const mn_submodel_table[];
extern const size_t mn_submodel_count;

/* Which states, parameters and observables sub-model k owns (contiguous ranges). */
typedef struct {
    int first_state, n_states, first_param, n_params, first_observable, n_observables;
} mn_layout;
mn_layout mn_submodel_layout(size_t k);

/* Whole-model operations used by the runner. */
void mn_model_init(const double *p, double *y);
void mn_model_rhs(double t, const double *y, const mn_signals *sig, const double *p, double *dydt);
void mn_model_session(const mn_injury *inj, const double *p, double *y);
void mn_model_observe(const double *y, const mn_signals *sig, const double *p, double *obs);
/* The observables of the first n sub-models of the table only (an observable reads the state and
 * the signals, never a later sub-model's observables); the others are left as they were. */
void mn_model_observe_first(size_t n, const double *y, const mn_signals *sig, const double *p,
                            double *obs);

/* Injury of one visit from the procedure parameters (models/procedure.c). */
mn_injury mn_procedure_injury(const double *p);

/* Fast sub-processes (models/fast.c). */
void mn_fast_reset(mn_fast *f, const double *p);
void mn_fast_eval(const mn_fast *f, double t, const double *p, mn_signals *sig);
void mn_fast_session(mn_fast *f, double t, const mn_injury *inj, const double *p);
void mn_fast_apply_topical(mn_fast *f, double t, const double *p);
void mn_fast_apply_acid(mn_fast *f, double t, const double *p);

/* Shared helpers for sub-models. */
double mn_baseline_synthesis(const double *p); /* age-dependent baseline collagen synthesis */
double mn_visible_fraction(double redness, const double *p); /* smooth 0..1 "redness visible" */
double mn_permeability(const double *y, const mn_signals *sig, const double *p);
double mn_irritation(const double *y, const mn_signals *sig, const double *p);
double mn_redness(const double *y, const double *p);
double mn_activation_capacity(const double *p); /* age-limited maximal fibroblast activation */
double mn_pigment_drive(const double *p);       /* PIH induction per unit inflammation */
double mn_barrier_rate(const double *p);        /* barrier recovery rate for this patient */
double mn_scar_floor(const double *p);
double mn_scar_width_factor(const double *p);
double mn_scar_rate_factor(const double *p);    /* width and superficiality factor of scar fill */
double mn_healing_time_factor(const double *p); /* h(age): healing time scales lengthen with age */
/* Per-day collagen turnover rate of mature collagen (= baseline synthesis of a 25-year-old). */
double mn_collagen_turnover_per_day(const double *p);

#endif
