/* test_fast.c — the fast sub-processes solved in closed form (models/fast.c). The open defect
 * A(t) of a visit must be K W0((A0/K) exp((A0 - v t)/K)), the solution of dA/dt = -v A/(K + A):
 *  - against GSL's gsl_sf_lambert_W0 to 4e-15 relative wherever its argument is finite, for
 *    micro-channel defects (A0 << K), a peel's whole epidermis (A0 >> K) and between;
 *  - beyond (a deep peel early on: the argument overflows a double) the invariant
 *    A + K ln A = A0 + K ln A0 - v t holds to 1e-14 relative;
 *  - A decreases monotonically to exactly 0 once closed. */
#include <math.h>

#include <gsl/gsl_sf_lambert.h>

#include "testutil.h"

static double defect_at(double A0, double K, double v, double t)
{
    double p[P_COUNT];
    mn_params_default(p);
    p[P_epidermis_closure_half_saturation] = K;
    p[P_epidermis_closure_speed_per_day] = v;
    mn_fast f;
    mn_fast_reset(&f, p);
    mn_injury inj = {.epidermal_defect = A0, .wound_depth_mm = 0.1};
    mn_fast_session(&f, 0.0, &inj, p);
    mn_signals sig;
    mn_fast_eval(&f, t, p, &sig);
    return sig.open_defect;
}

static void test_defect_matches_lambert_w(void **state)
{
    (void)state;
    static const double A0s[] = {1e-4, 0.003, 0.02, 0.1, 0.5, 1.0, 2.5};
    static const double Ks[] = {1e-4, 0.01, 0.2, 1.0};
    double worst = 0, worst_invariant = 0;
    long compared = 0, overflow = 0;
    for (size_t a = 0; a < sizeof A0s / sizeof *A0s; a++)
        for (size_t k = 0; k < sizeof Ks / sizeof *Ks; k++) {
            double A0 = A0s[a], K = Ks[k], v = 0.12, prev = INFINITY;
            double t_closed = (A0 + K * log(A0 / K) + 40 * K) / v; /* well past closure */
            for (int i = 0; i <= 2000; i++) {
                double t = t_closed * i / 2000.0;
                double A = defect_at(A0, K, v, t);
                assert_true(A >= 0 && A <= prev);
                prev = A;
                double logarg = log(A0 / K) + (A0 - v * t) / K;
                if (logarg < -7 || A == 0) continue; /* the series branch; closed */
                if (logarg < 700) {
                    double ref = K * gsl_sf_lambert_W0(exp(logarg));
                    worst = fmax(worst, fabs(A - ref) / ref);
                    compared++;
                } else {
                    double c = A0 + K * log(A0) - v * t;
                    worst_invariant = fmax(worst_invariant, fabs(A + K * log(A) - c) / fabs(c));
                    overflow++;
                }
            }
            assert_true(defect_at(A0, K, v, 1.5 * t_closed) == 0.0);
        }
    if (!(worst <= 4e-15)) fail_msg("open defect vs gsl_sf_lambert_W0: %.3g relative", worst);
    if (!(worst_invariant <= 1e-14))
        fail_msg("open defect beyond overflow: invariant off by %.3g", worst_invariant);
    assert_true(compared > 10000 && overflow > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defect_matches_lambert_w),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
