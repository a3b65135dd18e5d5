/* runner.h — simulates one course: model + parameter values + schedule. Integrates with
 * gsl_odeiv2 piecewise between events, restarting the stepper at each discontinuity, applies the
 * jumps, reports the state just before and after each event, samples an output grid on request
 * and computes the metrics. A pure function of its inputs: the same parameters give the same
 * numbers on any thread or rank. One runner per thread (it owns the integrator workspace). */
#ifndef MN_RUNNER_H
#define MN_RUNNER_H

#include "error.h"
#include "metrics.h"
#include "model.h"
#include "schedule.h"

typedef enum {
    MN_COURSE_PENDING = 0, /* not yet simulated (sweep files) */
    MN_COURSE_OK = 1,
    MN_COURSE_INVALID = 2,      /* parameter combination rejected (e.g. sessions do not fit) */
    MN_COURSE_SOLVER_FAILED = 3 /* the integrator failed or the state became non-finite */
} mn_course_status;

typedef struct {
    /* Called on the output grid 0, step, 2 step, ..., end (if step_days > 0). */
    double step_days;
    void (*sample)(void *user, double t, const double *y, const double *obs);
    /* Called at each event with the state just before and just after it. */
    void (*event)(void *user, const mn_event *ev, const double *y_before, const double *y_after);
    void *user;
} mn_observer;

typedef struct {
    mn_course_status status;
    double fail_day;    /* simulated time of a failure */
    char message[2048]; /* reason of a failure, naming the offending state */
    double metrics[M_COUNT];
    unsigned long steps, rejected_steps, rhs_evals, jacobian_evals;
    unsigned long dense_evals; /* evaluations of the continuous solution by the metrics */
    /* Per-session outcomes; owned by the runner, valid until its next course. */
    const mn_session_outcome *sessions;
    int n_sessions;
} mn_result;

typedef struct mn_runner mn_runner;

mn_runner *mn_runner_new(void);
void mn_runner_free(mn_runner *w);

/* Simulate the course described by p. Returns 0 when res->status is OK, -1 otherwise (the
 * reason is in res->message). Never aborts: a failing course is a result, not a crash. */
int mn_run_course(mn_runner *w, const double *p, const mn_observer *obs, mn_result *res);
/* The same with explicit visits (schedule.h) instead of the regular schedule of p. */
int mn_run_course_visits(mn_runner *w, const double *p, const mn_visit_list *visits,
                         const mn_observer *obs, mn_result *res);

/* plain = 1: the explicit steppers integrate the states themselves, without the integrating
 * factor of the linear states (reference solutions in tests and scripts/bench). Default 0. */
void mn_runner_set_plain(mn_runner *w, int plain);

/* Names of the solver.method choices, in order. */
const char *mn_solver_name(int method);

#endif
