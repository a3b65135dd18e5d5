/* test_export_table.c — the in-memory table behind `mnsim export` and the plot data files: row
 * order, blank lines between blocks of the first grid axis, axis reordering, the --tsv header,
 * exact numbers and NaN; and the quoting of gnuplot string variables. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "export.h"
#include "plot.h"

static char *write_table(const mn_table *t, const mn_table_format *fmt)
{
    /* the stream's buffer pointer lives on the heap: GCC's -Wdangling-pointer otherwise takes
     * the returned text for the address of a local */
    struct {
        char *buf;
        size_t len;
    } *m = calloc(1, sizeof *m);
    assert_non_null(m);
    FILE *f = open_memstream(&m->buf, &m->len);
    assert_non_null(f);
    assert_int_equal(mn_table_write(f, t, fmt), 0);
    fclose(f);
    char *text = m->buf;
    free(m);
    return text;
}

static void test_grid_blocks(void **state)
{
    (void)state;
    mn_table t = {0};
    mn_error err = {{0}};
    const double a[] = {14, 21}, b[] = {1, 2, 3}, v[] = {0.5, 1, 1.5, 2, NAN, 3};
    assert_int_equal(mn_table_set_axis(&t, 0, "interval_days", "day", NULL, 2, a, &err), 0);
    assert_int_equal(mn_table_set_axis(&t, 1, "sessions", "1", NULL, 3, b, &err), 0);
    assert_int_equal(mn_table_add(&t, "gain", "%", NULL, v, &err), 0);
    assert_int_equal(mn_table_rows(&t), 6);
    char *s = write_table(&t, NULL);
    assert_string_equal(s, "interval_days\tsessions\tgain\n# day\t1\t%\n"
                           "14\t1\t0.5\n14\t2\t1\n14\t3\t1.5\n\n"
                           "21\t1\t2\n21\t2\tNaN\n21\t3\t3\n");
    free(s);
    mn_table_format swap = {0};
    swap.order[0] = 1;
    swap.order[1] = 0;
    s = write_table(&t, &swap);
    assert_string_equal(s,
                        "sessions\tinterval_days\tgain\n# 1\tday\t%\n"
                        "1\t14\t0.5\n1\t21\t2\n\n2\t14\t1\n2\t21\tNaN\n\n3\t14\t1.5\n3\t21\t3\n");
    free(s);
    mn_table_format tsv = {.tsv = 1};
    s = write_table(&t, &tsv);
    assert_string_equal(s, "interval_days[day]\tsessions[1]\tgain[%]\n"
                           "14\t1\t0.5\n14\t2\t1\n14\t3\t1.5\n21\t1\t2\n21\t2\tNaN\n21\t3\t3\n");
    free(s);
    assert_int_equal(mn_table_find(&t, "gain"), 0);
    assert_int_equal(mn_table_find(&t, "nope"), -1);
    mn_table_free(&t);
}

static void test_exact_numbers(void **state)
{
    (void)state;
    mn_table t = {0};
    mn_error err = {{0}};
    const double x[] = {0.1, 1.0 / 3.0};
    assert_int_equal(mn_table_set_axis(&t, 0, "time", "day", NULL, 2, x, &err), 0);
    assert_int_equal(mn_table_add(&t, "y", "", NULL, x, &err), 0);
    char *s = write_table(&t, NULL);
    char *line = strchr(strchr(s, '\n') + 1, '\n') + 1;
    char *end;
    assert_true(strtod(line, &end) == 0.1);
    assert_true(strtod(strchr(line, '\n') + 1, &end) == 1.0 / 3.0);
    assert_non_null(strstr(s, "# day\t1\n")); /* empty units print as "1" */
    free(s);
    mn_table_free(&t);
}

static void test_gnuplot_quoting(void **state)
{
    (void)state;
    char vars[256] = "";
    mn_gp_str(vars, sizeof vars, "title", "it's");
    mn_gp_num(vars, sizeof vars, "thr", 0.12);
    mn_gp_num(vars, sizeof vars, "bad", NAN);
    assert_string_equal(vars, "title='it''s'; thr=0.12; bad=NaN; ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grid_blocks),
        cmocka_unit_test(test_exact_numbers),
        cmocka_unit_test(test_gnuplot_quoting),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
