/* test_runner.c — verification of the engine (runner.c) against exact solutions. With
 * microneedling only, no open channels (microneedling.channel_area_per_mm = 0), no serum, no acid,
 * the inflammation I, vessel growth V, renewal boost E and pigment P form a linear system
 *     dI/dt = -k I,  I += L at each session   (L = load_per_mm * depth^load_exponent)
 *     dX/dt = a_X I - b_X X                   (X = V, E, P; X(0) = 0)
 * whose solution is a sum of exponentials over past sessions; collagen_base_III stays at its
 * steady state. Asserted: the maximal error over the sampled trajectory is small and shrinks as
 * solver.rtol tightens, for rkf45, rk8pd, msbdf and dopri5; the state just before/after each event
 * differs exactly by the jump; every state stays non-negative over the default course and a deep
 * 10-session course; collagen content changes by exactly synthesised - degraded.
 * The integrating factor of the linear states and fibroblast activation (runner.c): the same
 * exact solution with every one of I, V, E, P (and F) fast enough to get it, over a long quiet tail
 * (the reference time moves on), within 100 rtol for rkf45, rk8pd and dopri5, in fewer steps than
 * the plain integration; the declared rates are the diagonal of the equations and the quadrature
 * states feed no derivative. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

enum { METHOD_RKF45 = 0, METHOD_RK8PD = 2, METHOD_MSBDF = 3, METHOD_DOPRI5 = 6 };

/* The linear sub-system: microneedling only, nothing open, nothing applied. All rates are set
 * here (not read from calibrated defaults) so that the exact solution is well separated. */
static void linear_params(double *p)
{
    mn_params_default(p);
    p[P_procedure_microneedling] = 1;
    p[P_procedure_dermaplaning] = 0;
    p[P_procedure_peel] = PEEL_NONE;
    p[P_microneedling_channel_area_per_mm] = 0;
    p[P_aftercare_serum_hours] = -1;
    p[P_aftercare_acid_days] = -1;
    p[P_schedule_first_day] = 3.1; /* off the sampling grid */
    p[P_schedule_interval_days] = 20;
    p[P_schedule_sessions] = 4;
    p[P_schedule_course_days] = 100;
    p[P_inflammation_resolution_per_day] = 0.8;
    p[P_vasculature_angiogenesis_per_day] = 0.12;
    p[P_vasculature_vessel_regression_per_day] = 0.15;
    p[P_vasculature_renewal_drive_per_day] = 0.3;
    p[P_vasculature_renewal_decay_per_day] = 0.25;
    p[P_pigment_clearance_days] = 40;
}

/* Exact solution at t of dX/dt = a I - b X, X(0) = 0, for unit jumps of I at the session days
 * strictly before t (a = 0: I itself). */
static double exact(const double *days, int n, double L, double k, double a, double b, double t)
{
    double x = 0;
    for (int s = 0; s < n; s++) {
        if (days[s] >= t) continue;
        double tau = t - days[s];
        if (a == 0)
            x += L * exp(-k * tau);
        else if (fabs(b - k) > 1e-12)
            x += a * L / (b - k) * (exp(-k * tau) - exp(-b * tau));
        else
            x += a * L * tau * exp(-k * tau);
    }
    return x;
}

typedef struct {
    double err_I, err_V, err_E, err_P, err_C3;
} lin_errors;

static lin_errors linear_errors(double *p, mn_trace *tr)
{
    int n = (int)p[P_schedule_sessions];
    double days[64];
    for (int s = 0; s < n; s++)
        days[s] = p[P_schedule_first_day] + s * p[P_schedule_interval_days];
    double L = p[P_microneedling_load_per_mm] *
               pow(p[P_procedure_depth_mm], p[P_microneedling_load_exponent]);
    double k = p[P_inflammation_resolution_per_day];
    double reactivity = pow(p[P_patient_fitzpatrick_type] / 3.0, p[P_pigment_fitzpatrick_exponent]);
    double uv = p[P_pigment_ambient_uv] +
                p[P_patient_sun_exposure] *
                    (1.0 - p[P_patient_sunscreen] * p[P_pigment_sunscreen_protection]);
    double aP = p[P_pigment_induction_per_day] * reactivity * uv,
           bP = 1.0 / p[P_pigment_clearance_days];
    double c3 = p[P_collagen_type_III_fraction] * mn_baseline_synthesis(p) /
                mn_collagen_turnover_per_day(p);
    lin_errors e = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < tr->n; i++) {
        double t = tr->t[i];
        const double *y = tr->y + i * S_COUNT;
        double I = exact(days, n, L, k, 0, 0, t);
        double V = exact(days, n, L, k, p[P_vasculature_angiogenesis_per_day],
                         p[P_vasculature_vessel_regression_per_day], t);
        double E = exact(days, n, L, k, p[P_vasculature_renewal_drive_per_day],
                         p[P_vasculature_renewal_decay_per_day], t);
        double P = exact(days, n, L, k, aP, bP, t);
        e.err_I = fmax(e.err_I, fabs(y[S_inflammation] - I) / L);
        e.err_V = fmax(e.err_V, fabs(y[S_vessel_growth] - V) / L);
        e.err_E = fmax(e.err_E, fabs(y[S_renewal_boost] - E) / L);
        e.err_P = fmax(e.err_P, fabs(y[S_pigment] - P) / L);
        e.err_C3 = fmax(e.err_C3, fabs(y[S_collagen_base_III] - c3) / c3);
    }
    return e;
}

