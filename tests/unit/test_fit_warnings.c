/* test_fit_warnings.c — the fit's warnings on constructed results: two log parameters with
 * r = -0.999 whose determined direction is log a + log b are reported as not identifiable with
 * their product (0.2 x 0.5 = 0.1, relative sd 1.4 % from the determined singular direction); an
 * uncorrelated pair gives no warning; starts that converge to a worse minimum (chi2 above the best
 * by more than max(1, 1 %)) or to an equally good point more than 2 standard errors away are
 * reported as disagreeing; starts that agree, or did not converge, are not. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "fit.h"

static void two_log_params(mn_fit_spec *fs)
{
    memset(fs, 0, sizeof *fs);
    fs->n_params = 2;
    fs->par[0] = (mn_fit_param){
        .id = P_treated_layer_synthesis_per_day, .lo = 0.05, .hi = 0.5, .log_scale = 1};
    fs->par[1] =
        (mn_fit_param){.id = P_treated_layer_epidermal_support, .lo = 0.2, .hi = 5, .log_scale = 1};
}

/* A result whose covariance of (log a, log b) is V diag(1/s^2) V' with V the rotation by 45
 * degrees: the direction (1, 1)/sqrt2 determined with singular value s1, (1, -1)/sqrt2 with s2. */
static void rotated(mn_fit_result *r, double s1, double s2)
{
    memset(r, 0, sizeof *r);
    r->n = 2;
    r->x[0] = 0.2;
    r->x[1] = 0.5;
    const double h = 1 / sqrt(2.0);
    const double V[4] = {h, h, h, -h}; /* columns: (h, h), (h, -h) */
    memcpy(r->sv_vec, V, sizeof V);
    r->sv[0] = fmax(s1, s2);
    r->sv[1] = fmin(s1, s2);
    if (s2 > s1) { /* keep singular values descending: swap the columns */
        const double W[4] = {h, h, -h, h};
        memcpy(r->sv_vec, W, sizeof W);
    }
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            double c = 0;
            for (int k = 0; k < 2; k++)
                c += r->sv_vec[a * 2 + k] * r->sv_vec[b * 2 + k] / (r->sv[k] * r->sv[k]);
            r->cov[a * 2 + b] = c;
        }
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            r->corr[a * 2 + b] = r->cov[a * 2 + b] / sqrt(r->cov[a * 2 + a] * r->cov[b * 2 + b]);
}

static void test_unidentifiable_product(void **state)
{
    (void)state;
    mn_fit_spec fs;
    mn_fit_result r;
    two_log_params(&fs);
    rotated(&r, 100.0, 1e-4); /* (log a + log b)/sqrt2 has sd 1/100: log(a b) has sd 0.0141 */
    assert_true(r.corr[1] < -0.999);
    mn_fit_warn_pairs(&fs, &r);
    printf("%s", r.warnings);
    assert_non_null(strstr(r.warnings, "treated_layer.synthesis_per_day and "
                                       "treated_layer.epidermal_support are not identifiable"));
    assert_non_null(strstr(r.warnings, "only their product is determined"));
    assert_non_null(strstr(r.warnings, "= 0.1 +- 1.4 %")); /* 0.2 x 0.5 */
}

static void test_identifiable_pair_quiet(void **state)
{
    (void)state;
    mn_fit_spec fs;
    mn_fit_result r;
    two_log_params(&fs);
    rotated(&r, 100.0, 100.0); /* isotropic: r = 0 */
    assert_true(fabs(r.corr[1]) < 1e-9);
    mn_fit_warn_pairs(&fs, &r);
    assert_string_equal(r.warnings, "");
}

static void starts(mn_fit_result *r, int n, const double *chi2, const int *status, const double *x0)
{
    r->n_starts = n;
    r->best_start = 0;
    static double sx[8 * 2], sc[8];
    static int st[8];
    for (int s = 0; s < n; s++) {
        sc[s] = chi2[s];
        st[s] = status[s];
        sx[2 * s] = x0[s];
        sx[2 * s + 1] = r->x[1];
    }
    r->start_x = sx;
    r->start_chi2 = sc;
    r->start_status = st;
}

static void test_starts_disagree(void **state)
{
    (void)state;
    mn_fit_spec fs;
    mn_fit_result r;
    two_log_params(&fs);
    rotated(&r, 100.0, 100.0); /* sd of each log coordinate: 0.01 */
    /* start 0 is the best; start 1 agrees; start 2 at a worse minimum; start 3 did not converge */
    const double chi2[4] = {10.0, 10.05, 14.0, 50.0}, x0[4] = {0.2, 0.2002, 0.3, 0.4};
    const int status[4] = {0, 0, 0, 11};
    starts(&r, 4, chi2, status, x0);
    mn_fit_warn_starts(&fs, &r);
    printf("%s", r.warnings);
    assert_non_null(strstr(r.warnings, "the starts disagree: 1 of 2 other converged starts ended "
                                       "at a different, worse minimum (chi2 up to 14"));
    assert_null(strstr(r.warnings, "flat valley"));
    /* as good a chi2 but 0.24 in log a away (24 standard errors): a flat valley */
    memset(r.warnings, 0, sizeof r.warnings);
    const double chi2b[3] = {10.0, 10.2, 10.0}, x0b[3] = {0.2, 0.254, 0.2};
    const int statusb[3] = {0, 0, 0};
    starts(&r, 3, chi2b, statusb, x0b);
    mn_fit_warn_starts(&fs, &r);
    printf("%s", r.warnings);
    assert_non_null(strstr(r.warnings, "1 of 2 other converged starts reached as low a chi2"));
    assert_null(strstr(r.warnings, "worse minimum"));
    /* all agree: no warning */
    memset(r.warnings, 0, sizeof r.warnings);
    const double x0c[3] = {0.2, 0.2001, 0.1999};
    starts(&r, 3, chi2b, statusb, x0c);
    mn_fit_warn_starts(&fs, &r);
    assert_string_equal(r.warnings, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unidentifiable_product),
        cmocka_unit_test(test_identifiable_pair_quiet),
        cmocka_unit_test(test_starts_disagree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
