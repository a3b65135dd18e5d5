/* runner.c — one course: piecewise integration between events with gsl_odeiv2 (step / control /
 * evolve), stepper reset at every event, jumps, sampling and streaming metrics. The fast
 * sub-processes (channel closure, product clearance) are evaluated exactly inside the RHS
 * (models/fast.c), so the ODE system itself is non-stiff after the first hours. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_odeiv2.h>

#include "runner.h"

static const char *solver_names[] = {"rkf45", "rkck", "rk8pd", "msbdf", "rk4imp", "bsimp"};

const char *mn_solver_name(int method)
{
    return method >= 0 && method < 6 ? solver_names[method] : "?";
}

static const gsl_odeiv2_step_type *stepper_type(int method)
{
    switch (method) {
    case 1:
        return gsl_odeiv2_step_rkck;
    case 2:
        return gsl_odeiv2_step_rk8pd;
    case 3:
        return gsl_odeiv2_step_msbdf;
    case 4:
        return gsl_odeiv2_step_rk4imp;
    case 5:
        return gsl_odeiv2_step_bsimp;
    default:
        return gsl_odeiv2_step_rkf45;
    }
}

/* What the RHS needs besides the state: parameters, the fast sub-processes, counters. */
typedef struct {
    const double *p;
    const mn_fast *fast;
    unsigned long rhs_evals, jacobian_evals;
    double t_jac; /* time at which the finite-difference Jacobian is taken */
} rhs_ctx;

struct mn_runner {
    int method; /* stepper allocated, -1 = none */
    /* The driver owns step, control and evolve; msbdf and the implicit steppers need it. The
     * system it points to lives here, its params pointing at the current course's context. */
    gsl_odeiv2_system sys;
    rhs_ctx ctx;
    gsl_odeiv2_driver *driver;
    gsl_odeiv2_step *step;
    gsl_odeiv2_control *control;
    gsl_odeiv2_evolve *evolve;
    double rtol, atol;
    mn_schedule schedule;
    mn_metrics metrics;
};

static int rhs(double t, const double y[], double dydt[], void *params)
{
    rhs_ctx *c = params;
    mn_signals sig;
    c->rhs_evals++;
    mn_fast_eval(c->fast, t, c->p, &sig);
    mn_model_rhs(t, y, &sig, c->p, dydt);
    for (int i = 0; i < S_COUNT; i++)
        if (!isfinite(dydt[i])) return GSL_EBADFUNC;
    return GSL_SUCCESS;
}

static int rhs_at_fixed_time(const gsl_vector *x, void *params, gsl_vector *f)
{
    rhs_ctx *c = params;
    return rhs(c->t_jac, x->data, f->data, params);
}

/* Jacobian for the implicit steppers by forward differences (gsl_multiroot_fdjacobian); df/dt
 * likewise. The model is small (S_COUNT states), so this costs S_COUNT + 2 RHS evaluations. */
static int jacobian(double t, const double y[], double *dfdy, double dfdt[], void *params)
{
    rhs_ctx *c = params;
    c->jacobian_evals++;
    gsl_vector_view x = gsl_vector_view_array((double *)y, S_COUNT);
    gsl_matrix_view J = gsl_matrix_view_array(dfdy, S_COUNT, S_COUNT);
    double f0[S_COUNT], f1[S_COUNT];
    gsl_vector_view fv = gsl_vector_view_array(f0, S_COUNT);
    c->t_jac = t;
    if (rhs(t, y, f0, params) != GSL_SUCCESS) return GSL_EBADFUNC;
    gsl_multiroot_function F = {rhs_at_fixed_time, S_COUNT, params};
    /* GSL_ESING only says some column is zero (quadrature states such as the cumulative collagen
     * integrals do not feed back): the matrix is still right. */
    int status = gsl_multiroot_fdjacobian(&F, &x.vector, &fv.vector, 1e-8, &J.matrix);
    if (status != GSL_SUCCESS && status != GSL_ESING) return GSL_EBADFUNC;
    double dt = 1e-8 * fmax(1.0, fabs(t));
    if (rhs(t + dt, y, f1, params) != GSL_SUCCESS) return GSL_EBADFUNC;
    for (int i = 0; i < S_COUNT; i++)
        dfdt[i] = (f1[i] - f0[i]) / dt;
    return GSL_SUCCESS;
}

