/* test_h5_roundtrip.c — a run file written by mn_write_run_file, read back with the plain HDF5 C
 * API: the time axis and every series equal the trace bit for bit, every dataset has a units
 * attribute, the provenance attributes are present, /parameters and the embedded INI give back
 * the parameter values exactly, no .partial is left; writing into a missing directory fails with
 * a message and leaves nothing behind. */
#include <dirent.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "h5util.h"
#include "inifile.h"
#include "testutil.h"

static char tmpdir[256];

static int setup(void **state)
{
    (void)state;
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mnsim_test_h5_XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(tmpdir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char path[600];
            snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(tmpdir);
    return 0;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* A string attribute (variable or fixed length) as a malloc'd string, NULL if missing. */
static char *read_str_attr(hid_t loc, const char *obj, const char *name)
{
    if (H5Aexists_by_name(loc, obj, name, H5P_DEFAULT) <= 0) return NULL;
    hid_t a = H5Aopen_by_name(loc, obj, name, H5P_DEFAULT, H5P_DEFAULT);
    hid_t ft = H5Aget_type(a);
    char *out = NULL;
    if (H5Tget_class(ft) == H5T_STRING) {
        if (H5Tis_variable_str(ft) > 0) {
            hid_t mt = H5Tcopy(H5T_C_S1);
            H5Tset_size(mt, H5T_VARIABLE);
            H5Tset_cset(mt, H5Tget_cset(ft));
            char *v = NULL;
            if (H5Aread(a, mt, &v) >= 0 && v) {
                out = strdup(v);
                H5free_memory(v);
            }
            H5Tclose(mt);
        } else {
            size_t n = H5Tget_size(ft);
            out = calloc(n + 1, 1);
            H5Aread(a, ft, out);
        }
    }
    H5Tclose(ft);
    H5Aclose(a);
    return out;
}

static double read_double_attr(hid_t loc, const char *obj, const char *name)
{
    double v = NAN;
    hid_t a = H5Aopen_by_name(loc, obj, name, H5P_DEFAULT, H5P_DEFAULT);
    if (a < 0) fail_msg("attribute %s/%s missing", obj, name);
    assert_true(H5Aread(a, H5T_NATIVE_DOUBLE, &v) >= 0);
    H5Aclose(a);
    return v;
}

/* Read a 1-D double dataset of expected length n. */
static double *read_1d(hid_t file, const char *name, size_t n)
{
    hid_t d = H5Dopen2(file, name, H5P_DEFAULT);
    if (d < 0) fail_msg("dataset %s missing", name);
    hid_t sp = H5Dget_space(d);
    assert_int_equal(H5Sget_simple_extent_ndims(sp), 1);
    hsize_t dims[1];
    H5Sget_simple_extent_dims(sp, dims, NULL);
    if (dims[0] != n)
        fail_msg("%s has %llu values, expected %zu", name, (unsigned long long)dims[0], n);
    double *v = malloc((n ? n : 1) * sizeof *v);
    assert_non_null(v);
    if (n) assert_true(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) >= 0);
    H5Sclose(sp);
    H5Dclose(d);
    return v;
}

/* Same bits, NaN included. */
static void assert_bits_equal(const double *a, const double *b, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (memcmp(&a[i], &b[i], sizeof a[i]) != 0)
            fail_msg("%s[%zu]: wrote %.17g, read %.17g", what, i, b[i], a[i]);
}

typedef struct {
    int datasets, missing_units;
    char first_missing[256];
} visit_stats;

static herr_t visit(hid_t obj, const char *name, const H5O_info_t *info, void *op)
{
    visit_stats *s = op;
    if (info->type != H5O_TYPE_DATASET) return 0;
    s->datasets++;
    char *u = read_str_attr(obj, name, "units");
    if (!u || !u[0]) {
        if (!s->missing_units) snprintf(s->first_missing, sizeof s->first_missing, "%s", name);
        s->missing_units++;
    }
    free(u);
    return 0;
}

/* Simulate p into tr with a runner the caller frees after writing: res->sessions belongs to the
 * runner (tu_run frees its runner, which would leave res->sessions dangling). */
static mn_runner *simulate(const double *p, double step, mn_trace *tr, mn_result *res)
{
    mn_runner *w = mn_runner_new();
    assert_non_null(w);
    mn_observer ob = mn_trace_observer(tr, step);
    if (mn_run_course(w, p, &ob, res) != 0) fail_msg("course failed: %s", res->message);
    assert_false(tr->oom);
    return w;
}

static void test_round_trip(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_schedule_sessions] = 3;
    p[P_schedule_course_days] = 90;
    p[P_procedure_peel] = PEEL_SUPERFICIAL;         /* an enum away from its default */
    p[P_collagen_maturation_days] = 1.0 / 3.0 * 60; /* needs all 17 digits */
    mn_trace tr = {0};
    mn_result res;
    mn_runner *w = simulate(p, 0.5, &tr, &res);
    assert_true(tr.n > 10 && tr.n_events > 0);
    assert_int_equal(res.n_sessions, 3);

    char path[512], partial[600], input[4096];
    snprintf(path, sizeof path, "%s/run.h5", tmpdir);
    tu_source_path("tests/fixtures/ini/valid_comments.ini", input, sizeof input);
    char *argv[] = {"mnsim", "run", input, "-o", path, NULL};
    mn_error err = {{0}};
    if (mn_write_run_file(path, p, &tr, &res, input, 5, argv, &err) != 0) fail_msg("%s", err.msg);
    snprintf(partial, sizeof partial, "%s.partial", path);
    assert_int_equal(access(partial, F_OK), -1);
    assert_int_equal(access(path, F_OK), 0);
    assert_int_equal(count_entries(tmpdir), 1);

    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    assert_true(f >= 0);

    /* time axis and every series, bit for bit */
    double *t = read_1d(f, "time", tr.n);
    assert_bits_equal(t, tr.t, tr.n, "time");
    free(t);
    double *col = malloc(tr.n * sizeof *col);
    for (int j = 0; j < S_COUNT; j++) {
        double *v = read_1d(f, mn_states[j].name, tr.n);
        for (size_t i = 0; i < tr.n; i++)
            col[i] = tr.y[i * S_COUNT + (size_t)j];
        assert_bits_equal(v, col, tr.n, mn_states[j].name);
        char *u = read_str_attr(f, mn_states[j].name, "units");
        assert_non_null(u);
        assert_string_equal(u, mn_states[j].unit);
        free(u);
        free(v);
    }
    for (int j = 0; j < O_COUNT; j++) {
        double *v = read_1d(f, mn_observables[j].name, tr.n);
        for (size_t i = 0; i < tr.n; i++)
            col[i] = tr.obs[i * O_COUNT + (size_t)j];
        assert_bits_equal(v, col, tr.n, mn_observables[j].name);
        char *u = read_str_attr(f, mn_observables[j].name, "units");
        assert_non_null(u);
        assert_string_equal(u, mn_observables[j].unit);
        free(u);
        free(v);
    }
    free(col);
    char *u = read_str_attr(f, "time", "units");
    assert_non_null(u);
    assert_string_equal(u, "day");
    free(u);

    /* events: days and states before/after */
    double *days = read_1d(f, "events/day", tr.n_events);
    double *before = read_1d(f, "events/state_before/inflammation", tr.n_events);
    double *after = read_1d(f, "events/state_after/inflammation", tr.n_events);
    for (size_t e = 0; e < tr.n_events; e++) {
        assert_true(days[e] == tr.events[e].day);
        assert_true(before[e] == tr.before[e * S_COUNT + S_inflammation]);
        assert_true(after[e] == tr.after[e * S_COUNT + S_inflammation]);
    }
    free(days), free(before), free(after);

    /* metrics */
    for (int m = 0; m < M_COUNT; m++) {
        char name[128];
        snprintf(name, sizeof name, "metrics/%s", mn_metric_table[m].name);
        hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
        if (d < 0) fail_msg("%s missing", name);
        double v;
        assert_true(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &v) >= 0);
        H5Dclose(d);
        assert_bits_equal(&v, &res.metrics[m], 1, name);
    }

    /* every dataset in the file has units */
    visit_stats vs = {0, 0, ""};
    assert_true(H5Ovisit2(f, H5_INDEX_NAME, H5_ITER_NATIVE, visit, &vs, H5O_INFO_BASIC) >= 0);
    assert_true(vs.datasets >= 1 + S_COUNT + O_COUNT + M_COUNT);
    if (vs.missing_units)
        fail_msg("%d of %d datasets lack a units attribute (first: %s)", vs.missing_units,
                 vs.datasets, vs.first_missing);

    /* provenance */
    static const char *prov[] = {"mnsim_version", "git_commit",   "command_line", "created_utc",
                                 "gsl_version",   "hdf5_version", "Conventions",  "title",
                                 "source",        "history"};
    for (size_t i = 0; i < sizeof prov / sizeof *prov; i++) {
        char *v = read_str_attr(f, ".", prov[i]);
        if (!v || !v[0]) fail_msg("root attribute %s missing or empty", prov[i]);
        free(v);
    }
    char cmd[8192];
    mn_command_line(5, argv, cmd, sizeof cmd);
    char *v = read_str_attr(f, ".", "command_line");
    assert_string_equal(v, cmd);
    free(v);
    v = read_str_attr(f, ".", "history");
    assert_non_null(strstr(v, cmd));
    free(v);
    v = read_str_attr(f, ".", "created_utc");
    assert_int_equal(strlen(v), 20); /* YYYY-MM-DDTHH:MM:SSZ */
    assert_true(v[4] == '-' && v[10] == 'T' && v[19] == 'Z');
    free(v);
    unsigned maj, min, rel;
    H5get_libversion(&maj, &min, &rel);
    char h5v[64];
    snprintf(h5v, sizeof h5v, "%u.%u.%u", maj, min, rel);
    v = read_str_attr(f, ".", "hdf5_version");
    assert_string_equal(v, h5v);
    free(v);
    v = read_str_attr(f, ".", "Conventions");
    assert_non_null(strstr(v, "CF-"));
    free(v);
    v = read_str_attr(f, ".", "input_file");
    assert_string_equal(v, input);
    free(v);

    /* /parameters: every value exactly as p */
    for (int i = 0; i < P_COUNT; i++) {
        char group[160];
        snprintf(group, sizeof group, "parameters/%s", mn_params[i].section);
        if (mn_params[i].kind == MN_ENUM) {
            char word[64];
            mn_param_format(i, p[i], word, sizeof word);
            char *w = read_str_attr(f, group, mn_params[i].key);
            assert_non_null(w);
            assert_string_equal(w, word);
            free(w);
        } else {
            double x = read_double_attr(f, group, mn_params[i].key);
            assert_bits_equal(&x, &p[i], 1, mn_params[i].key);
        }
    }
    /* ... and the embedded INI reloads to the same values */
    char *ini = read_str_attr(f, ".", "parameters_ini");
    assert_non_null(ini);
    char ini_path[600];
    snprintf(ini_path, sizeof ini_path, "%s/params.ini", tmpdir);
    FILE *out = fopen(ini_path, "w");
    assert_non_null(out);
    fputs(ini, out);
    fclose(out);
    free(ini);
    double q[P_COUNT];
    for (int i = 0; i < P_COUNT; i++)
        q[i] = NAN;
    if (mn_ini_load_params(ini_path, q, &err) != 0) fail_msg("parameters_ini: %s", err.msg);
    assert_memory_equal(p, q, sizeof p);
    unlink(ini_path);

    /* per-session outcomes */
    double *sd = read_1d(f, "sessions/day", (size_t)res.n_sessions);
    double *sp = read_1d(f, "sessions/peak_redness", (size_t)res.n_sessions);
    for (int s = 0; s < res.n_sessions; s++) {
        assert_true(sd[s] == res.sessions[s].day);
        assert_bits_equal(&sp[s], &res.sessions[s].peak_redness, 1, "sessions/peak_redness");
    }
    free(sd), free(sp);

    assert_true(H5Fclose(f) >= 0);
    mn_trace_free(&tr);
    mn_runner_free(w);
}

