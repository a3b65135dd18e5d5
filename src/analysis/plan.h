/* plan.h — schedule planning for one patient: simulate every candidate interval (and the
 * clinician's own schedules) with an uncertainty ensemble of common random numbers, score each
 * against a fixed reference course (docs/PLANNING.md), pick the best and the group of candidates
 * that cannot be told apart from it, book the sessions on clinic days and derive the aftercare
 * advice and the risk alternatives from the simulated courses. No I/O here (cli_plan.c writes
 * the reports, plan_text.c the words and calendars). */
#ifndef MN_PLAN_H
#define MN_PLAN_H

#include "error.h"
#include "metrics.h"
#include "model.h"
#include "runner.h"

/* Outcomes summarised over the ensemble (10th, 50th, 90th percentile). */
enum {
    MN_PO_GAIN,          /* collagen_gain_percent */
    MN_PO_SCAR,          /* scar_reduction_percent (0 without a scar) */
    MN_PO_REDNESS,       /* redness_days_per_session */
    MN_PO_REDNESS_TOTAL, /* redness_visible_days */
    MN_PO_PIH,           /* PIH index */
    MN_PO_SCORE,         /* score */
    MN_PO_COUNT
};
typedef struct {
    const char *name, *unit, *description;
} mn_plan_outcome_info;
extern const mn_plan_outcome_info mn_plan_outcomes[MN_PO_COUNT];

/* A schedule to simulate: regular (interval_days > 0; sessions 0 = as many as fit the horizon)
 * or explicit session days (n_days > 0), each visit optionally with its own parameter list
 * (visit_params[k] NULL = the patient's procedure). */
typedef struct {
    char label[96];
    double interval_days;
    int sessions;
    int n_days;
    double *days;
    double **visit_params;
} mn_plan_schedule;

typedef struct {
    mn_plan_schedule spec;
    int sessions; /* simulated */
    int ok;       /* 0: the nominal course failed */
    double metrics[M_COUNT];
    double benefit, cost, score;
    double q[MN_PO_COUNT][3]; /* ensemble percentiles 10/50/90 */
    int members;              /* ensemble members that ran */
    double p_beats_best;      /* paired fraction of members scoring above the best (NaN: best) */
    int equivalent;           /* p_beats_best >= plan.equivalence_probability (or the best) */
} mn_plan_candidate;

typedef struct {
    double day, redness_gone, barrier_back, acid_free_until, sun_protect_until, serum_until_hours;
} mn_plan_session;

typedef struct {
    int n_candidates;
    mn_plan_candidate *candidates;
    int n_compare;
    mn_plan_candidate *compare; /* the clinician's schedules, in the order given */
    int best;                   /* index into candidates */
    int group_lo, group_hi;     /* first and last candidate of the equivalence group */
    int group_contiguous;       /* 1: every candidate from group_lo to group_hi is in it */
    int edge;                   /* -1/+1: best at the lower/upper end of a searched range; 0 not */
    double reference_metrics[M_COUNT];
    double horizon_days;
    int fixed_sessions; /* 0: as many as fit in the horizon */
    int ensemble_members;
    /* the recommended course as booked (moved off closed clinic days), simulated */
    mn_plan_candidate booked;
    int booking_moved;  /* number of sessions moved to another day */
    int clinic_booking; /* 1: closed clinic days were given; every schedule was booked on open days
                         */
    int *compare_moved; /* per compare schedule: sessions moved to an open clinic day (its booked
                           days are then owned by the plan) */
    int n_sessions;
    mn_plan_session *sessions;
    /* risk alternatives predicted by the model (NaN metrics when not simulated) */
    double pih_alt_interval;
    int pih_alt_sunscreen;
    double pih_alt_metrics[M_COUNT];
    double acid_alt_day; /* aftercare.acid_days of the acid alternative (-1: without acids) */
    double acid_alt_metrics[M_COUNT];
} mn_plan;

typedef struct {
    double min_interval, max_interval; /* search range [days] (equal: one interval) */
    int sessions;                      /* > 0: fixed number of sessions */
    double horizon_days;               /* used when sessions == 0 */
    double follow_up_days;             /* after the last session, when sessions > 0 */
    const mn_plan_schedule *compare;   /* the clinician's schedules (may be NULL) */
    int n_compare;
    unsigned closed_days; /* bit d set: the clinic is closed on weekday d (0 = Monday) */
    int start_weekday;    /* weekday of day 0 (0 = Monday) */
    int threads;          /* OpenMP threads (0: all cores); the plan does not depend on it */
} mn_plan_request;

/* Run the plan for the patient/procedure parameters p. Returns 0 or -1 (err filled). */
int mn_plan_run(const double *p, const mn_plan_request *rq, mn_plan *plan, mn_error *err);
void mn_plan_free(mn_plan *plan);

/* Parameters of a regular course with this interval (schedule filled in). */
void mn_plan_course_params(const double *p, const mn_plan_request *rq, double interval,
                           double *out);

/* Parameters with which schedule s runs (its schedule section as simulated: for explicit visit
 * days first_day = the first visit, sessions = the visit count, interval_days = the nominal
 * interval of a booked regular schedule, else the first gap; course_days = the simulated end). */
void mn_plan_schedule_params(const double *p, const mn_plan_request *rq, const mn_plan_schedule *s,
                             double *out);

/* Simulate a schedule once (nominal parameters) with an optional observer: the course the
 * report's figure and run file show. Returns 0 or -1 (res->message). */
int mn_plan_simulate(mn_runner *w, const double *p, const mn_plan_request *rq,
                     const mn_plan_schedule *s, const mn_observer *ob, mn_result *res);

/* Book session days on open clinic days: each nominal day moves forward to the next open day
 * and after the previous booked session. Returns the number of sessions moved. */
int mn_plan_book(const double *nominal, int n, unsigned closed_days, int start_weekday,
                 double *booked);

/* PIH risk index: peak pigment over its visible threshold (>= 1: visible PIH expected). */
double mn_plan_pih_risk(const double *metrics, const double *p);

#endif