static double worst(lin_errors e)
{
    return fmax(fmax(e.err_I, e.err_V), fmax(e.err_E, e.err_P));
}

/* Exact solution, all three steppers, four tolerances: small and shrinking errors. */
static void test_linear_exact_convergence(void **state)
{
    (void)state;
    static const int methods[] = {METHOD_RKF45, METHOD_RK8PD, METHOD_MSBDF, METHOD_DOPRI5};
    static const double rtols[] = {1e-4, 1e-6, 1e-8, 1e-10};
    const char *verbose = getenv("MNSIM_TEST_VERBOSE");
    for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
        double errs[4];
        for (size_t r = 0; r < 4; r++) {
            double p[P_COUNT];
            linear_params(p);
            p[P_solver_method] = methods[m];
            p[P_solver_rtol] = rtols[r];
            p[P_solver_atol] = rtols[r] * 1e-3;
            mn_trace tr = {0};
            mn_result res;
            tu_run(p, 0.25, &tr, &res);
            assert_true(tr.n == 401); /* 0, 0.25, ..., 100 */
            assert_true(tr.t[0] == 0.0 && tr.t[tr.n - 1] == 100.0);
            lin_errors e = linear_errors(p, &tr);
            errs[r] = worst(e);
            if (verbose)
                printf("%-6s rtol %.0e: I %.2e V %.2e E %.2e P %.2e C3 %.2e steps %lu\n",
                       mn_solver_name(methods[m]), rtols[r], e.err_I, e.err_V, e.err_E, e.err_P,
                       e.err_C3, res.steps);
            /* the error is of the order of the tolerance (x 100 for global accumulation) */
            if (!(errs[r] < 100 * rtols[r]))
                fail_msg("%s rtol %g: max relative error %.3e", mn_solver_name(methods[m]),
                         rtols[r], errs[r]);
            /* the steady collagen_base_III pool does not move */
            if (!(e.err_C3 < 1e-12))
                fail_msg("%s rtol %g: collagen_base_III drifted by %.3e",
                         mn_solver_name(methods[m]), rtols[r], e.err_C3);
            mn_trace_free(&tr);
        }
        /* tighter tolerance, smaller error (or already at the round-off floor) */
        const double floor_err = 1e-12;
        for (size_t r = 1; r < 4; r++)
            if (!(errs[r] <= errs[r - 1] || errs[r] < floor_err))
                fail_msg("%s: error grew from %.3e (rtol %g) to %.3e (rtol %g)",
                         mn_solver_name(methods[m]), errs[r - 1], rtols[r - 1], errs[r], rtols[r]);
        if (!(errs[3] < errs[1] / 100 || errs[3] < floor_err))
            fail_msg("%s: error %.3e at rtol 1e-10 is not 100x below %.3e at rtol 1e-6",
                     mn_solver_name(methods[m]), errs[3], errs[1]);
    }
}

/* The linear sub-system with every linear state fast enough for the integrating factor, a long
 * quiet tail after the last session: exact with and without the factor; fewer steps with it. */
