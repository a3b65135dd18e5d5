/* test_api.c — the public C API through include/mnsim.h only (no engine header): the registry,
 * parameter sets, the errors a user meets (unknown key with "did you mean", out of range, a bad
 * INI file named by file:line, a course that does not fit, a bad sweep file, NULL objects) with
 * the program's exact messages, the result accessors over every named series and metric, and
 * independent courses on several threads giving the same numbers as one after the other while they
 * write their files and ask for "did you mean" suggestions at the same time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mnsim.h>

static const char *source_path(const char *rel, char *buf, size_t size)
{
    const char *dir = getenv("MNSIM_SOURCE_DIR");
    snprintf(buf, size, "%s/%s", dir ? dir : ".", rel);
    return buf;
}

static void test_registry(void **state)
{
    (void)state;
    int n = mnsim_param_count();
    assert_true(n > 10);
    for (int i = 0; i < n; i++) {
        mnsim_param_info pi;
        assert_int_equal(mnsim_param_info_get(i, &pi), MNSIM_OK);
        assert_true(pi.section[0] && pi.key[0] && pi.unit[0] && pi.description[0] && pi.source[0]);
        assert_true(pi.min <= pi.default_value && pi.default_value <= pi.max);
        assert_true((pi.kind == MNSIM_ENUM) == (pi.choices != NULL));
        char name[256];
        snprintf(name, sizeof name, "%s.%s", pi.section, pi.key);
        assert_int_equal(mnsim_param_index(name), i);
    }
    mnsim_param_info pi;
    assert_int_equal(mnsim_param_info_get(n, &pi), MNSIM_ERR_ARGUMENT);
    assert_int_equal(mnsim_param_index("schedule.no_such_key"), -1);
}

static void test_set_get_copy(void **state)
{
    (void)state;
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    assert_non_null(p);
    double v = 0;
    assert_int_equal(mnsim_params_set(p, "schedule.interval_days", " 21 ", &err), MNSIM_OK);
    assert_int_equal(mnsim_params_get(p, "schedule.interval_days", &v, &err), MNSIM_OK);
    assert_true(v == 21.0);
    assert_int_equal(mnsim_params_set_double(p, "procedure.depth_mm", 0.1 + 0.2, &err), MNSIM_OK);
    assert_int_equal(mnsim_params_get(p, "procedure.depth_mm", &v, &err), MNSIM_OK);
    assert_true(v == 0.1 + 0.2); /* %.17g round-trips exactly */
    assert_int_equal(mnsim_params_set(p, "solver.method", "RK8PD", &err), MNSIM_OK);
    char word[32];
    assert_int_equal(mnsim_params_format(p, "solver.method", word, sizeof word, &err), MNSIM_OK);
    assert_string_equal(word, "rk8pd");
    assert_int_equal(mnsim_params_set_double(p, "solver.method", 1, &err), MNSIM_OK);
    assert_int_equal(mnsim_params_format(p, "solver.method", word, sizeof word, &err), MNSIM_OK);
    assert_string_equal(word, "rkck");
    mnsim_params *q = mnsim_params_copy(p);
    assert_int_equal(mnsim_params_set(p, "schedule.interval_days", "30", &err), MNSIM_OK);
    assert_int_equal(mnsim_params_get(q, "schedule.interval_days", &v, &err), MNSIM_OK);
    assert_true(v == 21.0); /* the copy is independent */
    char *ini = mnsim_params_to_ini(q);
    assert_non_null(strstr(ini, "[schedule]"));
    assert_non_null(strstr(ini, "interval_days = 21\n"));
    mnsim_free(ini);
    assert_int_equal(err.code, MNSIM_OK); /* successes leave the error alone */
    mnsim_params_free(q);
    mnsim_params_free(p);
}