mn_runner *mn_runner_new(void)
{
    mn_runner *w = calloc(1, sizeof *w);
    if (w) w->method = -1;
    return w;
}

static void free_stepper(mn_runner *w)
{
    if (w->driver) gsl_odeiv2_driver_free(w->driver);
    w->driver = NULL, w->evolve = NULL, w->control = NULL, w->step = NULL;
    w->method = -1;
}

void mn_runner_free(mn_runner *w)
{
    if (!w) return;
    free_stepper(w);
    mn_schedule_free(&w->schedule);
    mn_metrics_free(&w->metrics);
    free(w);
}

static int ensure_stepper(mn_runner *w, int method, double rtol, double atol)
{
    if (w->method == method && w->rtol == rtol && w->atol == atol) return 0;
    free_stepper(w);
    w->sys = (gsl_odeiv2_system){rhs, jacobian, S_COUNT, &w->ctx};
    w->driver = gsl_odeiv2_driver_alloc_y_new(&w->sys, stepper_type(method), 1e-3, atol, rtol);
    if (!w->driver) return -1;
    w->step = w->driver->s, w->control = w->driver->c, w->evolve = w->driver->e;
    w->method = method, w->rtol = rtol, w->atol = atol;
    return 0;
}

static void observe(const rhs_ctx *c, double t, const double *y, double *obs)
{
    mn_signals sig;
    mn_fast_eval(c->fast, t, c->p, &sig);
    mn_model_observe(y, &sig, c->p, obs);
}

static int fail(mn_result *res, double t, const double *y, const char *what)
{
    /* Name the offending state: the first non-finite one, else the largest in magnitude. */
    int worst = 0;
    for (int i = 0; i < S_COUNT; i++) {
        if (!isfinite(y[i])) {
            worst = i;
            break;
        }
        if (fabs(y[i]) > fabs(y[worst])) worst = i;
    }
    res->status = MN_COURSE_SOLVER_FAILED;
    res->fail_day = t;
    snprintf(res->message, sizeof res->message, "%s at day %.6g (state %s = %g)", what, t,
             mn_states[worst].name, y[worst]);
    return -1;
}

int mn_run_course(mn_runner *w, const double *p, const mn_observer *ob, mn_result *res)
{
    return mn_run_course_visits(w, p, NULL, ob, res);
}