static void test_linear_exact_integrating_factor(void **state)
{
    (void)state;
    double p[P_COUNT];
    linear_params(p);
    p[P_schedule_course_days] = 400; /* tail of ~340 days: the reference time moves on */
    p[P_inflammation_resolution_per_day] = 3.0;
    p[P_vasculature_vessel_regression_per_day] = 2.0;
    p[P_vasculature_renewal_decay_per_day] = 2.5;
    p[P_pigment_clearance_days] = 1.5;
    p[P_growth_factor_tau_days] = 0.5;
    mn_fast f;
    mn_fast_reset(&f, p);
    /* all six and fibroblast activation get the factor (rates >= MN_EXPO_MIN_RATE, no follower
     * faster than its driver) */
    assert_int_equal(f.k.n_expo, MN_EXPO_CANDIDATES);
    /* a follower decaying faster than its driver by more than MN_EXPO_MIN_RATE keeps its plain
     * form: renewal 2.5 and vessels 2.0 after inflammation at 1.8 */
    p[P_inflammation_resolution_per_day] = 1.8;
    mn_fast_reset(&f, p);
    assert_int_equal(f.k.n_expo, MN_EXPO_CANDIDATES - 2);
    for (int j = 0; j < f.k.n_expo; j++)
        assert_true(f.k.expo_state[j] != S_renewal_boost && f.k.expo_state[j] != S_vessel_growth);
    p[P_inflammation_resolution_per_day] = 3.0;
    static const int methods[] = {METHOD_RKF45, METHOD_RK8PD, METHOD_DOPRI5};
    for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
        unsigned long steps[2];
        for (int plain = 0; plain <= 1; plain++) {
            p[P_solver_method] = methods[m];
            p[P_solver_rtol] = 1e-8;
            p[P_solver_atol] = 1e-11;
            mn_runner *w = mn_runner_new();
            assert_non_null(w);
            mn_runner_set_plain(w, plain);
            mn_trace tr = {0};
            mn_observer ob = mn_trace_observer(&tr, 0.25);
            mn_result res;
            if (mn_run_course(w, p, &ob, &res) != 0) fail_msg("%s", res.message);
            lin_errors e = linear_errors(p, &tr);
            if (getenv("MNSIM_TEST_VERBOSE"))
                printf("%-6s %s: I %.2e V %.2e E %.2e P %.2e steps %lu\n",
                       mn_solver_name(methods[m]), plain ? "plain " : "factor", e.err_I, e.err_V,
                       e.err_E, e.err_P, res.steps);
            if (!(worst(e) < 100 * 1e-8))
                fail_msg("%s %s: max relative error %.3e", mn_solver_name(methods[m]),
                         plain ? "plain" : "integrating factor", worst(e));
            if (!(e.err_C3 < 1e-12)) fail_msg("collagen_base_III drifted by %.3e", e.err_C3);
            steps[plain] = res.steps;
            mn_trace_free(&tr);
            mn_runner_free(w);
        }
        /* the quiet tail sets no stability limit with the factor */
        if (!(steps[0] < steps[1]))
            fail_msg("%s: %lu steps with the integrating factor, %lu without",
                     mn_solver_name(methods[m]), steps[0], steps[1]);
    }
}

/* The declared decay rates are exactly the diagonal of the linear states' equations (the scheme
 * is exact for any rate; these make it stability-free), and no derivative reads a quadrature
 * state. Checked at a perturbed default state with an open defect, serum and acid present. */
static void test_linear_declarations(void **state)
{
    (void)state;
    double p[P_COUNT], y[S_COUNT], f0[S_COUNT], f1[S_COUNT];
    mn_params_default(p);
    p[P_patient_sensitivity] = 1;
    mn_fast f;
    mn_fast_reset(&f, p);
    mn_model_init(p, y);
    mn_injury inj = mn_procedure_injury(p);
    mn_model_session(&inj, p, y);
    mn_fast_session(&f, 1.0, &inj, p);
    mn_fast_apply_topical(&f, 1.0, p);
    mn_fast_apply_acid(&f, 1.0, p);
    for (int i = 0; i < S_COUNT; i++)
        y[i] += 0.01 * (i + 1);
    mn_signals sig;
    mn_fast_eval(&f, 1.05, p, &sig);
    mn_model_rhs(1.05, y, &sig, p, f0);
    for (int j = 0; j < MN_LINEAR_COUNT; j++) {
        const int i = mn_linear_states[j];
        const double d = 1e-3;
        double yp[S_COUNT];
        memcpy(yp, y, sizeof yp);
        yp[i] += d;
        mn_model_rhs(1.05, yp, &sig, p, f1);
        double diag = (f1[i] - f0[i]) / d;
        if (!(fabs(diag + f.k.linear_rate[j]) <= 1e-9 * f.k.linear_rate[j]))
            fail_msg("%s: d f/d y = %.12g, declared rate %.12g", mn_states[i].name, diag,
                     f.k.linear_rate[j]);
    }
    /* fibroblast activation decays at its declared rate once the growth factor is gone */
    {
        double yp[S_COUNT], g0[S_COUNT], g1[S_COUNT];
        memcpy(yp, y, sizeof yp);
        yp[S_growth_factor] = 0.0;
        mn_model_rhs(1.05, yp, &sig, p, g0);
        yp[S_fibroblast_activation] += 1e-3;
        mn_model_rhs(1.05, yp, &sig, p, g1);
        double diag = (g1[S_fibroblast_activation] - g0[S_fibroblast_activation]) / 1e-3;
        if (!(fabs(diag + f.k.deactivation_rate) <= 1e-9 * f.k.deactivation_rate))
            fail_msg("fibroblast_activation: d f/d F = %.12g at G = 0, declared rate %.12g", diag,
                     f.k.deactivation_rate);
    }
    for (int j = 0; j < MN_QUADRATURE_COUNT; j++) {
        double yp[S_COUNT];
        memcpy(yp, y, sizeof yp);
        yp[mn_quadrature_states[j]] += 123.0;
        mn_model_rhs(1.05, yp, &sig, p, f1);
        assert_memory_equal(f0, f1, sizeof f0);
    }
}

