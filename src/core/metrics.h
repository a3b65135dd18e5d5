/* metrics.h — per-course outcome metrics, computed while the runner integrates (from every
 * accepted step and event, on the continuous solution), so sweeps need no stored trajectory and no
 * metric depends on output.step_days. One X-macro list: M(name, unit, description). */
#ifndef MN_METRICS_H
#define MN_METRICS_H

#include "model.h"

#define MN_METRICS(M)                                                                              \
    M(sessions_done, "1", "number of sessions simulated")                                          \
    M(collagen_gain_percent, "%", "change of total collagen from day 0 to the end of the course")  \
    M(collagen_total_end, "1", "total collagen at the end (relative to a 25-year-old)")            \
    M(peak_synthesis_ratio, "1",                                                                   \
      "peak synthesis after the first session / the patient's baseline")                           \
    M(peak_synthesis_rate, "1",                                                                    \
      "peak synthesis after the first session (25-year-old baseline = 1)")                         \
    M(peak_synthesis_day, "day", "days from the first session to peak synthesis")                  \
    M(redness_visible_days, "day", "total time with visible redness over the course")              \
    M(redness_days_per_session, "day", "visible-redness time per session")                         \
    M(redness_gone_day, "day", "days after the first session until redness is last visible")       \
    M(peak_redness, "1", "highest redness over the course")                                        \
    M(barrier_recovery_hours, "hour", "hours after the first session until barrier >= 95 %")       \
    M(glow_peak_day, "day", "days after the first session at which glow peaks")                    \
    M(scar_severity_end, "1", "scar severity grade at the end")                                    \
    M(scar_reduction_percent, "%", "reduction of scar severity from day 0 (NaN without a scar)")   \
    M(pigment_peak, "1", "highest PIH index over the course")                                      \
    M(pigment_visible_days, "day", "days with pigment above its visible threshold")                \
    M(topical_uptake_ratio, "1",                                                                   \
      "serum absorbed relative to the same doses on intact skin "                                  \
      "(NaN without serum)")                                                                       \
    M(peak_irritation, "1/day", "highest irritation from acidic products")                         \
    M(firmness_end, "1", "firmness index at the end")                                              \
    M(elasticity_end, "1", "elasticity index at the end")                                          \
    M(wrinkle_depth_end, "1", "wrinkle depth index at the end")                                    \
    M(pore_visibility_end, "1", "pore visibility index at the end")                                \
    M(treated_collagen_end, "1", "treated-layer collagen at the end (day 0 = 1)")                  \
    M(treated_collagen_gain_percent, "%",                                                          \
      "change of treated-layer collagen from day 0 to the end")                                    \
    M(matured_collagen_gain_percent, "%",                                                          \
      "matured new collagen of the treated layer at the end, % of its day-0 collagen")             \
    M(epidermal_thickness_end, "1", "epidermal thickness at the end (day 0 = 1)")                  \
    M(wrinkle_grade_end, "1", "Lemperle wrinkle grade at the end")

#define MN_M_ENUM(name, ...) M_##name,
enum mn_metric_id { MN_METRICS(MN_M_ENUM) M_COUNT };

typedef struct {
    const char *name, *unit, *description;
} mn_metric_info;
extern const mn_metric_info mn_metric_table[M_COUNT];
/* The description of the metric called name ("highest PIH index over the course"), NULL if none
 * has that name. */
const char *mn_metric_description(const char *name);

/* Per-session outcomes (absolute days). */
typedef struct {
    double day;          /* session day */
    double redness_gone; /* last time redness was visible before the next session */
    double
        barrier_back; /* first time barrier >= 95 % after the session (NaN: not before the next) */
    double peak_redness;
} mn_session_outcome;

/* The continuous solution the runner offers between two events: eval(ctx, t, y, obs) gives the
 * state and observables at any t covered by the last two accepted steps of the current segment
 * (their dense output). Metrics locate peaks and threshold crossings on it. */
typedef void (*mn_dense_eval)(void *ctx, double t, double *y, double *obs);

/* Quantities whose peaks or crossings the metrics locate on the continuous solution. */
enum { MQ_REDNESS, MQ_GLOW, MQ_SYNTHESIS, MQ_PIGMENT, MQ_IRRITATION, MQ_BARRIER, MQ_COUNT };
/* The observable each tracked quantity is (-1: the pigment state itself): the one list that
 * mn_metrics_submodels() derives from. */
extern const int mn_metric_quantity_source[MQ_COUNT];

typedef struct {
    const double *p;
    double threshold, pigment_threshold;
    double total0, scar0, baseline_synthesis;
    double first_session, second_session;
    double peak_syn, peak_syn_day, peak_glow, peak_glow_day, pigment_visible;
    /* the last three observations of the current segment (step ends): times and quantities */
    double h_t[3], h_q[3][MQ_COUNT];
    int h_n;
    int serum_count;
    mn_dense_eval eval;
    void *eval_ctx;
    void *root, *min; /* gsl_root_fsolver / gsl_min_fminimizer (brent), kept across courses */
    void *gauss;      /* gsl_integration_glfixed_table, kept across courses */
    unsigned long refine_evals; /* evaluations of the continuous solution by the refinements */
    mn_session_outcome *sessions;
    int n_sessions, cap_sessions;
    double m[M_COUNT];
} mn_metrics;

/* How many sub-models of the table (the first ones) compute the observables the metrics track
 * between the start and the end of a course: mn_model_observe_first(mn_metrics_submodels(), ...)
 * is enough for mn_metrics_observe, mn_metrics_visible_time and the dense evaluations. */
size_t mn_metrics_submodels(void);

/* Start a course. Returns -1 when the root finder / minimiser cannot be allocated. */
int mn_metrics_begin(mn_metrics *mt, const double *p, const double *y, const double *obs,
                     double first_session, double second_session, mn_dense_eval eval, void *ctx);
/* The state at t: at the start of a segment (day 0 or right after an event), or at the end of an
 * accepted step (the continuous solution then covers this step and the one before). */
void mn_metrics_observe(mn_metrics *mt, double t, const double *y, const double *obs);
/* The segment of the continuous solution ends (an event or the end of the course follows): a
 * maximum inside its last step is located (it has no later neighbour). */
void mn_metrics_segment_end(mn_metrics *mt);
/* The continuous solution stops here (an event follows): the next observation starts anew. */
void mn_metrics_break(mn_metrics *mt);
/* A session starts at t (called after observing the state just before it). Returns -1 on OOM. */
int mn_metrics_session(mn_metrics *mt, double t);
void mn_metrics_serum(mn_metrics *mt);
void mn_metrics_end(mn_metrics *mt, double t, const double *y, const double *obs);
/* Visible-redness time over the step [t0, t1] of the continuous solution, whose redness is r0 at
 * t0 and r1 at t1: the integral of mn_visible_fraction(redness). The step is split where redness
 * crosses the edges of the smooth step's band (Brent), so each piece is 0, its length, or a smooth
 * integrand (Gauss-Legendre, 10 points). The runner puts it in place of the explicit stepper's own
 * quadrature of that state: a smooth step narrower than the step is beyond a Runge-Kutta error
 * estimate (both embedded solutions miss it alike). */
double mn_metrics_visible_time(mn_metrics *mt, double t0, double r0, double t1, double r1);

void mn_metrics_free(mn_metrics *mt);

#endif
