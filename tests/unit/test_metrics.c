/* test_metrics.c — the metrics' search for maxima on the continuous solution (src/core/metrics.c)
 * with a known solution: redness r(t) given in closed form, observed only at step ends as the
 * runner does. A maximum inside a step must be found wherever the step lies in its segment:
 *  - between two steps (the three-point test);
 *  - inside the first step after a segment start (no earlier neighbour), the step falling overall;
 *  - inside the last step before an event or the end (no later neighbour), the step rising overall
 *    (a step end below the hump but above the step's start used to be taken as the maximum:
 *    1e-3 low and 0.2 day late on a course whose synthesis peak preceded an acid application).
 * (Within one step the solution is smooth on the step's scale: the humps here are as wide as a
 * step; a step holding both a maximum and a minimum is beyond the search, as it is beyond the
 * stepper's accuracy.) And the visible-redness time on a step equals the exact integral of the
 * smooth step. */
#include <math.h>
#include <string.h>

#include "testutil.h"

/* r(t) = base + slope t + bump exp(-((t - centre) / width)^2) */
typedef struct {
    double base, slope, bump, centre, width;
} hump;

static hump H;

static double redness(double t)
{
    double x = (t - H.centre) / H.width;
    return H.base + H.slope * t + H.bump * exp(-x * x);
}

static void eval(void *ctx, double t, double *y, double *obs)
{
    (void)ctx;
    memset(y, 0, S_COUNT * sizeof *y);
    memset(obs, 0, O_COUNT * sizeof *obs);
    obs[O_redness] = redness(t);
}

/* peak_redness found when the segment's step ends are `ends` (n of them) */
static double peak_found(const double *ends, int n)
{
    double p[P_COUNT], y[S_COUNT], obs[O_COUNT];
    mn_params_default(p);
    mn_metrics mt = {0};
    eval(NULL, ends[0], y, obs);
    assert_int_equal(mn_metrics_begin(&mt, p, y, obs, 0.0, 100.0, eval, NULL), 0);
    for (int i = 0; i < n; i++) {
        eval(NULL, ends[i], y, obs);
        mn_metrics_observe(&mt, ends[i], y, obs);
    }
    mn_metrics_segment_end(&mt);
    mn_metrics_end(&mt, ends[n - 1], y, obs);
    double peak = mt.m[M_peak_redness];
    mn_metrics_free(&mt);
    return peak;
}

static double true_peak(double a, double b)
{
    double best = -INFINITY;
    for (int i = 0; i <= 200000; i++)
        best = fmax(best, redness(a + (b - a) * i / 200000.0));
    return best;
}

static void test_maximum_inside_edge_steps(void **state)
{
    (void)state;
    static const double ends[] = {0.0, 1.0, 2.0, 3.0, 4.0};
    /* hump at ~0.35 in the first step, which falls overall (r(1) < r(0)) */
    H = (hump){0.5, -0.3, 0.3, 0.4, 0.5};
    assert_true(redness(1.0) < redness(0.0) && redness(0.35) > redness(0.0));
    double want = true_peak(0, 1), got = peak_found(ends, 5);
    if (!(fabs(got - want) <= 1e-9)) fail_msg("first step: peak %.12g, true %.12g", got, want);
    /* hump at 3.7 in the last step, which rises overall (r(4) > r(3)) */
    H = (hump){0.5, 0.0, 0.3, 3.7, 0.5};
    assert_true(redness(4.0) > redness(3.0) && redness(3.7) > redness(4.0));
    want = true_peak(3, 4), got = peak_found(ends, 5);
    if (!(fabs(got - want) <= 1e-9)) fail_msg("last step: peak %.12g, true %.12g", got, want);
    /* a segment of one step with the hump inside */
    H = (hump){0.5, 0.05, 0.08, 0.5, 0.5};
    want = true_peak(0, 1), got = peak_found(ends, 2);
    if (!(fabs(got - want) <= 1e-9)) fail_msg("one step: peak %.12g, true %.12g", got, want);
    /* a hump between steps (three-point test) */
    H = (hump){0.5, 0.0, 0.08, 2.2, 0.4};
    want = true_peak(1, 3), got = peak_found(ends, 5);
    if (!(fabs(got - want) <= 1e-9)) fail_msg("middle: peak %.12g, true %.12g", got, want);
    /* monotone: the end is the maximum */
    H = (hump){0.5, 0.1, 0.0, 0.0, 1.0};
    assert_true(fabs(peak_found(ends, 5) - redness(4.0)) <= 1e-15);
}

static void test_visible_time_of_a_step(void **state)
{
    (void)state;
    double p[P_COUNT], y[S_COUNT], obs[O_COUNT];
    mn_params_default(p);
    /* redness falling linearly through the visible band inside one long step */
    H = (hump){p[P_inflammation_visible_threshold] + 0.02, -0.01, 0.0, 0.0, 1.0};
    mn_metrics mt = {0};
    eval(NULL, 0.0, y, obs);
    assert_int_equal(mn_metrics_begin(&mt, p, y, obs, 0.0, 100.0, eval, NULL), 0);
    double got = mn_metrics_visible_time(&mt, 0.0, redness(0.0), 4.0, redness(4.0));
    double exact = 0.0; /* midpoint rule on a fine grid of the smooth step */
    for (int i = 0; i < 400000; i++) {
        double t = 4.0 * (i + 0.5) / 400000.0;
        exact += mn_visible_fraction(redness(t), p) * 4.0 / 400000.0;
    }
    if (!(fabs(got - exact) <= 1e-9)) fail_msg("visible time %.12g, exact %.12g", got, exact);
    /* entirely above or below the band: exactly the step's length or 0 */
    assert_true(mn_metrics_visible_time(&mt, 0.0, 1.0, 0.5, 1.0) == 0.5);
    assert_true(mn_metrics_visible_time(&mt, 0.0, 0.0, 0.5, 0.0) == 0.0);
    mn_metrics_free(&mt);
}

/* The metrics' evaluations observe only the first mn_metrics_submodels() sub-models: they must
 * give the tracked observables exactly as the whole model does, after a session too. */
static void test_tracked_observables(void **state)
{
    (void)state;
    size_t n = mn_metrics_submodels();
    assert_true(n > 0 && n < mn_submodel_count);
    double p[P_COUNT], y[S_COUNT], full[O_COUNT], part[O_COUNT];
    mn_params_default(p);
    mn_model_init(p, y);
    mn_fast fast;
    mn_fast_reset(&fast, p);
    for (int round = 0; round < 2; round++) {
        mn_signals sig;
        mn_fast_eval(&fast, 0.1, p, &sig);
        mn_model_observe(y, &sig, p, full);
        for (int i = 0; i < O_COUNT; i++)
            part[i] = NAN;
        mn_model_observe_first(n, y, &sig, p, part);
        for (int i = 0; i < MQ_COUNT; i++) {
            int o = mn_metric_quantity_source[i];
            if (o >= 0 && !(part[o] == full[o]))
                fail_msg("%s: %.17g observed in part, %.17g in full", mn_observables[o].name,
                         part[o], full[o]);
        }
        mn_injury inj = mn_procedure_injury(p); /* the same after a session */
        mn_model_session(&inj, p, y);
        mn_fast_session(&fast, 0.0, &inj, p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_maximum_inside_edge_steps),
        cmocka_unit_test(test_visible_time_of_a_step),
        cmocka_unit_test(test_tracked_observables),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
