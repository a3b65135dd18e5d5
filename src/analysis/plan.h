/* plan.h — schedule planning for one patient: simulate every candidate interval, score each by
 * its outcome against its costs (docs/PLANNING.md), pick the best, and derive the aftercare advice
 * and an uncertainty range from the simulated course. No I/O here (cli_plan.c writes reports). */
#ifndef MN_PLAN_H
#define MN_PLAN_H

#include "error.h"
#include "metrics.h"
#include "model.h"

typedef struct {
    double interval_days;
    int sessions;
    int ok; /* 0: the course failed (message in the plan's log) */
    double metrics[M_COUNT];
    double benefit, cost, score;
} mn_plan_candidate;

typedef struct {
    double day, redness_gone, barrier_back, acid_free_until, sun_protect_until, serum_until_hours;
} mn_plan_session;

typedef struct {
    int n_candidates;
    mn_plan_candidate *candidates;
    int best; /* index into candidates */
    double horizon_days;
    int fixed_sessions; /* 0: as many as fit in the horizon */
    /* the recommended course in detail */
    int n_sessions;
    mn_plan_session *sessions;
    /* uncertainty (ensemble) of the recommended course: 10th, 50th, 90th percentiles */
    double gain_q[3], scar_q[3], redness_q[3];
    int ensemble_members;
} mn_plan;

typedef struct {
    double min_interval, max_interval; /* search range [days] (equal: one interval) */
    int sessions;                      /* > 0: fixed number of sessions */
    double horizon_days;               /* used when sessions == 0 */
    double follow_up_days;             /* after the last session, when sessions > 0 */
} mn_plan_request;

/* Run the plan for the patient/procedure parameters p. Returns 0 or -1 (err filled). */
int mn_plan_run(const double *p, const mn_plan_request *rq, mn_plan *plan, mn_error *err);
void mn_plan_free(mn_plan *plan);

/* Parameters of candidate k's course (schedule filled in). */
void mn_plan_course_params(const double *p, const mn_plan_request *rq, double interval,
                           double *out);

/* PIH risk index: peak pigment over its visible threshold (>= 1: visible PIH expected). */
double mn_plan_pih_risk(const double *metrics, const double *p);

#endif
