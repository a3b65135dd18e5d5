/* test_dopri5.c — the Dormand-Prince 5(4) stepper (src/core/dopri5.c) under GSL's evolve and
 * control, on problems with exact solutions:
 *  - fixed steps on y' = -y + cos t (y = (cos t + sin t)/2 + c e^-t) and on the rotation
 *    y1' = y2, y2' = -y1: the global error at t = 5 falls ~32x per halving of h (order 5), and the
 *    error estimate of one step falls ~32x per halving (a 4th-order embedded solution, local
 *    error h^5);
 *  - an adaptive run meets its tolerance (the error at the end is within 100 rtol) and spends
 *    exactly 6 new right-hand-side evaluations per step attempt (first same as last, and no new
 *    evaluation when a rejected step is retried), plus one at the start and one after each reset;
 *  - after gsl_odeiv2_step_reset the remembered derivative is not reused (the right-hand side may
 *    have changed at an event);
 *  - the stage hook announces, before each attempt, exactly the times at which the system is then
 *    evaluated, and leaves the solution bit-identical. */
#include <math.h>
#include <stdio.h>

#include <gsl/gsl_errno.h>

#include "dopri5.h"
#include "testutil.h"

typedef struct {
    long evals;
    double shift; /* added to the forcing: a "changed" right-hand side after a reset */
} counter;

static int forced_decay(double t, const double y[], double f[], void *params)
{
    counter *c = params;
    c->evals++;
    f[0] = -y[0] + cos(t) + c->shift;
    return GSL_SUCCESS;
}

static double forced_decay_exact(double t)
{
    return 0.5 * (cos(t) + sin(t)) + 0.5 * exp(-t); /* y(0) = 1 */
}

static int rotation(double t, const double y[], double f[], void *params)
{
    counter *c = params;
    (void)t;
    c->evals++;
    f[0] = y[1];
    f[1] = -y[0];
    return GSL_SUCCESS;
}

/* Global error at t = 5 with n fixed steps. */
static double fixed_step_error(int problem, int n)
{
    counter c = {0, 0};
    gsl_odeiv2_system sys = {problem ? rotation : forced_decay, NULL, problem ? 2 : 1, &c};
    gsl_odeiv2_step *s = gsl_odeiv2_step_alloc(mn_step_dopri5, sys.dimension);
    gsl_odeiv2_evolve *e = gsl_odeiv2_evolve_alloc(sys.dimension);
    assert_non_null(s);
    assert_non_null(e);
    double y[2] = {1.0, 0.0}, t = 0.0, h = 5.0 / n;
    for (int i = 0; i < n; i++)
        assert_int_equal(gsl_odeiv2_evolve_apply_fixed_step(e, NULL, s, &sys, &t, h, y),
                         GSL_SUCCESS);
    gsl_odeiv2_evolve_free(e);
    gsl_odeiv2_step_free(s);
    return problem ? hypot(y[0] - cos(t), y[1] + sin(t)) : fabs(y[0] - forced_decay_exact(t));
}

static void test_global_order_five(void **state)
{
    (void)state;
    for (int problem = 0; problem < 2; problem++)
        for (int n = 20; n <= 80; n *= 2) {
            double ratio = fixed_step_error(problem, n) / fixed_step_error(problem, 2 * n);
            if (!(ratio > 24 && ratio < 40))
                fail_msg("problem %d, %d -> %d steps: error ratio %.2f, order 5 expects ~32",
                         problem, n, 2 * n, ratio);
        }
}

static void test_error_estimate_order(void **state)
{
    (void)state;
    counter c = {0, 0};
    gsl_odeiv2_system sys = {forced_decay, NULL, 1, &c};
    gsl_odeiv2_step *s = gsl_odeiv2_step_alloc(mn_step_dopri5, 1);
    assert_non_null(s);
    double prev = NAN;
    for (double h = 0.4; h > 0.04; h /= 2) {
        double y[1] = {1.0}, err[1], out[1];
        assert_int_equal(gsl_odeiv2_step_apply(s, 0.0, h, y, err, NULL, out, &sys), GSL_SUCCESS);
        /* the derivative at the end is f(t + h, y(t + h)) exactly (first same as last) */
        assert_true(fabs(out[0] - (-y[0] + cos(h))) <= 1e-15);
        if (!isnan(prev)) {
            double ratio = prev / fabs(err[0]);
            if (!(ratio > 24 && ratio < 40))
                fail_msg("h %.3g: error estimate ratio %.2f, expected ~32 (h^5)", h, ratio);
        }
        prev = fabs(err[0]);
    }
    assert_int_equal(gsl_odeiv2_step_order(s), 5);
    gsl_odeiv2_step_free(s);
}

/* An adaptive run of sys (dimension 1, y(0) = 1) from t = 0 to 20 under GSL's control (atol
 * 1e-10, rtol 1e-8), from a first step of 1 (too large: the first attempts are rejected), with
 * the stage hook given (or none). Returns y(20); *attempts and *rejected from the evolve. */
