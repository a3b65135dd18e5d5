/* runner.c — one course: piecewise integration between events with gsl_odeiv2 (step / control /
 * evolve), stepper reset at every event, jumps, sampling and streaming metrics. The fast
 * sub-processes (channel closure, product clearance) are evaluated exactly inside the RHS
 * (models/fast.c); the explicit steppers integrate the fast linear states (mn_constants.expo_state)
 * through an integrating factor, u = exp(k (t - t_ref)) y, so their decay sets no stability limit,
 * and the quadrature states from 0 in each stretch between events (docs/MODEL.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_odeiv2.h>

#include "dopri5.h"
#include "runner.h"

static const char *solver_names[] = {"rkf45",  "rkck",  "rk8pd", "msbdf",
                                     "rk4imp", "bsimp", "dopri5"};

const char *mn_solver_name(int method)
{
    return method >= 0 && method < 7 ? solver_names[method] : "?";
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
    case 6:
        return mn_step_dopri5;
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
    int expo;     /* the integrated state is u (integrating factor), not y */
    double t_ref; /* reference time of the integrating factor in the current stretch */
    /* the factors exp(k_j tau) of the last evaluation: dopri5's last two stages share their
     * time, and so do many consecutive evaluations of the metrics */
    double grow_tau, grow[MN_EXPO_CANDIDATES];
    /* ... and those of dopri5's coming stages (prepare_stages) */
    double stage_tau[5], stage_grow[5][MN_EXPO_CANDIDATES];
} rhs_ctx;

/* Dense output of one accepted step: values, first and second derivatives at both ends (quintic
 * Hermite). The second derivatives are taken only when the step is interpolated (have_g). */
typedef struct {
    double t0, t1, t_ref; /* t_ref: integrating-factor reference of the stored (u) values */
    double y0[S_COUNT], y1[S_COUNT], f0[S_COUNT], f1[S_COUNT], g0[S_COUNT], g1[S_COUNT];
    int have_g;
} dense_step;

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
    /* the last two accepted steps of the current segment (n_dense of them, newest at last) */
    dense_step dense[2];
    int n_dense, last;
    int plain;                /* 1: no integrating factor (mn_runner_set_plain) */
    size_t tracked_submodels; /* mn_metrics_submodels(), once */
};

static int rhs_phys(double t, const double y[], double dydt[], rhs_ctx *c)
{
    mn_signals sig;
    c->rhs_evals++;
    mn_fast_eval(c->fast, t, c->p, &sig);
    mn_model_rhs(t, y, &sig, c->p, dydt);
    /* one branch for all states: 0 * x is 0 for finite x, NaN for NaN or infinity */
    double z = 0.0;
    for (int i = 0; i < S_COUNT; i++)
        z += 0.0 * dydt[i];
    return z == 0.0 ? GSL_SUCCESS : GSL_EBADFUNC;
}

/* The physical state y at t from the integrated state u of a stretch with reference t_ref:
 * y_j = exp(-k_j (t - t_ref)) u_j for the linear states with the integrating factor
 * (mn_constants.expo_state), y = u for the others (u may be y). */
static void to_phys(const rhs_ctx *c, double t_ref, double t, const double *u, double *y)
{
    if (y != u) memcpy(y, u, S_COUNT * sizeof *y);
    if (!c->expo) return;
    const mn_constants *k = &c->fast->k;
    const double tau = t - t_ref;
    for (int j = 0; j < k->n_expo; j++)
        y[k->expo_state[j]] *= exp(-k->expo_rate[j] * tau);
}

/* The factors exp(k_j tau): kept from the last evaluation at this tau, else (with `stages`)
 * from dopri5's prepared stages, else computed. The step start's factors, from which the
 * stages' are formed, are computed by exp, not taken from an earlier attempt's stages. */
static const double *factors_at(rhs_ctx *c, double tau, int stages)
{
    if (tau != c->grow_tau) {
        const mn_constants *k = &c->fast->k;
        int i = stages ? 0 : 5;
        while (i < 5 && tau != c->stage_tau[i])
            i++;
        for (int j = 0; j < k->n_expo; j++)
            c->grow[j] = i < 5 ? c->stage_grow[i][j] : exp(k->expo_rate[j] * tau);
        c->grow_tau = tau;
    }
    return c->grow;
}