static void test_unknown_key(void **state)
{
    (void)state;
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    assert_int_equal(mnsim_params_set(p, "schedule.intervl_days", "21", &err), MNSIM_ERR_INPUT);
    assert_int_equal(err.code, MNSIM_ERR_INPUT);
    assert_string_equal(err.message,
                        "--set schedule.intervl_days=21: unknown parameter 'schedule.intervl_days' "
                        "(did you mean 'schedule.interval_days'?) (see `mnsim params`)");
    double v;
    err = (mnsim_error){0};
    assert_int_equal(mnsim_params_get(p, "collagen.maturaton_days", &v, &err), MNSIM_ERR_INPUT);
    assert_non_null(strstr(err.message, "did you mean 'collagen.maturation_days'?"));
    mnsim_params_free(p);
}

static void test_out_of_range(void **state)
{
    (void)state;
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    assert_int_equal(mnsim_params_set(p, "schedule.interval_days", "0", &err), MNSIM_ERR_INPUT);
    assert_string_equal(err.message, "--set schedule.interval_days=0: schedule.interval_days: 0 "
                                     "is out of bounds; expected a number in [1, 365] day");
    assert_int_equal(mnsim_params_set_double(p, "schedule.interval_days", 400, &err),
                     MNSIM_ERR_INPUT);
    assert_non_null(strstr(err.message, "400 is out of bounds"));
    assert_int_equal(mnsim_params_set(p, "schedule.interval_days", "21days", &err),
                     MNSIM_ERR_INPUT);
    assert_non_null(strstr(err.message, "units are not written in values"));
    assert_int_equal(mnsim_params_set_double(p, "schedule.interval_days", NAN, &err),
                     MNSIM_ERR_INPUT);
    assert_non_null(strstr(err.message, "not finite"));
    double v;
    assert_int_equal(mnsim_params_get(p, "schedule.interval_days", &v, &err), MNSIM_OK);
    assert_true(v == 28.0); /* unchanged by the failed calls */
    mnsim_params_free(p);
}

static void test_bad_ini(void **state)
{
    (void)state;
    char path[4096], expected[4400];
    source_path("tests/fixtures/ini/misspelt_key.ini", path, sizeof path);
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    assert_int_equal(mnsim_params_load_ini(p, path, &err), MNSIM_ERR_INPUT);
    snprintf(expected, sizeof expected,
             "%s:3: unknown key 'maturaton_days' in [collagen] (did you mean "
             "'collagen.maturation_days'?) (see `mnsim params`)",
             path);
    assert_string_equal(err.message, expected);
    source_path("tests/fixtures/ini/out_of_bounds.ini", path, sizeof path);
    assert_int_equal(mnsim_params_load_ini(p, path, &err), MNSIM_ERR_INPUT);
    snprintf(expected, sizeof expected, "%s:", path);
    assert_memory_equal(err.message, expected, strlen(expected));
    assert_non_null(strstr(err.message, "out of bounds"));
    assert_int_equal(mnsim_params_load_ini(p, "/nonexistent/x.ini", &err), MNSIM_ERR_INPUT);
    assert_string_equal(err.message, "/nonexistent/x.ini: cannot open: No such file or directory");
    mnsim_params_free(p);
}

static void test_course_does_not_fit(void **state)
{
    (void)state;
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    assert_int_equal(mnsim_params_set(p, "schedule.course_days", "60", &err), MNSIM_OK);
    assert_int_equal(mnsim_params_set(p, "schedule.sessions", "6", &err), MNSIM_OK);
    assert_int_equal(mnsim_params_check(p, &err), MNSIM_ERR_INPUT);
    assert_non_null(strstr(err.message, "schedule.course_days"));
    err = (mnsim_error){0};
    assert_null(mnsim_run(p, &err));
    assert_int_equal(err.code, MNSIM_ERR_INPUT);
    assert_non_null(strstr(err.message, "schedule.course_days"));
    mnsim_params_free(p);
}

