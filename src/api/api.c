/* api.c — the public C API (include/mnsim.h) over the engine: parameter sets on the registry,
 * one course into an in-memory result laid out like the HDF5 run file, and sweeps. Everything a
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
#include <gsl/gsl_version.h>
#include <hdf5.h>

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

typedef struct {
    const char *name;
    const char *dim;
    size_t length;
    const double *values;
    size_t n_attrs;
    const char *attr_names[5];
    const char *attr_values[5];
} variable;

struct mnsim_result {
    double p[P_COUNT];
    mn_trace tr;
    mn_result res;                /* res.sessions points into `sessions` */
    mn_session_outcome *sessions; /* owned copy */
    double *data;                 /* every column of every variable */
    size_t n_vars, cap_vars;
    variable *vars;
    size_t n_attrs, cap_attrs;
    mnsim_attribute *attrs;
    char **strings; /* every string the result owns */
    size_t n_strings, cap_strings;
};

/* Keep a formatted string alive as long as the result; NULL on OOM. */
static const char *own(mnsim_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *own(mnsim_result *r, const char *fmt, ...)
{
    if (r->n_strings == r->cap_strings) {
        size_t cap = r->cap_strings ? 2 * r->cap_strings : 64;
        char **s = realloc(r->strings, cap * sizeof *s);
        if (!s) return NULL;
        r->strings = s, r->cap_strings = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    r->strings[r->n_strings++] = s;
    return s;
}

/* Append a variable; attrs are (name, value) pairs ending with NULL. Returns it, NULL on OOM. */
static variable *add_var(mnsim_result *r, const char *name, const char *dim, size_t length,
                         const double *values, ...)
{
    if (!name) return NULL;
    if (r->n_vars == r->cap_vars) {
        size_t cap = r->cap_vars ? 2 * r->cap_vars : 128;
        variable *v = realloc(r->vars, cap * sizeof *v);
        if (!v) return NULL;
        r->vars = v, r->cap_vars = cap;
    }
    variable *v = &r->vars[r->n_vars++];
    *v = (variable){.name = name, .dim = dim, .length = length, .values = values};
    va_list ap;
    va_start(ap, values);
    const char *an;
    while ((an = va_arg(ap, const char *)) != NULL && v->n_attrs < 5) {
        v->attr_names[v->n_attrs] = an;
        v->attr_values[v->n_attrs++] = va_arg(ap, const char *);
    }
    va_end(ap);
    return v;
}

static int add_attr(mnsim_result *r, const char *name, mnsim_attr_type type, const char *text,
                    double number)
{
    if (!name || (type == MNSIM_ATTR_TEXT && !text)) return -1;
    if (r->n_attrs == r->cap_attrs) {
        size_t cap = r->cap_attrs ? 2 * r->cap_attrs : 128;
        mnsim_attribute *a = realloc(r->attrs, cap * sizeof *a);
        if (!a) return -1;
        r->attrs = a, r->cap_attrs = cap;
    }
    r->attrs[r->n_attrs++] = (mnsim_attribute){name, type, text, number};
    return 0;
}

/* Column j of an n x stride row-major array into out. */
static void column(const double *a, size_t n, size_t stride, size_t j, double *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = a[i * stride + j];
}

/* The variables of the run file (runfile.c writes the same names, units and descriptions; the
 * Python tests compare the two attribute by attribute). */
static int build_variables(mnsim_result *r)
{
    const mn_trace *tr = &r->tr;
    size_t nt = tr->n, ne = tr->n_events, ns = (size_t)r->res.n_sessions;
    size_t total = nt * (1 + S_COUNT + O_COUNT) + ne * (4 + 2 * S_COUNT) + ns * 5 + M_COUNT;
    r->data = malloc((total ? total : 1) * sizeof *r->data);
    if (!r->data) return -1;
    double *d = r->data;
    int ok = 1;
#define VAR(...) ok &= add_var(r, __VA_ARGS__, (const char *)NULL) != NULL

    memcpy(d, tr->t, nt * sizeof *d);
    VAR("time", "time", nt, d, "units", "day", "long_name",
        "time since the start of the simulation", "description",
        "days from day 0 of the course; sessions are listed in /events", "axis", "T");
    d += nt;
    for (int j = 0; j < S_COUNT; j++, d += nt) {
        column(tr->y, nt, S_COUNT, (size_t)j, d);
        VAR(mn_states[j].name, "time", nt, d, "units", mn_states[j].unit, "long_name",
            mn_states[j].name, "description", mn_states[j].description, "variable_kind", "state");
    }
    for (int j = 0; j < O_COUNT; j++, d += nt) {
        column(tr->obs, nt, O_COUNT, (size_t)j, d);
        VAR(mn_observables[j].name, "time", nt, d, "units", mn_observables[j].unit, "long_name",
            mn_observables[j].name, "description", mn_observables[j].description, "variable_kind",
            "observable");
    }

    for (size_t i = 0; i < ne; i++)
        d[i] = (double)i;
    VAR("events/event", "event", ne, d, "units", "1", "long_name", "event index", "description",
        "events in time order");
    d += ne;
    for (size_t i = 0; i < ne; i++)
        d[i] = tr->events[i].day;
    VAR("events/day", "event", ne, d, "units", "day", "long_name", "event day", "description",
        "day of each event (session, serum, acid)");
    d += ne;
    for (size_t i = 0; i < ne; i++)
        d[i] = tr->events[i].kind;
    VAR("events/kind", "event", ne, d, "units", "1", "long_name", "event kind", "description",
        "0 = session, 1 = serum application, 2 = acid", "flag_meanings", "session serum acid");
    d += ne;
    for (size_t i = 0; i < ne; i++)
        d[i] = tr->events[i].session;
    VAR("events/session", "event", ne, d, "units", "1", "long_name", "session index", "description",
        "index of the session the event belongs to");
    d += ne;
    for (int which = 0; which < 2; which++)
        for (int j = 0; j < S_COUNT; j++, d += ne) {
            column(which ? tr->after : tr->before, ne, S_COUNT, (size_t)j, d);
            VAR(own(r, "events/%s/%s", which ? "state_after" : "state_before", mn_states[j].name),
                "event", ne, d, "units", mn_states[j].unit, "long_name", mn_states[j].name,
                "description",
                which ? "state just after the event" : "state just before the event");
        }

    for (size_t i = 0; i < ns; i++)
        d[i] = (double)i;
    VAR("sessions/session", "session", ns, d, "units", "1", "long_name", "session index",
        "description", "sessions in time order");
    d += ns;
    static const char *names[] = {"day", "redness_gone_day", "barrier_back_day", "peak_redness"};
    static const char *units[] = {"day", "day", "day", "1"};
    static const char *desc[] = {
        "day of the session",
        "last time redness is above the visible threshold before the next session",
        "first time barrier integrity is back to 95 % (NaN: not before the next session)",
        "highest redness between this session and the next"};
    for (int k = 0; k < 4; k++, d += ns) {
        for (size_t i = 0; i < ns; i++) {
            const mn_session_outcome *s = &r->sessions[i];
            d[i] = k == 0   ? s->day
                   : k == 1 ? s->redness_gone
                   : k == 2 ? s->barrier_back
                            : s->peak_redness;
        }
        VAR(own(r, "sessions/%s", names[k]), "session", ns, d, "units", units[k], "long_name",
            names[k], "description", desc[k]);
    }

    for (int m = 0; m < M_COUNT; m++, d++) {
        *d = r->res.metrics[m];
        VAR(own(r, "metrics/%s", mn_metric_table[m].name), NULL, 1, d, "units",
            mn_metric_table[m].unit, "long_name", mn_metric_table[m].name, "description",
            mn_metric_table[m].description);
    }
#undef VAR
    return ok ? 0 : -1;
}

/* Group and root attributes that do not depend on when or how the course was run. */
static int build_attributes(mnsim_result *r)
{
    int rc = 0;
    unsigned maj, min, rel;
    H5get_libversion(&maj, &min, &rel);
    rc |= add_attr(r, "Conventions", MNSIM_ATTR_TEXT, "CF-1.8", 0);
    rc |= add_attr(r, "title", MNSIM_ATTR_TEXT, "mnsim: one simulated microneedling course", 0);
    rc |= add_attr(r, "institution", MNSIM_ATTR_TEXT, "mnsim (educational skin-healing model)", 0);
    rc |= add_attr(r, "source", MNSIM_ATTR_TEXT,
                   own(r, "mnsim %s (git %s)", MNSIM_VERSION, MNSIM_GIT_COMMIT), 0);
    rc |= add_attr(r, "mnsim_file_kind", MNSIM_ATTR_TEXT, "run", 0);
    rc |= add_attr(r, "mnsim_version", MNSIM_ATTR_TEXT, MNSIM_VERSION, 0);
    rc |= add_attr(r, "git_commit", MNSIM_ATTR_TEXT, MNSIM_GIT_COMMIT, 0);
    rc |= add_attr(r, "build", MNSIM_ATTR_TEXT, MNSIM_BUILD_INFO, 0);
    rc |= add_attr(r, "gsl_version", MNSIM_ATTR_TEXT, GSL_VERSION, 0);
    rc |= add_attr(r, "hdf5_version", MNSIM_ATTR_TEXT, own(r, "%u.%u.%u", maj, min, rel), 0);
    char *ini = ini_text(r->p);
    if (!ini) return -1;
    rc |= add_attr(r, "parameters_ini", MNSIM_ATTR_TEXT, own(r, "%s", ini), 0);
    free(ini);
    rc |= add_attr(r, "parameters/description", MNSIM_ATTR_TEXT,
                   "every parameter value used, by INI section; "
                   "units and sources: `mnsim params`, docs/MODEL.md",
                   0);
    for (int i = 0; i < P_COUNT; i++) {
        const char *name = own(r, "parameters/%s/%s", mn_params[i].section, mn_params[i].key);
        if (mn_params[i].kind == MN_ENUM) {
            char word[64];
            mn_param_format(i, r->p[i], word, sizeof word);
            rc |= add_attr(r, name, MNSIM_ATTR_TEXT, own(r, "%s", word), 0);
        } else {
            rc |= add_attr(r, name, MNSIM_ATTR_REAL, NULL, r->p[i]);
        }
    }
    rc |= add_attr(r, "solver/method", MNSIM_ATTR_TEXT, mn_solver_name((int)r->p[P_solver_method]),
                   0);
    rc |= add_attr(r, "solver/steps", MNSIM_ATTR_INTEGER, NULL, (double)r->res.steps);
    rc |= add_attr(r, "solver/rejected_steps", MNSIM_ATTR_INTEGER, NULL,
                   (double)r->res.rejected_steps);
    rc |= add_attr(r, "solver/rhs_evals", MNSIM_ATTR_INTEGER, NULL, (double)r->res.rhs_evals);
    rc |= add_attr(r, "solver/jacobian_evals", MNSIM_ATTR_INTEGER, NULL,
                   (double)r->res.jacobian_evals);
    return rc ? -1 : 0;
}

void mnsim_result_free(mnsim_result *r)
{
    if (!r) return;
    mn_trace_free(&r->tr);
    free(r->sessions);
    free(r->data);
    free(r->vars);
    free(r->attrs);
    for (size_t i = 0; i < r->n_strings; i++)
        free(r->strings[i]);
    free(r->strings);
    free(r);
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
    if (build_variables(r) != 0 || build_attributes(r) != 0) goto oom;
    return r;
oom:
    mn_runner_free(w);
    mnsim_result_free(r);
    api_fail(err, MNSIM_ERR_RUNTIME, "out of memory");
    return NULL;
}

static const variable *find_var(const mnsim_result *r, const char *name)
{
    if (!r || !name) return NULL;
    for (size_t i = 0; i < r->n_vars; i++)
        if (strcmp(r->vars[i].name, name) == 0) return &r->vars[i];
    return NULL;
}

const double *mnsim_result_time(const mnsim_result *r, size_t *n)
{
    return mnsim_result_series(r, "time", n);
}

const double *mnsim_result_series(const mnsim_result *r, const char *name, size_t *n)
{
    const variable *v = find_var(r, name);
    if (!v || !v->dim || strcmp(v->dim, "time") != 0) return NULL;
    if (n) *n = v->length;
    return v->values;
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

size_t mnsim_result_variable_count(const mnsim_result *r)
{
    return r ? r->n_vars : 0;
}

int mnsim_result_variable(const mnsim_result *r, size_t i, mnsim_variable *var)
{
    if (!r || !var || i >= r->n_vars) return MNSIM_ERR_ARGUMENT;
    const variable *v = &r->vars[i];
    *var = (mnsim_variable){v->name,    v->dim,        v->length,     v->values,
                            v->n_attrs, v->attr_names, v->attr_values};
    return MNSIM_OK;
}

size_t mnsim_result_attribute_count(const mnsim_result *r)
{
    return r ? r->n_attrs : 0;
}

int mnsim_result_attribute(const mnsim_result *r, size_t i, mnsim_attribute *attr)
{
    if (!r || !attr || i >= r->n_attrs) return MNSIM_ERR_ARGUMENT;
    *attr = r->attrs[i];
    return MNSIM_OK;
}

int mnsim_result_write(const mnsim_result *r, const char *path, const char *command_line,
                       mnsim_error *err)
{
    if (!r || !path) return api_fail(err, MNSIM_ERR_ARGUMENT, "mnsim_result_write: NULL argument");
    char *argv[2] = {(char *)(command_line ? command_line : "libmnsim"), NULL};
    mn_error e = {{0}};
    locale_t old = c_numbers();
    pthread_mutex_lock(&h5_write_lock);
    int rc = mn_write_run_file(path, r->p, &r->tr, &r->res, NULL, 1, argv, &e);
    pthread_mutex_unlock(&h5_write_lock);
    restore_locale(old);
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