static void test_missing_directory(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_schedule_sessions] = 1;
    p[P_schedule_course_days] = 10;
    mn_trace tr = {0};
    mn_result res;
    mn_runner *w = simulate(p, 1.0, &tr, &res);
    char path[512], dir[400];
    snprintf(dir, sizeof dir, "%s/no_such_dir", tmpdir);
    snprintf(path, sizeof path, "%s/run.h5", dir);
    char *argv[] = {"mnsim", NULL};
    mn_error err = {{0}};
    int before = count_entries(tmpdir);
    assert_int_equal(mn_write_run_file(path, p, &tr, &res, NULL, 1, argv, &err), -1);
    char expect[1200];
    snprintf(expect, sizeof expect, "%s.partial: cannot create the file", path);
    if (!strstr(err.msg, expect)) fail_msg("unexpected message: %s", err.msg);
    assert_int_equal(access(dir, F_OK), -1);
    assert_int_equal(count_entries(tmpdir), before);
    mn_trace_free(&tr);
    mn_runner_free(w);
}

/* Writing over an existing file replaces it whole (no stale datasets, no .partial). */
static void test_overwrite(void **state)
{
    (void)state;
    double p[P_COUNT];
    mn_params_default(p);
    p[P_schedule_sessions] = 1;
    p[P_schedule_course_days] = 10;
    mn_trace tr = {0};
    mn_result res;
    mn_runner *w = simulate(p, 1.0, &tr, &res);
    char path[512];
    snprintf(path, sizeof path, "%s/again.h5", tmpdir);
    char *argv[] = {"mnsim", NULL};
    mn_error err = {{0}};
    assert_int_equal(mn_write_run_file(path, p, &tr, &res, NULL, 1, argv, &err), 0);
    mn_trace tr2 = {0};
    p[P_schedule_course_days] = 20;
    mn_result res2;
    mn_runner *w2 = simulate(p, 1.0, &tr2, &res2);
    assert_int_equal(mn_write_run_file(path, p, &tr2, &res2, NULL, 1, argv, &err), 0);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    assert_true(f >= 0);
    double *t = read_1d(f, "time", tr2.n);
    assert_true(t[tr2.n - 1] == 20.0);
    free(t);
    H5Fclose(f);
    char partial[600];
    snprintf(partial, sizeof partial, "%s.partial", path);
    assert_int_equal(access(partial, F_OK), -1);
    unlink(path);
    mn_trace_free(&tr);
    mn_trace_free(&tr2);
    mn_runner_free(w);
    mn_runner_free(w2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_missing_directory),
        cmocka_unit_test(test_overwrite),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