/* The event observer sees the state just before and after each event: only the jumped states
 * change, by exactly the jump; a sample at the same time as an event equals the state after it
 * (after the last event of that instant). */
static void check_events(const double *p, const mn_trace *tr)
{
    mn_injury inj = mn_procedure_injury(p);
    int sessions = 0;
    for (size_t e = 0; e < tr->n_events; e++) {
        const double *b = tr->before + e * S_COUNT, *a = tr->after + e * S_COUNT;
        const mn_event *ev = &tr->events[e];
        for (int j = 0; j < S_COUNT; j++) {
            double expect = b[j];
            if (ev->kind == EV_SESSION) {
                double lost = inj.matrix_disruption * b[S_wound_matrix];
                if (j == S_inflammation)
                    expect = b[j] + inj.dermal_load;
                else if (j == S_barrier_deficit)
                    expect = b[j] + inj.stratum_removed * (1.0 - b[j]);
                else if (j == S_wound_matrix)
                    expect = b[j] - lost;
                else if (j == S_collagen_degraded)
                    expect = b[j] + lost;
                else if (j == S_layer_immature)
                    expect = b[j] - inj.matrix_disruption * b[j];
            }
            if (memcmp(&a[j], &expect, sizeof expect) != 0)
                fail_msg("event %zu (%s, day %g): %s before %.17g after %.17g, expected %.17g", e,
                         mn_event_kind_name(ev->kind), ev->day, mn_states[j].name, b[j], a[j],
                         expect);
        }
        if (ev->kind == EV_SESSION) {
            assert_int_equal(ev->session, sessions);
            sessions++;
        }
        if (e > 0) assert_true(tr->events[e - 1].day <= ev->day);
        /* a sample taken at the event time records the state after its last event */
        for (size_t i = 0; i < tr->n; i++)
            if (tr->t[i] == ev->day && (e + 1 == tr->n_events || tr->events[e + 1].day != ev->day))
                assert_memory_equal(tr->y + i * S_COUNT, a, S_COUNT * sizeof(double));
    }
    assert_int_equal(sessions, (int)lround(p[P_schedule_sessions]));
}

static void test_event_jumps(void **state)
{
    (void)state;
    double p[P_COUNT];
    /* the linear case: I jumps by exactly L */
    linear_params(p);
    mn_trace tr = {0};
    mn_result res;
    tu_run(p, 0.25, &tr, &res);
    assert_int_equal(tr.n_events, 4);
    double L = p[P_microneedling_load_per_mm] *
               pow(p[P_procedure_depth_mm], p[P_microneedling_load_exponent]);
    mn_injury inj = mn_procedure_injury(p);
    assert_true(fabs(inj.dermal_load - L) <= 1e-15 * L);
    assert_true(inj.epidermal_defect == 0.0);
    for (size_t e = 0; e < tr.n_events; e++) {
        assert_int_equal(tr.events[e].kind, EV_SESSION);
        assert_true(tr.events[e].day ==
                    p[P_schedule_first_day] + (double)e * p[P_schedule_interval_days]);
    }
    check_events(p, &tr);
    mn_trace_free(&tr);

    /* the default course with serum (no jump of any state), sessions on the sampling grid */
    mn_params_default(p);
    p[P_aftercare_serum_hours] = 6;
    tu_run(p, 0.25, &tr, &res);
    int serums = 0;
    for (size_t e = 0; e < tr.n_events; e++)
        serums += tr.events[e].kind == EV_SERUM;
    assert_int_equal(serums, (int)p[P_schedule_sessions]);
    check_events(p, &tr);
    mn_trace_free(&tr);

    /* events on the same day: a serum applied right at the session */
    p[P_aftercare_serum_hours] = 0;
    p[P_aftercare_acid_days] = 0;
    tu_run(p, 0.25, &tr, &res);
    check_events(p, &tr);
    for (size_t e = 0; e + 2 < tr.n_events; e += 3) {
        assert_int_equal(tr.events[e].kind, EV_SESSION); /* session first on a shared day */
        assert_true(tr.events[e + 1].day == tr.events[e].day);
        assert_true(tr.events[e + 2].day == tr.events[e].day);
    }
    mn_trace_free(&tr);
}

