/* api.c — the public C API (include/mnsim.h) over the engine: parameter sets on the registry,
 * one course into an in-memory result (the engine's trace; files are written by runfile.c, which
 * alone knows the run-file layout), and sweeps. Everything a
 * call touches is its own (a runner per course). Process-wide, once (pthread_once): GSL's
 * abort-on-error handler is switched off and a "C" locale object made; HDF5 files are written
 * one at a time (a mutex). */
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "inifile.h"
#include "mnsim.h"
#include "params.h"
#include "runfile.h"
#include "runner.h"
#include "schedule.h"
#include "sweep.h"
#include "version.h"

_Static_assert(sizeof(((mnsim_error *)0)->message) == sizeof(((mn_error *)0)->msg),
               "mnsim_error and mn_error carry messages of the same size");

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static locale_t c_locale; /* set once, read-only afterwards */
/* HDF5 itself is built thread-safe on Debian, but its high-level dimension-scale calls (H5DS)
 * are not covered by that guarantee: files are written one at a time. */
static pthread_mutex_t h5_write_lock = PTHREAD_MUTEX_INITIALIZER;

static void init(void)
{
    gsl_set_error_handler_off();
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static void library_init(void)
{
    pthread_once(&init_once, init);
}

/* Numbers in INI files and --set values are read and written in the C locale whatever the host
 * program chose (a notebook may set LC_NUMERIC to a decimal comma): uselocale is per thread. */
static locale_t c_numbers(void)
{
    library_init();
    return c_locale ? uselocale(c_locale) : (locale_t)0;
}

static void restore_locale(locale_t old)
{
    if (old) uselocale(old);
}

static int api_fail(mnsim_error *err, mnsim_status code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int api_fail(mnsim_error *err, mnsim_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return (int)code;
}

/* Copy an engine error into the public one. */
static int from_mn(mnsim_error *err, mnsim_status code, const mn_error *e)
{
    return api_fail(err, code, "%s", e->msg);
}

const char *mnsim_version(void)
{
    return MNSIM_VERSION;
}

void mnsim_free(void *ptr)
{
    free(ptr);
}

/* ---- registry ---- */

int mnsim_param_count(void)
{
    return P_COUNT;
}

int mnsim_param_index(const char *name)
{
    return name ? mn_param_find(name) : -1;
}

int mnsim_param_info_get(int index, mnsim_param_info *info)
{
    if (index < 0 || index >= P_COUNT || !info) return MNSIM_ERR_ARGUMENT;
    const mn_param_info *pi = &mn_params[index];
    *info = (mnsim_param_info){pi->section, pi->key, pi->unit,    (mnsim_kind)pi->kind, pi->def,
                               pi->min,     pi->max, pi->choices, pi->description,      pi->source};
    return MNSIM_OK;
}

/* ---- parameter sets ---- */

struct mnsim_params {
    double p[P_COUNT];
};

mnsim_params *mnsim_params_new(void)
{
    library_init();
    mnsim_params *s = malloc(sizeof *s);
    if (s) mn_params_default(s->p);
    return s;
}

mnsim_params *mnsim_params_copy(const mnsim_params *p)
{
    if (!p) return NULL;
    mnsim_params *s = malloc(sizeof *s);
    if (s) *s = *p;
    return s;
}

void mnsim_params_free(mnsim_params *p)
{
    free(p);
}

int mnsim_params_load_ini(mnsim_params *p, const char *path, mnsim_error *err)
{
    if (!p || !path)
        return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_params_load_ini: NULL argument");
    mn_error e = {{0}};
    locale_t old = c_numbers();
    int rc = mn_ini_load_params(path, p->p, &e);
    restore_locale(old);
    return rc != 0 ? from_mn(err, MNSIM_ERR_INPUT, &e) : MNSIM_OK;
}

int mnsim_params_set(mnsim_params *p, const char *name, const char *value, mnsim_error *err)
{
    if (!p || !name || !value)
        return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_params_set: NULL argument");
    /* The very path of `--set name=value`, so that messages are the program's. */
    size_t n = strlen(name) + strlen(value) + 2;
    char *assignment = malloc(n);
    if (!assignment) return api_fail(err, MNSIM_ERR_RUNTIME, "out of memory");
    snprintf(assignment, n, "%s=%s", name, value);
    double q[P_COUNT];
    memcpy(q, p->p, sizeof q);
    mn_error e = {{0}};
    locale_t old = c_numbers();
    int rc = mn_param_set_arg(q, assignment, &e);
    restore_locale(old);
    free(assignment);
    if (rc != 0) return from_mn(err, MNSIM_ERR_INPUT, &e);
    memcpy(p->p, q, sizeof q);
    return MNSIM_OK;
}

int mnsim_params_set_double(mnsim_params *p, const char *name, double value, mnsim_error *err)
{
    if (!p || !name)
        return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_params_set_double: NULL argument");
    char text[64];
    int id = mn_param_find(name);
    if (id >= 0 && mn_params[id].kind == MN_ENUM && value == floor(value) && value >= 0 &&
        value <= mn_params[id].max)
        mn_param_format(id, value, text, sizeof text); /* an index: its keyword */
    else {
        locale_t old = c_numbers();
        snprintf(text, sizeof text, "%.17g", value); /* round-trips exactly through strtod */
        restore_locale(old);
    }
    return mnsim_params_set(p, name, text, err);
}

static int lookup(const char *name, mnsim_error *err)
{
    int id = name ? mn_param_find(name) : -1;
    if (id < 0) {
        char section[128] = "";
        const char *dot = name ? strchr(name, '.') : NULL;
        if (dot && (size_t)(dot - name) < sizeof section) {
            memcpy(section, name, (size_t)(dot - name));
            section[dot - name] = '\0';
        }
        const char *hint = name ? mn_param_suggest(section, dot ? dot + 1 : name) : NULL;
        api_fail(err, MNSIM_ERR_INPUT, "unknown parameter '%s'%s%s%s (see `mnsim params`)",
                 name ? name : "(null)", hint ? " (did you mean '" : "", hint ? hint : "",
                 hint ? "'?)" : "");
    }
    return id;
}

int mnsim_params_get(const mnsim_params *p, const char *name, double *value, mnsim_error *err)
{
    if (!p || !value) return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_params_get: NULL argument");
    int id = lookup(name, err);
    if (id < 0) return MNSIM_ERR_INPUT;
    *value = p->p[id];
    return MNSIM_OK;
}

double mnsim_params_value(const mnsim_params *p, int index)
{
    return p && index >= 0 && index < P_COUNT ? p->p[index] : NAN;
}

int mnsim_params_format(const mnsim_params *p, const char *name, char *buf, size_t size,
                        mnsim_error *err)
{
    if (!p || !buf || size == 0)
        return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_params_format: NULL argument");
    int id = lookup(name, err);
    if (id < 0) return MNSIM_ERR_INPUT;
    mn_param_format(id, p->p[id], buf, size);
    return MNSIM_OK;
}

/* Every value as a complete INI file (malloc'd), NULL on OOM. */
static char *ini_text(const double *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return NULL;
    locale_t old = c_numbers();
    mn_params_write_ini(mem, p);
    restore_locale(old);
    if (fclose(mem) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

char *mnsim_params_to_ini(const mnsim_params *p)
{
    return p ? ini_text(p->p) : NULL;
}

int mnsim_params_check(const mnsim_params *p, mnsim_error *err)
{
    if (!p) return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_params_check: NULL argument");
    mn_error e = {{0}};
    mn_schedule s = {0};
    int rc = mn_schedule_build(p->p, &s, &e); /* validates the parameters first */
    mn_schedule_free(&s);
    return rc != 0 ? from_mn(err, MNSIM_ERR_INPUT, &e) : MNSIM_OK;
}

/* ---- results ---- */

/* Names a result holds, straight from the model's tables (the run file writes the same). */
int mnsim_series_count(void)
{
    return S_COUNT + O_COUNT;
}

const char *mnsim_series_name(int index)
{
    if (index < 0 || index >= S_COUNT + O_COUNT) return NULL;
    return index < S_COUNT ? mn_states[index].name : mn_observables[index - S_COUNT].name;
}

int mnsim_metric_count(void)
{
    return M_COUNT;
}

const char *mnsim_metric_name(int index)
{
    return index >= 0 && index < M_COUNT ? mn_metric_table[index].name : NULL;
}

/* The course as the engine recorded it. Everything about the run file's layout (names,
 * attributes, types) is runfile.c's alone: mnsim_result_write goes through it. */
struct mnsim_result {
    double p[P_COUNT];
    mn_trace tr;
    mn_result res;                /* res.sessions points into `sessions` */
    mn_session_outcome *sessions; /* owned copy */
    double *series;               /* series j (mnsim_series_name(j)) at series + j * tr.n */
};

void mnsim_result_free(mnsim_result *r)
{
    if (!r) return;
    mn_trace_free(&r->tr);
    free(r->sessions);
    free(r->series);
    free(r);
}

/* The trace's row-major samples as one contiguous column per state and observable. */
static int build_series(mnsim_result *r)
{
    size_t nt = r->tr.n;
    r->series = malloc((nt ? nt : 1) * (S_COUNT + O_COUNT) * sizeof *r->series);
    if (!r->series) return -1;
    for (size_t i = 0; i < nt; i++) {
        for (size_t j = 0; j < S_COUNT; j++)
            r->series[j * nt + i] = r->tr.y[i * S_COUNT + j];
        for (size_t j = 0; j < O_COUNT; j++)
            r->series[(S_COUNT + j) * nt + i] = r->tr.obs[i * O_COUNT + j];
    }
    return 0;
}

mnsim_result *mnsim_run(const mnsim_params *p, mnsim_error *err)
{
    library_init();
    if (!p) {
        api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_run: NULL parameter set");
        return NULL;
    }
    mnsim_result *r = calloc(1, sizeof *r);
    mn_runner *w = mn_runner_new();
    if (!r || !w) goto oom;
    memcpy(r->p, p->p, sizeof r->p);
    mn_observer ob = mn_trace_observer(&r->tr, r->p[P_output_step_days]);
    if (mn_run_course(w, r->p, &ob, &r->res) != 0) {
        api_fail(err, r->res.status == MN_COURSE_INVALID ? MNSIM_ERR_INPUT : MNSIM_ERR_RUNTIME,
                 "%s", r->res.message);
        mn_runner_free(w);
        mnsim_result_free(r);
        return NULL;
    }
    if (r->tr.oom) goto oom;
    /* the runner owns the per-session outcomes: keep a copy */
    size_t ns = (size_t)r->res.n_sessions;
    r->sessions = malloc((ns ? ns : 1) * sizeof *r->sessions);
    if (!r->sessions) goto oom;
    if (ns) memcpy(r->sessions, r->res.sessions, ns * sizeof *r->sessions);
    r->res.sessions = r->sessions;
    mn_runner_free(w);
    w = NULL;
    if (build_series(r) != 0) goto oom;
    return r;
oom:
    mn_runner_free(w);
    mnsim_result_free(r);
    api_fail(err, MNSIM_ERR_RUNTIME, "out of memory");
    return NULL;
}

const double *mnsim_result_time(const mnsim_result *r, size_t *n)
{
    if (!r) return NULL;
    if (n) *n = r->tr.n;
    return r->tr.t;
}

const double *mnsim_result_series(const mnsim_result *r, const char *name, size_t *n)
{
    if (!r || !name) return NULL;
    if (strcmp(name, "time") == 0) return mnsim_result_time(r, n);
    for (int j = 0; j < S_COUNT + O_COUNT; j++)
        if (strcmp(mnsim_series_name(j), name) == 0) {
            if (n) *n = r->tr.n;
            return r->series + (size_t)j * r->tr.n;
        }
    return NULL;
}

double mnsim_result_metric(const mnsim_result *r, const char *name)
{
    if (!r || !name) return NAN;
    for (int m = 0; m < M_COUNT; m++)
        if (strcmp(mn_metric_table[m].name, name) == 0) return r->res.metrics[m];
    return NAN;
}

size_t mnsim_result_event_count(const mnsim_result *r)
{
    return r ? r->tr.n_events : 0;
}

int mnsim_result_event(const mnsim_result *r, size_t i, mnsim_event *ev)
{
    if (!r || !ev || i >= r->tr.n_events) return MNSIM_ERR_ARGUMENT;
    const mn_event *e = &r->tr.events[i];
    *ev = (mnsim_event){e->day, (int)e->kind, e->session};
    return MNSIM_OK;
}

int mnsim_result_write(const mnsim_result *r, const char *path, const char *command_line,
                       mnsim_error *err)
{
    if (!r || !path) return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_result_write: NULL argument");
    /* The writer records argv words (quoting any with a blank): hand it the words of the text,
     * so that "prog --set a=1" is recorded as such and not as one quoted word. */
    char *text = strdup(command_line && command_line[0] ? command_line : "libmnsim");
    size_t max_words = text ? strlen(text) / 2 + 1 : 0;
    char **argv = text ? malloc((max_words + 1) * sizeof *argv) : NULL;
    if (!argv) {
        free(text);
        return api_fail(err, MNSIM_ERR_RUNTIME, "out of memory");
    }
    int argc = 0;
    char *save = NULL;
    for (char *w = strtok_r(text, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save))
        argv[argc++] = w;
    if (argc == 0) argv[argc++] = "libmnsim";
    argv[argc] = NULL;
    mn_error e = {{0}};
    locale_t old = c_numbers();
    pthread_mutex_lock(&h5_write_lock);
    int rc = mn_write_run_file(path, r->p, &r->tr, &r->res, NULL, argc, argv, &e);
    pthread_mutex_unlock(&h5_write_lock);
    restore_locale(old);
    free(argv);
    free(text);
    return rc != 0 ? from_mn(err, MNSIM_ERR_RUNTIME, &e) : MNSIM_OK;
}

/* ---- sweeps ---- */

int mnsim_sweep(const char *sweep_ini, const char *out_h5, const mnsim_sweep_options *options,
                mnsim_sweep_summary *summary, mnsim_error *err)
{
    library_init();
    if (!sweep_ini || !out_h5)
        return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_sweep: NULL file name");
    mn_sweep *s = malloc(sizeof *s); /* large (base values, paths): not on the stack */
    if (!s) return api_fail(err, MNSIM_ERR_RUNTIME, "out of memory");
    mn_error e = {{0}};
    locale_t old = c_numbers();
    if (mn_sweep_load(sweep_ini, s, &e) != 0) {
        restore_locale(old);
        free(s);
        return from_mn(err, MNSIM_ERR_INPUT, &e);
    }
    char *argv[2] = {"libmnsim: mnsim_sweep", NULL};
    mn_sweep_options o = {.output = out_h5, .quiet = 1, .argc = 1, .argv = argv};
    if (options) {
        o.threads = options->threads;
        o.resume = options->resume;
        o.trajectories = options->trajectories;
    }
    mn_sweep_summary sum;
    memset(&sum, 0, sizeof sum);
    pthread_mutex_lock(&h5_write_lock);
    int rc = mn_sweep_run(s, &o, &sum, &e);
    pthread_mutex_unlock(&h5_write_lock);
    restore_locale(old);
    mn_sweep_free(s);
    free(s);
    if (rc != 0) return from_mn(err, rc == -2 ? MNSIM_ERR_INPUT : MNSIM_ERR_RUNTIME, &e);
    if (summary) {
        *summary =
            (mnsim_sweep_summary){sum.total, sum.ok, sum.invalid, sum.failed, sum.seconds, ""};
        snprintf(summary->first_failure, sizeof summary->first_failure, "%s", sum.first_failure);
    }
    return MNSIM_OK;
}