/* du/dt of the integrated state: du_j/dt = exp(k_j (t - t_ref)) (f_j(y) + k_j y_j) for the linear
 * states (f_j + k_j y_j is their forcing; exactly the same equations), du/dt = f(y) otherwise. */
static int rhs_ref(rhs_ctx *c, double t_ref, double t, const double *u, double *du)
{
    if (!c->expo) return rhs_phys(t, u, du, c);
    const mn_constants *k = &c->fast->k;
    double y[S_COUNT];
    const double *grow = factors_at(c, t - t_ref, 1);
    memcpy(y, u, sizeof y);
    for (int j = 0; j < k->n_expo; j++)
        y[k->expo_state[j]] /= grow[j];
    int status = rhs_phys(t, y, du, c);
    for (int j = 0; j < k->n_expo; j++) {
        const int i = k->expo_state[j];
        du[i] = (du[i] + k->expo_rate[j] * y[i]) * grow[j];
    }
    return status;
}

/* dopri5's stage hook: the factors at its five coming stage times t + c_i h from one exp per
 * state, exp(k_j h / 90), and its powers (c_i = 18, 27, 72, 80, 90 / 90) times the factor at the
 * step start, in place of five exp per state. Products and exp agree to a few units in the last
 * place of k_j tau (~1e-13 relative at most), far below the step's tolerance. */
static void prepare_stages(void *ctx, double t, double h, const double t_stage[5])
{
    rhs_ctx *c = ctx;
    if (!c->expo) return;
    const mn_constants *k = &c->fast->k;
    const double *start = factors_at(c, t - c->t_ref, 0); /* usually kept: f at the start */
    for (int j = 0; j < k->n_expo; j++) {
        const double e = exp(k->expo_rate[j] * h / 90.0), e2 = e * e, e4 = e2 * e2, e8 = e4 * e4,
                     e16 = e8 * e8, e18 = e16 * e2, e64 = (e16 * e16) * (e16 * e16),
                     e80 = e64 * e16, g = start[j];
        c->stage_grow[0][j] = g * e18;
        c->stage_grow[1][j] = g * (e18 * (e8 * e));
        c->stage_grow[2][j] = g * (e64 * e8);
        c->stage_grow[3][j] = g * e80;
        c->stage_grow[4][j] = g * (e80 * (e8 * e2));
    }
    for (int i = 0; i < 5; i++)
        c->stage_tau[i] = t_stage[i] - c->t_ref;
}

static int rhs(double t, const double y[], double dydt[], void *params)
{
    rhs_ctx *c = params;
    return rhs_ref(c, c->t_ref, t, y, dydt);
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
    if (w) w->method = -1, w->tracked_submodels = mn_metrics_submodels();
    return w;
}