static void check_non_negative(const double *p, const char *what)
{
    mn_trace tr = {0};
    mn_result res;
    tu_run(p, 0.05, &tr, &res);
    assert_int_equal(res.status, MN_COURSE_OK);
    assert_true(tr.n > 0 && tr.t[tr.n - 1] == p[P_schedule_course_days]);
    /* Explicit steps at their stability limit in the quiet tail leave tolerance-noise values
     * around zero on a state decaying to zero (barrier deficit ~ -1e-11 there); the solver
     * controls the absolute error to solver.atol, so states are non-negative to within atol. */
    const double tiny = -p[P_solver_atol];
    for (size_t i = 0; i < tr.n; i++)
        for (int j = 0; j < S_COUNT; j++) {
            double v = tr.y[i * S_COUNT + (size_t)j];
            if (!isfinite(v) || v < tiny)
                fail_msg("%s: %s = %.3e at day %g", what, mn_states[j].name, v, tr.t[i]);
        }
    for (size_t e = 0; e < tr.n_events; e++)
        for (int j = 0; j < S_COUNT; j++)
            if (!(tr.before[e * S_COUNT + (size_t)j] >= tiny &&
                  tr.after[e * S_COUNT + (size_t)j] >= tiny))
                fail_msg("%s: %s negative around event %zu", what, mn_states[j].name, e);
    mn_trace_free(&tr);
}

static void test_positivity(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    check_non_negative(p, "default course");
    p[P_procedure_depth_mm] = 2.5;
    p[P_schedule_sessions] = 10;
    p[P_schedule_interval_days] = 28;
    p[P_schedule_course_days] = fmax(p[P_schedule_course_days], 10 * 28 + 1);
    check_non_negative(p, "10 sessions at 2.5 mm");
    p[P_solver_method] = METHOD_MSBDF;
    check_non_negative(p, "10 sessions at 2.5 mm, msbdf");
}

/* collagen_total(end) - collagen_total(0) == synthesised - degraded: a linear invariant of the
 * ODE and of each jump, kept to round-off by the steppers. */
static void check_balance(const double *p, const char *what)
{
    mn_trace tr = {0};
    mn_result res;
    tu_run(p, 1.0, &tr, &res);
    assert_true(tr.n >= 2);
    const double *y0 = tr.y;
    assert_true(y0[S_collagen_synthesized] == 0.0 && y0[S_collagen_degraded] == 0.0);
    for (size_t i = 0; i < tr.n; i++) {
        const double *y = tr.y + i * S_COUNT, *o = tr.obs + i * O_COUNT;
        double total = y[S_collagen_mature_I] + y[S_collagen_base_III] + y[S_wound_matrix];
        assert_true(o[O_collagen_total] == total);
        double change = total - tr.obs[O_collagen_total];
        double net = y[S_collagen_synthesized] - y[S_collagen_degraded];
        double scale = fmax(1.0, fmax(y[S_collagen_synthesized], y[S_collagen_degraded]));
        if (!(fabs(change - net) <= 1e-9 * scale))
            fail_msg("%s: day %g: content changed by %.17g, synthesised - degraded = %.17g", what,
                     tr.t[i], change, net);
    }
    /* the course did something: synthesis and the wound matrix both happened */
    assert_true(tr.y[(tr.n - 1) * S_COUNT + S_collagen_synthesized] > 0);
    assert_true(tr.y[(tr.n - 1) * S_COUNT + S_collagen_degraded] > 0);
    mn_trace_free(&tr);
}