static void test_null_and_sweep_errors(void **state)
{
    (void)state;
    mnsim_error err = {0};
    assert_null(mnsim_run(NULL, &err));
    assert_int_equal(err.code, MNSIM_ERR_ARGUMENT);
    assert_int_equal(mnsim_params_set(NULL, "a.b", "1", NULL), MNSIM_ERR_ARGUMENT); /* NULL err */
    mnsim_result_free(NULL);
    mnsim_params_free(NULL);
    char path[4096], expected[4400];
    source_path("tests/fixtures/sweeps/unknown_param.ini", path, sizeof path);
    assert_int_equal(mnsim_sweep(path, "/nonexistent/out.h5", NULL, NULL, &err), MNSIM_ERR_INPUT);
    snprintf(expected, sizeof expected,
             "%s:5: unknown parameter 'schedule.intervall_days' (did you mean "
             "'schedule.interval_days'?) (see `mnsim params`)",
             path);
    assert_string_equal(err.message, expected);
}

/* The accessors: time axis, every named series and metric, events, a failing write. */
static void test_result_layout(void **state)
{
    (void)state;
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    assert_int_equal(mnsim_params_set(p, "schedule.sessions", "2", &err), MNSIM_OK);
    mnsim_result *r = mnsim_run(p, &err);
    assert_non_null(r);
    size_t nt = 0, n = 0;
    const double *t = mnsim_result_time(r, &nt);
    assert_true(nt == 365 * 4 + 1); /* 0, 0.25, ..., 365 days */
    assert_true(t[0] == 0.0 && t[nt - 1] == 365.0);
    const double *c = mnsim_result_series(r, "collagen_total", &n);
    assert_non_null(c);
    assert_true(n == nt);
    assert_null(mnsim_result_series(r, "no_such_series", &n));
    assert_true(mnsim_result_metric(r, "sessions_done") == 2.0);
    assert_true(isnan(mnsim_result_metric(r, "no_such_metric")));
    size_t sessions = 0;
    for (size_t i = 0; i < mnsim_result_event_count(r); i++) {
        mnsim_event ev;
        assert_int_equal(mnsim_result_event(r, i, &ev), MNSIM_OK);
        if (ev.kind == 0) assert_true(ev.day == 28.0 * (double)sessions++);
    }
    assert_true(sessions == 2);
    /* every series the model names is there, on the time axis, distinct from the others */
    int ns = mnsim_series_count();
    assert_true(ns > 5);
    assert_null(mnsim_series_name(-1));
    assert_null(mnsim_series_name(ns));
    const double *prev = NULL;
    int found_collagen = 0;
    for (int j = 0; j < ns; j++) {
        const char *name = mnsim_series_name(j);
        assert_non_null(name);
        for (int k = 0; k < j; k++)
            assert_string_not_equal(name, mnsim_series_name(k));
        n = 0;
        const double *s = mnsim_result_series(r, name, &n);
        assert_non_null(s);
        assert_true(n == nt);
        assert_true(s != prev && s != t);
        for (size_t i = 0; i < n; i++)
            assert_true(isfinite(s[i]));
        found_collagen |= s == c;
        prev = s;
    }
    assert_true(found_collagen);
    assert_true(c[nt - 1] > c[0]); /* two sessions build collagen */
    n = 0;
    assert_true(mnsim_result_series(r, "time", &n) == t && n == nt);
    /* every metric the model names has a value (NaN only where its definition says so) */
    int nm = mnsim_metric_count(), finite = 0;
    assert_true(nm > 5);
    assert_null(mnsim_metric_name(nm));
    for (int m = 0; m < nm; m++) {
        const char *name = mnsim_metric_name(m);
        assert_non_null(name);
        finite += isfinite(mnsim_result_metric(r, name));
    }
    assert_true(finite > nm / 2);
    assert_true(mnsim_result_metric(r, "collagen_gain_percent") > 0);
    assert_null(mnsim_result_time(NULL, &n));
    assert_null(mnsim_result_series(NULL, "collagen_total", &n));
    assert_true(mnsim_result_event_count(NULL) == 0);
    mnsim_event ev;
    assert_int_equal(mnsim_result_event(r, mnsim_result_event_count(r), &ev), MNSIM_ERR_ARGUMENT);
    assert_int_equal(mnsim_result_write(r, "/nonexistent/dir/run.h5", NULL, &err),
                     MNSIM_ERR_RUNTIME);
    assert_non_null(strstr(err.message, "/nonexistent/dir/run.h5.partial: cannot create"));
    mnsim_result_free(r);
    mnsim_params_free(p);
}

