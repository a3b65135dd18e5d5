/* test_sweep_design.c — sweep files and designs: grid order (row-major, first line = first axis),
 * start:stop:step with stop included despite floating rounding, LHS strata, integer rounding, and
 * designs that do not depend on how the point range is split into blocks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "sweep.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_grid_order_and_range(void **state)
{
    (void)state;
    char path[] = "/tmp/mnsim_test_sweep_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_file(path, "[sweep]\nprocedure.depth_mm = 0.1:0.5:0.1 ; comment\n"
                     "schedule.sessions = 2, 4, 6\n");
    mn_sweep s;
    mn_error err = {{0}};
    int rc = mn_sweep_load(path, &s, &err);
    if (rc) fprintf(stderr, "%s\n", err.msg);
    /* depth_mm has a lower bound of 0.25: 0.1 is refused, naming line 2 */
    assert_int_equal(rc, -1);
    assert_non_null(strstr(err.msg, ":2: procedure.depth_mm: range '0.1:0.5:0.1'"));
    write_file(path, "[sweep]\nschedule.interval_days = 0.1:0.5:0.1\n"
                     "schedule.first_day = 1:1.3:0.1\nschedule.sessions = 2, 4, 6\n");
    err.msg[0] = '\0';
    rc = mn_sweep_load(path, &s, &err);
    /* interval_days >= 1: refused too; use first_day (>= 0) for the rounding check */
    assert_int_equal(rc, -1);
    write_file(path, "[sweep]\nschedule.first_day = 0.1:0.5:0.1\n"
                     "schedule.sessions = 2, 4, 6\n");
    rc = mn_sweep_load(path, &s, &err);
    if (rc) fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(s.design, MN_DESIGN_GRID);
    assert_int_equal(s.n_axes, 2);
    assert_int_equal(s.axes[0].n_values, 5); /* 0.1, 0.2, 0.3, 0.4, 0.5: stop included */
    assert_true(s.axes[0].values[2] == 0.3); /* not 0.30000000000000004 */
    assert_true(s.axes[0].values[4] == 0.5);
    assert_int_equal(s.n_points, 15);
    assert_string_equal(s.axes[0].dim, "first_day");
    assert_string_equal(s.axes[1].dim, "sessions");
    double p[P_COUNT];
    mn_sweep_grid_point(&s, 7, p); /* row-major: 7 = 2 * 3 + 1 */
    assert_true(p[P_schedule_first_day] == 0.3);
    assert_true(p[P_schedule_sessions] == 4);
    assert_true(p[P_schedule_course_days] == 365); /* defaults without a base */
    mn_sweep_free(&s);
    remove(path);
}

/* The same points whether generated in one call or in odd blocks. */
static void check_blocks(const mn_sweep *s)
{
    size_t n = s->n_points, d = (size_t)s->n_axes;
    double *all = malloc(n * d * sizeof *all), *part = malloc(n * d * sizeof *part);
    mn_design_state *a = NULL, *b = NULL;
    mn_error err;
    assert_int_equal(mn_sweep_design(s, 0, n, all, &a, &err), 0);
    for (size_t lo = 0; lo < n; lo += 7) {
        size_t hi = lo + 7 < n ? lo + 7 : n;
        assert_int_equal(mn_sweep_design(s, lo, hi, part + lo * d, &b, &err), 0);
    }
    /* and a block out of order (a resumed run starts in the middle) */
    assert_int_equal(mn_sweep_design(s, 3, 5, part + 3 * d, &b, &err), 0);
    assert_memory_equal(all, part, n * d * sizeof *all);
    mn_sweep_design_free(a);
    mn_sweep_design_free(b);
    free(all);
    free(part);
}

static void test_designs(void **state)
{
    (void)state;
    char path[] = "/tmp/mnsim_test_sweep_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    static const char *designs[] = {"lhs", "sobol", "random"};
    for (int k = 0; k < 3; k++) {
        char text[512];
        snprintf(text, sizeof text,
                 "[sweep]\ndesign = %s\npoints = 50\nseed = 3\n"
                 "patient.age_years = 20 .. 70\nschedule.sessions = 1 .. 5\n"
                 "procedure.peel = none .. deep\n",
                 designs[k]);
        write_file(path, text);
        mn_sweep s;
        mn_error err = {{0}};
        int rc = mn_sweep_load(path, &s, &err);
        if (rc) fprintf(stderr, "%s\n", err.msg);
        assert_int_equal(rc, 0);
        assert_int_equal(s.n_points, 50);
        check_blocks(&s);
        double v[50 * 3];
        mn_design_state *st = NULL;
        assert_int_equal(mn_sweep_design(&s, 0, 50, v, &st, &err), 0);
        int strata[50] = {0};
        for (int i = 0; i < 50; i++) {
            assert_true(v[i * 3] >= 20 && v[i * 3] <= 70);
            assert_true(v[i * 3 + 1] == round(v[i * 3 + 1])); /* integers are rounded */
            assert_true(v[i * 3 + 1] >= 1 && v[i * 3 + 1] <= 5);
            assert_true(v[i * 3 + 2] == round(v[i * 3 + 2]) && v[i * 3 + 2] <= 3);
            strata[(int)floor((v[i * 3] - 20) / 50 * 50)]++;
        }
        if (k == 0) /* LHS: exactly one point per stratum */
            for (int i = 0; i < 50; i++)
                assert_int_equal(strata[i], 1);
        mn_sweep_design_free(st);
        mn_sweep_free(&s);
    }
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_order_and_range),
        cmocka_unit_test(test_designs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