static double adaptive_to_20(gsl_odeiv2_system *sys, mn_dopri5_stage_hook *hook, void *ctx,
                             long *attempts, unsigned long *rejected)
{
    gsl_odeiv2_step *s = gsl_odeiv2_step_alloc(mn_step_dopri5, 1);
    gsl_odeiv2_control *con = gsl_odeiv2_control_y_new(1e-10, 1e-8);
    gsl_odeiv2_evolve *e = gsl_odeiv2_evolve_alloc(1);
    assert_non_null(s);
    assert_non_null(con);
    assert_non_null(e);
    if (hook) mn_dopri5_set_stage_hook(s, hook, ctx);
    double y[1] = {1.0}, t = 0.0, h = 1.0;
    while (t < 20.0)
        assert_int_equal(gsl_odeiv2_evolve_apply(e, con, s, sys, &t, 20.0, &h, y), GSL_SUCCESS);
    *attempts = (long)e->count; /* evolve counts every attempt, rejected ones too */
    *rejected = e->failed_steps;
    gsl_odeiv2_evolve_free(e);
    gsl_odeiv2_control_free(con);
    gsl_odeiv2_step_free(s);
    return y[0];
}

static void test_adaptive_fsal(void **state)
{
    (void)state;
    counter c = {0, 0};
    gsl_odeiv2_system sys = {forced_decay, NULL, 1, &c};
    long attempts;
    unsigned long rejected;
    double y20 = adaptive_to_20(&sys, NULL, NULL, &attempts, &rejected);
    if (!(fabs(y20 - forced_decay_exact(20.0)) <= 100 * 1e-8))
        fail_msg("y(20) = %.12g, exact %.12g", y20, forced_decay_exact(20.0));
    assert_true(rejected > 0);
    /* 6 per attempt; 1 for the first step; the final step lands on t = 20 exactly, so its
     * end is t0 + h only up to rounding and is not reused (at most one more) */
    if (!(c.evals == 6 * attempts + 1))
        fail_msg("%ld evaluations for %ld attempts (%lu rejected): expected 6 per attempt + 1",
                 c.evals, attempts, rejected);
}

static void test_reset_forgets(void **state)
{
    (void)state;
    counter c = {0, 0};
    gsl_odeiv2_system sys = {forced_decay, NULL, 1, &c};
    gsl_odeiv2_step *s = gsl_odeiv2_step_alloc(mn_step_dopri5, 1);
    assert_non_null(s);
    double y[1] = {1.0}, err[1], out[1];
    assert_int_equal(gsl_odeiv2_step_apply(s, 0.0, 0.1, y, err, NULL, out, &sys), GSL_SUCCESS);
    assert_int_equal(c.evals, 7);
    /* the next step from the end reuses f there */
    double y1[1] = {y[0]};
    assert_int_equal(gsl_odeiv2_step_apply(s, 0.1, 0.1, y, err, NULL, out, &sys), GSL_SUCCESS);
    assert_int_equal(c.evals, 13);
    /* another state at the same time (no reset): f there is evaluated, not taken from the
     * cache */
    double y2[1] = {y[0] + 0.5}, y2_start = y2[0];
    assert_int_equal(gsl_odeiv2_step_apply(s, 0.2, 0.1, y2, err, NULL, out, &sys), GSL_SUCCESS);
    assert_int_equal(c.evals, 20);
    assert_true(fabs(mn_dopri5_dydt_start(s)[0] - (-y2_start + cos(0.2))) <= 1e-15);
    /* an event changes the right-hand side: after a reset f is evaluated afresh */
    gsl_odeiv2_step_reset(s);
    c.shift = 1.0;
    y[0] = y1[0];
    assert_int_equal(gsl_odeiv2_step_apply(s, 0.1, 0.1, y, err, NULL, out, &sys), GSL_SUCCESS);
    assert_int_equal(c.evals, 27);
    assert_true(fabs(mn_dopri5_dydt_start(s)[0] - (-y1[0] + cos(0.1) + 1.0)) <= 1e-15);
    gsl_odeiv2_step_free(s);
}

/* the system's evaluation times and the hook's announced stage times */
typedef struct {
    long evals, hooks, stray; /* stray: evaluations at a time not announced */
    double t_stage[5];
} stage_log;

static int logged_decay(double t, const double y[], double f[], void *params)
{
    stage_log *l = params;
    l->evals++;
    int announced = 0;
    for (int i = 0; i < 5; i++)
        announced |= t == l->t_stage[i];
    if (!announced) l->stray++;
    f[0] = -y[0] + cos(t);
    return GSL_SUCCESS;
}

static void log_stages(void *ctx, double t, double h, const double t_stage[5])
{
    stage_log *l = ctx;
    static const double c[5] = {1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0};
    l->hooks++;
    for (int i = 0; i < 5; i++) {
        assert_true(t_stage[i] == t + c[i] * h);
        l->t_stage[i] = t_stage[i];
    }
}

static void test_stage_hook(void **state)
{
    (void)state;
    double y_end[2];
    long evals[2];
    for (int with_hook = 0; with_hook < 2; with_hook++) {
        stage_log l = {0, 0, 0, {NAN, NAN, NAN, NAN, NAN}};
        gsl_odeiv2_system sys = {logged_decay, NULL, 1, &l};
        long attempts;
        unsigned long rejected;
        y_end[with_hook] =
            adaptive_to_20(&sys, with_hook ? log_stages : NULL, &l, &attempts, &rejected);
        if (with_hook) {
            assert_int_equal(l.hooks, attempts); /* once per attempt */
            /* every evaluation but the very first (f at t = 0) is at an announced stage time */
            if (l.stray != 1) fail_msg("%ld evaluations at times not announced", l.stray);
        }
        evals[with_hook] = l.evals;
    }
    assert_true(y_end[0] == y_end[1]);
    assert_int_equal(evals[0], evals[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_global_order_five), cmocka_unit_test(test_error_estimate_order),
        cmocka_unit_test(test_adaptive_fsal),     cmocka_unit_test(test_reset_forgets),
        cmocka_unit_test(test_stage_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