static void test_collagen_balance(void **state)
{
    (void)state;
    double p[P_COUNT];
    static const int methods[] = {METHOD_RKF45, METHOD_RK8PD, METHOD_MSBDF, METHOD_DOPRI5};
    for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
        mn_params_default(p);
        p[P_solver_method] = methods[m];
        check_balance(p, mn_solver_name(methods[m]));
        p[P_procedure_depth_mm] = 2.5;
        p[P_schedule_sessions] = 10;
        p[P_schedule_interval_days] = 28;
        p[P_schedule_course_days] = fmax(p[P_schedule_course_days], 10 * 28 + 1);
        check_balance(p, mn_solver_name(methods[m]));
    }
}

/* Same parameters, same numbers: a runner reused across courses gives bit-identical results. */
static void test_reproducible(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    mn_runner *w = mn_runner_new();
    assert_non_null(w);
    mn_result r1, r2, r3;
    assert_int_equal(mn_run_course(w, p, NULL, &r1), 0);
    double q[P_COUNT];
    memcpy(q, p, sizeof q);
    q[P_solver_method] = METHOD_MSBDF; /* another stepper in between */
    assert_int_equal(mn_run_course(w, q, NULL, &r3), 0);
    assert_int_equal(mn_run_course(w, p, NULL, &r2), 0);
    assert_memory_equal(r1.metrics, r2.metrics, sizeof r1.metrics);
    assert_true(r1.steps == r2.steps && r1.rhs_evals == r2.rhs_evals);
    mn_runner_free(w);
}

/* Every solver.method choice integrates the default course, and they agree on the final state. */
static void test_all_methods_agree(void **state)
{
    (void)state;
    double p[P_COUNT], ref[S_COUNT];
    for (int m = 0; m <= (int)mn_params[P_solver_method].max; m++) {
        mn_params_default(p);
        p[P_solver_method] = m;
        p[P_solver_rtol] = 1e-8;
        p[P_solver_atol] = 1e-11;
        mn_runner *w = mn_runner_new();
        mn_trace tr = {0};
        mn_observer ob = mn_trace_observer(&tr, p[P_schedule_course_days]);
        mn_result res;
        if (mn_run_course(w, p, &ob, &res) != 0)
            fail_msg("solver.method = %s: %s", mn_solver_name(m), res.message);
        assert_int_equal(tr.n, 2); /* day 0 and the end */
        const double *y = tr.y + S_COUNT;
        if (m == 0) memcpy(ref, y, sizeof ref);
        for (int j = 0; j < S_COUNT; j++)
            if (!(fabs(y[j] - ref[j]) <= 1e-5 * fmax(1.0, fabs(ref[j]))))
                fail_msg("%s: final %s = %.10g, rkf45 gives %.10g", mn_solver_name(m),
                         mn_states[j].name, y[j], ref[j]);
        mn_trace_free(&tr);
        mn_runner_free(w);
    }
}

/* An invalid schedule is a result (status INVALID, NaN metrics), not a crash. */
static void test_invalid_course(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_schedule_sessions] = 10;
    p[P_schedule_interval_days] = 60;
    p[P_schedule_course_days] = 365;
    mn_runner *w = mn_runner_new();
    mn_result res;
    assert_int_equal(mn_run_course(w, p, NULL, &res), -1);
    assert_int_equal(res.status, MN_COURSE_INVALID);
    assert_non_null(strstr(res.message, "schedule.course_days"));
    for (int m = 0; m < M_COUNT; m++)
        assert_true(isnan(res.metrics[m]));
    mn_runner_free(w);
}

/* An empty list of visits is a course without sessions (not "as many as fit", which
 * schedule.sessions = 0 means for the regular schedule; it once read past the list). */
static void test_no_visits(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_schedule_sessions] = 0;
    mn_runner *w = mn_runner_new();
    mn_result res;
    mn_visit_list none = {0, NULL, NULL};
    assert_int_equal(mn_run_course_visits(w, p, &none, NULL, &res), 0);
    assert_int_equal(res.n_sessions, 0);
    assert_true(res.metrics[M_sessions_done] == 0 && res.metrics[M_redness_visible_days] == 0);
    mn_runner_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_no_visits),
        cmocka_unit_test(test_linear_exact_convergence),
        cmocka_unit_test(test_linear_exact_integrating_factor),
        cmocka_unit_test(test_linear_declarations),
        cmocka_unit_test(test_event_jumps),
        cmocka_unit_test(test_positivity),
        cmocka_unit_test(test_collagen_balance),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_all_methods_agree),
        cmocka_unit_test(test_invalid_course),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