/* Independent courses on several threads equal the same courses run one after the other. */
typedef struct {
    int sessions;
    const char *path; /* write the result here (NULL: do not) */
    double gain, collagen_end;
    int ok, hint_ok;
} job;

/* Misspelt names and the suggestion each must get (the suggestion buffer is per thread). */
static const char *const misspelt[][2] = {{"schedule.intervl_days", "schedule.interval_days"},
                                          {"procedure.depth_m", "procedure.depth_mm"},
                                          {"solver.rtl", "solver.rtol"},
                                          {"schedule.sesions", "schedule.sessions"}};

static void *run_job(void *arg)
{
    job *j = arg;
    mnsim_error err = {0};
    mnsim_params *p = mnsim_params_new();
    char text[16];
    snprintf(text, sizeof text, "%d", j->sessions);
    mnsim_result *r = NULL;
    if (p && mnsim_params_set(p, "schedule.sessions", text, &err) == MNSIM_OK &&
        mnsim_params_set(p, "solver.method", j->sessions % 2 ? "msbdf" : "rkf45", &err) == 0)
        r = mnsim_run(p, &err);
    if (r) {
        size_t n;
        const double *c = mnsim_result_series(r, "collagen_total", &n);
        j->gain = mnsim_result_metric(r, "collagen_gain_percent");
        j->collagen_end = c[n - 1];
        j->ok = !j->path || mnsim_result_write(r, j->path, "test_api", &err) == MNSIM_OK;
    }
    char hint[128];
    const char *const *m = misspelt[(j->sessions - 1) % 4];
    snprintf(hint, sizeof hint, "(did you mean '%s'?)", m[1]);
    for (int k = 0; k < 200; k++) /* many times, while the other threads do the same */
        j->hint_ok = (k == 0 || j->hint_ok) && mnsim_params_set(p, m[0], "1", &err) != 0 &&
                     strstr(err.message, hint) != NULL;
    mnsim_result_free(r);
    mnsim_params_free(p);
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    enum { N = 4 };
    job serial[N], parallel[N];
    pthread_t th[N];
    char dir[] = "/tmp/mnsim_test_api_XXXXXX", paths[N][64];
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < N; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/run%d.h5", dir, i);
        serial[i] = parallel[i] = (job){.sessions = i + 1};
        parallel[i].path = paths[i]; /* the threads also write files at the same time */
        run_job(&serial[i]);
    }
    for (int i = 0; i < N; i++)
        assert_int_equal(pthread_create(&th[i], NULL, run_job, &parallel[i]), 0);
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < N; i++) {
        assert_true(serial[i].ok && parallel[i].ok);
        assert_true(serial[i].hint_ok && parallel[i].hint_ok);
        FILE *f = fopen(paths[i], "rb");
        assert_non_null(f);
        char magic[8];
        assert_int_equal(fread(magic, 1, 8, f), 8);
        assert_memory_equal(magic, "\x89HDF\r\n\x1a\n", 8);
        fclose(f);
        remove(paths[i]);
        assert_memory_equal(&serial[i].gain, &parallel[i].gain, sizeof(double));
        assert_memory_equal(&serial[i].collagen_end, &parallel[i].collagen_end, sizeof(double));
    }
    remove(dir);
    assert_true(serial[2].gain > serial[0].gain); /* three sessions build more than one */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_set_get_copy),
        cmocka_unit_test(test_unknown_key),
        cmocka_unit_test(test_out_of_range),
        cmocka_unit_test(test_bad_ini),
        cmocka_unit_test(test_course_does_not_fit),
        cmocka_unit_test(test_null_and_sweep_errors),
        cmocka_unit_test(test_result_layout),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