int mn_run_course_visits(mn_runner *w, const double *p, const mn_visit_list *visits,
                         const mn_observer *ob, mn_result *res)
{
    memset(res, 0, sizeof *res);
    mn_error err;
    if (mn_schedule_build_visits(p, visits, &w->schedule, &err) != 0) {
        res->status = MN_COURSE_INVALID;
        snprintf(res->message, sizeof res->message, "%s", err.msg);
        for (int i = 0; i < M_COUNT; i++)
            res->metrics[i] = NAN;
        return -1;
    }
    if (ensure_stepper(w, (int)p[P_solver_method], p[P_solver_rtol], p[P_solver_atol]) != 0) {
        res->status = MN_COURSE_SOLVER_FAILED;
        snprintf(res->message, sizeof res->message, "cannot allocate the %s stepper",
                 mn_solver_name((int)p[P_solver_method]));
        return -1;
    }
    const mn_schedule *sc = &w->schedule;
    mn_fast fast;
    mn_fast_reset(&fast, p);
    w->ctx = (rhs_ctx){.p = p, .fast = &fast};
    rhs_ctx *ctx = &w->ctx;
    gsl_odeiv2_system *sys = &w->sys;
    double y[S_COUNT], before[S_COUNT], obs[O_COUNT];
    mn_model_init(p, y);
    gsl_odeiv2_driver_reset(w->driver); /* no counts or state carried over from the last course */

    double first = NAN, second = sc->end_day;
    int seen = 0;
    for (size_t i = 0; i < sc->n_events; i++)
        if (sc->events[i].kind == EV_SESSION) {
            if (seen++ == 0)
                first = sc->events[i].day;
            else {
                second = sc->events[i].day;
                break;
            }
        }
    observe(ctx, 0.0, y, obs);
    mn_metrics_begin(&w->metrics, p, y, obs, isnan(first) ? 0.0 : first, second);
    mn_metrics_observe(&w->metrics, 0.0, y, obs);

    const int sampling = ob && ob->sample && ob->step_days > 0;
    double step_days = sampling ? ob->step_days : 0.0;
    long sample_index = 0;
    double next_sample = step_days > 0 ? 0.0 : INFINITY;
    double max_step = p[P_solver_max_step_days];
    double t = 0.0, h = 1e-3;
    unsigned long steps = 0, rejected = 0;
    size_t ev = 0;

    for (;;) {
        double seg_end = ev < sc->n_events ? sc->events[ev].day : sc->end_day;
        /* Restart the stepper: the right-hand side is discontinuous at events. */
        rejected += w->evolve->failed_steps;
        gsl_odeiv2_driver_reset(w->driver);
        h = fmin(h, 1e-3);
        while (t < seg_end || next_sample <= seg_end) {
            if (next_sample <= t) {
                /* Sample exactly at a grid point (also when it coincides with an event). */
                observe(ctx, t, y, obs);
                if (sampling) ob->sample(ob->user, t, y, obs);
                sample_index++;
                next_sample = sample_index * step_days;
                continue;
            }
            double target = fmin(seg_end, next_sample);
            if (t >= target) break;
            double h_before = h, t_before = t;
            int status =
                gsl_odeiv2_evolve_apply(w->evolve, w->control, w->step, sys, &t, target, &h, y);
            steps++;
            if (status != GSL_SUCCESS)
                return fail(res, t, y,
                            status == GSL_EBADFUNC ? "non-finite derivative"
                                                   : "integration failed");
            if (t == target && h < h_before && target - t_before < h_before) h = h_before;
            if (h > max_step) h = max_step;
            if (steps > (unsigned long)p[P_solver_max_steps])
                return fail(res, t, y, "step limit (solver.max_steps) reached");
            observe(ctx, t, y, obs);
            mn_metrics_observe(&w->metrics, t, y, obs);
        }
        if (ev >= sc->n_events) break;
        /* Apply the event (several may share a day). */
        const mn_event *e = &sc->events[ev++];
        memcpy(before, y, sizeof y);
        if (e->kind == EV_SESSION) {
            const double *vp =
                visits && visits->session_params && visits->session_params[e->session]
                    ? visits->session_params[e->session]
                    : p;
            mn_injury inj = mn_procedure_injury(vp);
            mn_model_session(&inj, vp, y);
            mn_fast_session(&fast, t, &inj, vp);
            if (mn_metrics_session(&w->metrics, t) != 0) return fail(res, t, y, "out of memory");
        } else if (e->kind == EV_SERUM) {
            mn_fast_apply_topical(&fast, t, p);
            mn_metrics_serum(&w->metrics);
        } else {
            mn_fast_apply_acid(&fast, t, p);
        }
        if (ob && ob->event) ob->event(ob->user, e, before, y);
        observe(ctx, t, y, obs);
        mn_metrics_observe(&w->metrics, t, y, obs);
    }
    for (int i = 0; i < S_COUNT; i++)
        if (!isfinite(y[i])) return fail(res, t, y, "non-finite state");
    rejected += w->evolve->failed_steps;
    observe(ctx, t, y, obs);
    mn_metrics_end(&w->metrics, t, y, obs);
    memcpy(res->metrics, w->metrics.m, sizeof res->metrics);
    res->status = MN_COURSE_OK;
    res->steps = steps;
    res->rejected_steps = rejected;
    res->rhs_evals = ctx->rhs_evals;
    res->jacobian_evals = ctx->jacobian_evals;
    res->sessions = w->metrics.sessions;
    res->n_sessions = w->metrics.n_sessions;
    return 0;
}