void mn_runner_set_plain(mn_runner *w, int plain)
{
    w->plain = plain;
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

/* Explicit Runge-Kutta steppers leave f(t0, y0) in evolve->dydt_in (dopri5: mn_dopri5_dydt_start)
 * and f(t1, y1) in evolve->dydt_out; the others do not. */
static int explicit_rk(int method)
{
    return method <= 2 || method == 6;
}

static int ensure_stepper(mn_runner *w, int method, double rtol, double atol)
{
    if (w->method == method && w->rtol == rtol && w->atol == atol) return 0;
    free_stepper(w);
    w->sys = (gsl_odeiv2_system){rhs, jacobian, S_COUNT, &w->ctx};
    /* GSL's standard control (a_y = 1, a_dydt = 0), except for the visible-redness time: the
     * runner replaces the stepper's quadrature of it (mn_metrics_visible_time), so its error does
     * not limit the step */
    double scale_abs[S_COUNT];
    for (int i = 0; i < S_COUNT; i++)
        scale_abs[i] = i == S_visible_redness_days && explicit_rk(method) ? 1e300 : 1.0;
    w->driver = gsl_odeiv2_driver_alloc_scaled_new(&w->sys, stepper_type(method), 1e-3, atol, rtol,
                                                   1.0, 0.0, scale_abs);
    if (!w->driver) return -1;
    w->step = w->driver->s, w->control = w->driver->c, w->evolve = w->driver->e;
    if (method == 6) mn_dopri5_set_stage_hook(w->step, prepare_stages, &w->ctx);
    w->method = method, w->rtol = rtol, w->atol = atol;
    return 0;
}

static void observe(const rhs_ctx *c, double t, const double *y, double *obs)
{
    mn_signals sig;
    mn_fast_eval(c->fast, t, c->p, &sig);
    mn_model_observe(y, &sig, c->p, obs);
}

/* Only the observables the metrics track (the others in obs are not set): for the metrics'
 * evaluations between the start and the end of a course. */
static void observe_tracked(const mn_runner *w, double t, const double *y, double *obs)
{
    mn_signals sig;
    mn_fast_eval(w->ctx.fast, t, w->ctx.p, &sig);
    mn_model_observe_first(w->tracked_submodels, y, &sig, w->ctx.p, obs);
}

/* Second derivatives at both ends of step d by a one-sided difference of f along the solution,
 * inside the step (the right-hand side is smooth there): y'' = (f(t + e, y + e f) - f(t, y)) / e,
 * e = 1e-6 h. Their error (~1e-6 h y^(3)) enters the interpolant multiplied by h^2. */
static void dense_second_derivatives(rhs_ctx *c, dense_step *d)
{
    double h = d->t1 - d->t0, e = 1e-6 * h, ys[S_COUNT], fs[S_COUNT];
    d->have_g = 1;
    for (int i = 0; i < S_COUNT; i++)
        ys[i] = d->y0[i] + e * d->f0[i];
    if (rhs_ref(c, d->t_ref, d->t0 + e, ys, fs) != GSL_SUCCESS) goto cubic;
    for (int i = 0; i < S_COUNT; i++)
        d->g0[i] = (fs[i] - d->f0[i]) / e;
    for (int i = 0; i < S_COUNT; i++)
        ys[i] = d->y1[i] - e * d->f1[i];
    if (rhs_ref(c, d->t_ref, d->t1 - e, ys, fs) != GSL_SUCCESS) goto cubic;
    for (int i = 0; i < S_COUNT; i++)
        d->g1[i] = (d->f1[i] - fs[i]) / e;
    return;
cubic: /* never expected inside an accepted step; the cubic Hermite interpolant remains */
    for (int i = 0; i < S_COUNT; i++) {
        double dy = d->y1[i] - d->y0[i];
        d->g0[i] = (6.0 * dy - h * (4.0 * d->f0[i] + 2.0 * d->f1[i])) / (h * h);
        d->g1[i] = (-6.0 * dy + h * (2.0 * d->f0[i] + 4.0 * d->f1[i])) / (h * h);
    }
}

/* Quintic Hermite interpolant of step d at t (t0 <= t <= t1); exact at both ends. Where a state
 * has the same sign at both ends the interpolant keeps that sign (a polynomial following a fast
 * exponential decay over a long step may otherwise dip below zero by round-off amounts). The
 * interpolant is of the integrated state u (smooth where y decays fast); the result is y. */
static void hermite(rhs_ctx *c, dense_step *d, double t, double *y)
{
    if (!d->have_g) dense_second_derivatives(c, d);
    double h = d->t1 - d->t0, s = (t - d->t0) / h, s2 = s * s, s3 = s2 * s;
    double b0 = 1.0 - s3 * (10.0 - s * (15.0 - 6.0 * s));
    double b1 = h * (s - s3 * (6.0 - s * (8.0 - 3.0 * s)));
    double b2 = h * h * 0.5 * s2 * (1.0 - s * (3.0 - s * (3.0 - s)));
    double b3 = s3 * (10.0 - s * (15.0 - 6.0 * s));
    double b4 = h * s3 * (-4.0 + s * (7.0 - 3.0 * s));
    double b5 = h * h * 0.5 * s3 * (1.0 - s * (2.0 - s));
    for (int i = 0; i < S_COUNT; i++) {
        double v = b0 * d->y0[i] + b1 * d->f0[i] + b2 * d->g0[i] + b3 * d->y1[i] + b4 * d->f1[i] +
                   b5 * d->g1[i];
        if ((v < 0 && d->y0[i] >= 0 && d->y1[i] >= 0) || (v > 0 && d->y0[i] <= 0 && d->y1[i] <= 0))
            v = 0.0;
        y[i] = v;
    }
    to_phys(c, d->t_ref, t, y, y);
}

/* The continuous solution over the last two steps (mn_dense_eval for the metrics). */
static void dense_eval(void *ctx, double t, double *y, double *obs)
{
    mn_runner *w = ctx;
    dense_step *d = &w->dense[w->last];
    if (w->n_dense == 2 && t < d->t0) d = &w->dense[1 - w->last];
    if (t == d->t1)
        to_phys(&w->ctx, d->t_ref, t, d->y1, y);
    else
        hermite(&w->ctx, d, t, y);
    observe_tracked(w, t, y, obs);
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

/* Size of the first step after a restart, by the rule of Hairer, Norsett & Wanner (Solving ODEs I,
 * II.4): the step on which an Euler step's change of f, weighted by the tolerances, would make a
 * local error of ~1 for a method of this order. Two RHS evaluations; a fixed 1e-3 day instead
 * wasted ~3 growing steps after each of the course's events. */
static double initial_step(rhs_ctx *c, double t, const double *u, unsigned order, double rtol,
                           double atol)
{
    double f0[S_COUNT], f1[S_COUNT], u1[S_COUNT], d0 = 0, d1 = 0, d2 = 0;
    if (rhs(t, u, f0, c) != GSL_SUCCESS) return 1e-3;
    for (int i = 0; i < S_COUNT; i++) {
        double sc = atol + rtol * fabs(u[i]);
        d0 += (u[i] / sc) * (u[i] / sc);
        d1 += (f0[i] / sc) * (f0[i] / sc);
    }
    d0 = sqrt(d0 / S_COUNT), d1 = sqrt(d1 / S_COUNT);
    double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
    for (int i = 0; i < S_COUNT; i++)
        u1[i] = u[i] + h0 * f0[i];
    if (rhs(t + h0, u1, f1, c) != GSL_SUCCESS) return 1e-3;
    for (int i = 0; i < S_COUNT; i++) {
        double e = (f1[i] - f0[i]) / (atol + rtol * fabs(u[i]));
        d2 += e * e;
    }
    d2 = sqrt(d2 / S_COUNT) / h0;
    double dmax = fmax(d1, d2);
    double h1 = dmax <= 1e-15 ? fmax(1e-6, 1e-3 * h0) : pow(0.01 / dmax, 1.0 / (order + 1));
    return fmin(100 * h0, h1);
}

/* Emit the output samples due before t, and at t too if `at_t` (the state there is y, exact). A
 * sample at an event's instant shows the state just after the event (all events of that day),
 * so a session's jump is in the series at its day; /events keeps the state just before. */
static void flush_samples(const mn_observer *ob, const rhs_ctx *ctx, double t, const double *y,
                          int at_t, double step_days, long *index, double *next)
{
    double obs[O_COUNT];
    while (*next < t || (at_t && *next == t)) {
        observe(ctx, *next, y, obs);
        ob->sample(ob->user, *next, y, obs);
        ++*index;
        *next = (double)*index * step_days;
    }
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
    const int method = (int)p[P_solver_method];
    if (ensure_stepper(w, method, p[P_solver_rtol], p[P_solver_atol]) != 0) {
        res->status = MN_COURSE_SOLVER_FAILED;
        snprintf(res->message, sizeof res->message, "cannot allocate the %s stepper",
                 mn_solver_name(method));
        return -1;
    }
    const mn_schedule *sc = &w->schedule;
    mn_fast fast;
    mn_fast_reset(&fast, p);
    w->ctx = (rhs_ctx){.p = p,
                       .fast = &fast,
                       .expo = explicit_rk(method) && !w->plain,
                       .grow_tau = NAN,
                       .stage_tau = {NAN, NAN, NAN, NAN, NAN}};
    rhs_ctx *ctx = &w->ctx;
    gsl_odeiv2_system *sys = &w->sys;
    gsl_odeiv2_evolve *ev_ = w->evolve;
    /* y: the physical state; u: the integrated state (y, or exp(k (t - t_ref)) y for the linear
     * states). Within a stretch k (t - t_ref) stays below 300 (exp(300) ~ 1e130): the reference
     * moves on (t_ref = t, u = y) once it exceeds 150. */
    double y[S_COUNT], u[S_COUNT], before[S_COUNT], obs[O_COUNT];
    const double tau_max = ctx->expo && fast.k.n_expo > 0 ? 300.0 / fast.k.expo_rate_max : INFINITY;
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
    if (mn_metrics_begin(&w->metrics, p, y, obs, isnan(first) ? 0.0 : first, second, dense_eval,
                         w) != 0) {
        res->status = MN_COURSE_SOLVER_FAILED;
        snprintf(res->message, sizeof res->message, "out of memory (metrics)");
        return -1;
    }
    mn_metrics_observe(&w->metrics, 0.0, y, obs);
    double redness_before = obs[O_redness]; /* at the start of the next step */

    const int sampling = ob && ob->sample && ob->step_days > 0;
    const double step_days = sampling ? ob->step_days : 0.0;
    long sample_index = 0;
    double next_sample = sampling ? 0.0 : INFINITY;
    const double max_step = p[P_solver_max_step_days];
    const unsigned long max_steps = (unsigned long)p[P_solver_max_steps];
    double t = 0.0, h = 1e-3;
    unsigned long steps = 0, rejected = 0;
    size_t ev = 0;

    for (;;) {
        double seg_end = ev < sc->n_events ? sc->events[ev].day : sc->end_day;
        /* Restart the stepper: the right-hand side is discontinuous at events. */
        rejected += ev_->failed_steps;
        gsl_odeiv2_driver_reset(w->driver);
        h = fmin(h, 1e-3);
        w->n_dense = 0;
        /* samples at t once every event of this instant is applied */
        if (sampling)
            flush_samples(ob, ctx, t, y, seg_end > t || ev >= sc->n_events, step_days,
                          &sample_index, &next_sample);
        ctx->t_ref = t;
        memcpy(u, y, sizeof y);
        if (ctx->expo)
            for (int j = 0; j < MN_QUADRATURE_COUNT; j++)
                u[mn_quadrature_states[j]] = 0.0;
        if (explicit_rk(method) && t < seg_end)
            h = fmin(initial_step(ctx, t, u, gsl_odeiv2_step_order(w->step), w->rtol, w->atol),
                     max_step);
        while (t < seg_end) {
            const double stop = fmin(seg_end, ctx->t_ref + tau_max);
            dense_step *d = &w->dense[w->n_dense ? 1 - w->last : 0];
            d->t0 = t;
            d->t_ref = ctx->t_ref;
            memcpy(d->y0, u, sizeof u);
            if (ctx->expo) /* the stored ends hold the quadrature states' totals */
                for (int j = 0; j < MN_QUADRATURE_COUNT; j++)
                    d->y0[mn_quadrature_states[j]] = y[mn_quadrature_states[j]];
            double q0[MN_QUADRATURE_COUNT];
            for (int j = 0; j < MN_QUADRATURE_COUNT; j++)
                q0[j] = y[mn_quadrature_states[j]] - u[mn_quadrature_states[j]];
            if (!explicit_rk(method)) {
                if (w->n_dense)
                    memcpy(d->f0, w->dense[w->last].f1, sizeof d->f0);
                else if (rhs(t, u, d->f0, ctx) != GSL_SUCCESS)
                    return fail(res, t, y, "non-finite derivative");
            }
            const double visible_before = y[S_visible_redness_days];
            double h_before = h;
            int status = gsl_odeiv2_evolve_apply(ev_, w->control, w->step, sys, &t, stop, &h, u);
            steps++;
            to_phys(ctx, ctx->t_ref, t, u, y);
            if (ctx->expo)
                for (int j = 0; j < MN_QUADRATURE_COUNT; j++)
                    y[mn_quadrature_states[j]] = q0[j] + u[mn_quadrature_states[j]];
            if (status != GSL_SUCCESS)
                return fail(res, t, y,
                            status == GSL_EBADFUNC ? "non-finite derivative"
                                                   : "integration failed");
            /* a step shortened only to land on the event keeps the step size it had */
            if (t == stop && h < h_before && t - d->t0 < h_before) h = h_before;
            if (h > max_step) h = max_step;
            if (steps > max_steps) return fail(res, t, y, "step limit (solver.max_steps) reached");
            d->t1 = t;
            d->have_g = 0;
            memcpy(d->y1, u, sizeof u);
            if (ctx->expo)
                for (int j = 0; j < MN_QUADRATURE_COUNT; j++)
                    d->y1[mn_quadrature_states[j]] = y[mn_quadrature_states[j]];
            if (explicit_rk(method)) {
                memcpy(d->f0, method == 6 ? mn_dopri5_dydt_start(w->step) : ev_->dydt_in,
                       sizeof d->f0);
                memcpy(d->f1, ev_->dydt_out, sizeof d->f1);
            } else if (rhs(t, u, d->f1, ctx) != GSL_SUCCESS)
                return fail(res, t, y, "non-finite derivative");
            w->last = w->n_dense ? 1 - w->last : 0;
            if (w->n_dense < 2) w->n_dense++;
            /* the visible-redness time of the step on the continuous solution, in place of the
             * stepper's (u keeps the stepper's own value: the next step starts from it) */
            observe_tracked(w, t, y, obs);
            const double redness_start = redness_before;
            if (explicit_rk(method)) {
                y[S_visible_redness_days] =
                    visible_before +
                    mn_metrics_visible_time(&w->metrics, d->t0, redness_start, t, obs[O_redness]);
                d->y0[S_visible_redness_days] = visible_before;
                d->y1[S_visible_redness_days] = y[S_visible_redness_days];
            }
            redness_before = obs[O_redness];
            /* samples inside the step from its dense output; one at its end is the state */
            double ys[S_COUNT], obs_sample[O_COUNT];
            while (sampling && next_sample < t) {
                hermite(ctx, d, next_sample, ys);
                observe(ctx, next_sample, ys, obs_sample);
                if (explicit_rk(method)) /* as at the step's end, not from the interpolant */
                    ys[S_visible_redness_days] =
                        visible_before + mn_metrics_visible_time(&w->metrics, d->t0, redness_start,
                                                                 next_sample,
                                                                 obs_sample[O_redness]);
                ob->sample(ob->user, next_sample, ys, obs_sample);
                next_sample = (double)++sample_index * step_days;
            }
            if (sampling) /* one at an event's instant waits for the event */
                flush_samples(ob, ctx, t, y, t < seg_end || ev >= sc->n_events, step_days,
                              &sample_index, &next_sample);
            mn_metrics_observe(&w->metrics, t, y, obs);
            if (t < seg_end && t - ctx->t_ref > 0.5 * tau_max) {
                /* move the reference on: the solution is smooth here, the step size is kept */
                rejected += ev_->failed_steps;
                gsl_odeiv2_driver_reset(w->driver);
                ctx->t_ref = t;
                for (int j = 0; j < fast.k.n_expo; j++)
                    u[fast.k.expo_state[j]] = y[fast.k.expo_state[j]];
            }
        }
        mn_metrics_segment_end(&w->metrics);
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
        mn_metrics_break(&w->metrics);
        observe_tracked(w, t, y, obs);
        mn_metrics_observe(&w->metrics, t, y, obs);
        redness_before = obs[O_redness];
    }
    for (int i = 0; i < S_COUNT; i++)
        if (!isfinite(y[i])) return fail(res, t, y, "non-finite state");
    rejected += ev_->failed_steps;
    observe(ctx, t, y, obs);
    mn_metrics_end(&w->metrics, t, y, obs);
    memcpy(res->metrics, w->metrics.m, sizeof res->metrics);
    res->status = MN_COURSE_OK;
    res->steps = steps;
    res->rejected_steps = rejected;
    res->rhs_evals = ctx->rhs_evals;
    res->jacobian_evals = ctx->jacobian_evals;
    res->dense_evals = w->metrics.refine_evals;
    res->sessions = w->metrics.sessions;
    res->n_sessions = w->metrics.n_sessions;
    return 0;
}
