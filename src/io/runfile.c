/* runfile.c — recording a course and writing it as an HDF5 run file. */
#include <errno.h>
#include <math.h>
#include <hdf5_hl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "h5util.h"
#include "outfile.h"
#include "params.h"
#include "runfile.h"

static int grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *n = realloc(*ptr, c * elem);
    if (!n) return -1;
    *ptr = n;
    *cap = c;
    return 0;
}

static void on_sample(void *user, double t, const double *y, const double *obs)
{
    mn_trace *tr = user;
    size_t cap_t = tr->cap, cap_y = tr->cap, cap_o = tr->cap;
    if (grow((void **)&tr->t, &cap_t, tr->n + 1, sizeof(double)) ||
        grow((void **)&tr->y, &cap_y, tr->n + 1, S_COUNT * sizeof(double)) ||
        grow((void **)&tr->obs, &cap_o, tr->n + 1, O_COUNT * sizeof(double))) {
        tr->oom = 1;
        return;
    }
    tr->cap = cap_t;
    tr->t[tr->n] = t;
    memcpy(tr->y + tr->n * S_COUNT, y, S_COUNT * sizeof(double));
    memcpy(tr->obs + tr->n * O_COUNT, obs, O_COUNT * sizeof(double));
    tr->n++;
}

static void on_event(void *user, const mn_event *ev, const double *before, const double *after)
{
    mn_trace *tr = user;
    size_t c1 = tr->cap_events, c2 = tr->cap_events, c3 = tr->cap_events;
    if (grow((void **)&tr->events, &c1, tr->n_events + 1, sizeof(mn_event)) ||
        grow((void **)&tr->before, &c2, tr->n_events + 1, S_COUNT * sizeof(double)) ||
        grow((void **)&tr->after, &c3, tr->n_events + 1, S_COUNT * sizeof(double))) {
        tr->oom = 1;
        return;
    }
    tr->cap_events = c1;
    tr->events[tr->n_events] = *ev;
    memcpy(tr->before + tr->n_events * S_COUNT, before, S_COUNT * sizeof(double));
    memcpy(tr->after + tr->n_events * S_COUNT, after, S_COUNT * sizeof(double));
    tr->n_events++;
}

mn_observer mn_trace_observer(mn_trace *tr, double step_days)
{
    return (mn_observer){step_days, on_sample, on_event, tr};
}

size_t mn_trace_nearest(const mn_trace *tr, double t)
{
    size_t best = 0;
    for (size_t i = 0; i < tr->n; i++)
        if (fabs(tr->t[i] - t) < fabs(tr->t[best] - t)) best = i;
    return best;
}

void mn_trace_free(mn_trace *tr)
{
    free(tr->t), free(tr->y), free(tr->obs);
    free(tr->events), free(tr->before), free(tr->after);
    *tr = (mn_trace){0};
}

/* Column j of an n x stride row-major array into out. */
static void column(const double *a, size_t n, size_t stride, size_t j, double *out)
{
    for (size_t i = 0; i < n; i++)
        out[i] = a[i * stride + j];
}

int mn_h5_write_parameters(long file_id, const double *p)
{
    hid_t file = (hid_t)file_id;
    hid_t g = H5Gcreate2(file, "parameters", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (g < 0) return -1;
    int rc = mn_h5_attr_str(g, "description",
                            "every parameter value used, by INI section; KEY_units is the unit "
                            "of KEY; sources: `mnsim params`, docs/MODEL.md");
    hid_t sec = -1;
    const char *section = "";
    for (int i = 0; i < P_COUNT && rc == 0; i++) {
        if (strcmp(section, mn_params[i].section) != 0) {
            if (sec >= 0) H5Gclose(sec);
            section = mn_params[i].section;
            sec = H5Gcreate2(g, section, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
            if (sec < 0) rc = -1;
        }
        if (rc == 0) {
            if (mn_params[i].kind == MN_ENUM) {
                char word[64];
                mn_param_format(i, p[i], word, sizeof word);
                rc = mn_h5_attr_str(sec, mn_params[i].key, word);
            } else {
                /* the value, then its unit beside it as KEY_units (attributes have no attributes)
                 */
                char units_name[160];
                snprintf(units_name, sizeof units_name, "%s_units", mn_params[i].key);
                rc = mn_h5_attr_double(sec, mn_params[i].key, p[i]);
                if (rc == 0) rc = mn_h5_attr_str(sec, units_name, mn_params[i].unit);
            }
        }
    }
    if (sec >= 0) H5Gclose(sec);
    H5Gclose(g);
    /* The same values as a complete INI file, so the run can be repeated exactly. */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return -1;
    mn_params_write_ini(mem, p);
    fclose(mem);
    rc |= mn_h5_attr_str(file, "parameters_ini", text);
    free(text);
    return rc ? -1 : 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while (mem && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, n, mem);
    if (mem) fclose(mem);
    fclose(f);
    return buf;
}

static int write_series(hid_t file, hid_t time_scale, const char *name, const char *units,
                        const char *description, const char *kind, const double *data, size_t n)
{
    hid_t d = mn_h5_dataset_1d(file, name, n, data);
    if (d < 0) return -1;
    char long_name[256];
    mn_h5_long_name(name, description, long_name, sizeof long_name);
    int rc = mn_h5_describe(d, units, long_name, description);
    rc |= mn_h5_attr_str(d, "variable_kind", kind);
    rc |= mn_h5_attach(d, time_scale, 0);
    H5Dclose(d);
    return rc;
}

/* The `time` scale and every state and observable on it. */
static int write_time_series(hid_t file, const mn_trace *tr)
{
    hid_t time = mn_h5_dataset_1d(file, "time", tr->n, tr->t);
    if (time < 0) return -1;
    int rc = mn_h5_describe(time, "day", "time since the start of the simulation",
                            "days from day 0 of the course; sessions are listed in /events");
    rc |= mn_h5_attr_str(time, "axis", "T");
    rc |= mn_h5_make_scale(time, "time");
    double *col = malloc((tr->n ? tr->n : 1) * sizeof *col);
    if (!col) rc = -1;
    for (int j = 0; j < S_COUNT && rc == 0; j++) {
        column(tr->y, tr->n, S_COUNT, (size_t)j, col);
        rc |= write_series(file, time, mn_states[j].name, mn_states[j].unit,
                           mn_states[j].description, "state", col, tr->n);
    }
    for (int j = 0; j < O_COUNT && rc == 0; j++) {
        column(tr->obs, tr->n, O_COUNT, (size_t)j, col);
        rc |= write_series(file, time, mn_observables[j].name, mn_observables[j].unit,
                           mn_observables[j].description, "observable", col, tr->n);
    }
    H5Dclose(time);
    free(col);
    return rc;
}

/* /events/state_before or /events/state_after: every state at each event, on `event`. */
static int write_event_states(hid_t g, const mn_trace *tr, int after, hid_t ev_scale, double *col)
{
    int rc = 0;
    size_t ne = tr->n_events;
    hid_t sg = H5Gcreate2(g, after ? "state_after" : "state_before", H5P_DEFAULT, H5P_DEFAULT,
                          H5P_DEFAULT);
    for (int j = 0; j < S_COUNT; j++) {
        column(after ? tr->after : tr->before, ne, S_COUNT, (size_t)j, col);
        hid_t d = mn_h5_dataset_1d(sg, mn_states[j].name, ne, col);
        char long_name[256], desc[400];
        mn_h5_long_name(mn_states[j].name, mn_states[j].description, long_name, sizeof long_name);
        snprintf(desc, sizeof desc, "%s %s", mn_states[j].description,
                 after ? "just after the event" : "just before the event");
        rc |= mn_h5_describe(d, mn_states[j].unit, long_name, desc);
        rc |= mn_h5_attach(d, ev_scale, 0);
        H5Dclose(d);
    }
    H5Gclose(sg);
    return rc;
}

/* /events: day, kind, session; state before/after as [event, state]. */
static int write_events(hid_t file, const mn_trace *tr)
{
    size_t ne = tr->n_events;
    double *col = malloc((ne ? ne : 1) * sizeof *col);
    /* index and flag variables are integers; the dimension scale is the event index, so that
     * netCDF readers name the dimension `event` */
    int *iv = malloc((ne ? ne : 1) * sizeof *iv);
    if (!col || !iv) {
        free(col);
        free(iv);
        return -1;
    }
    hid_t g = H5Gcreate2(file, "events", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int rc = 0;
    for (size_t i = 0; i < ne; i++)
        iv[i] = (int)i;
    hid_t ev_scale = mn_h5_dataset_1d_int(g, "event", ne, iv);
    rc |= mn_h5_describe(ev_scale, "1", "event index", "events in time order");
    rc |= mn_h5_make_scale(ev_scale, "event");
    for (size_t i = 0; i < ne; i++)
        col[i] = tr->events[i].day;
    hid_t d = mn_h5_dataset_1d(g, "day", ne, col);
    rc |= mn_h5_describe(d, "day", "event day", "day of each event (session, serum, acid)");
    rc |= mn_h5_attach(d, ev_scale, 0);
    H5Dclose(d);
    for (size_t i = 0; i < ne; i++)
        iv[i] = (int)tr->events[i].kind;
    d = mn_h5_dataset_1d_int(g, "kind", ne, iv);
    static const int kind_values[] = {0, 1, 2};
    rc |= mn_h5_describe(d, "1", "event kind", "0 = session, 1 = serum application, 2 = acid");
    rc |= mn_h5_attr_ints(d, "flag_values", kind_values, 3);
    rc |= mn_h5_attr_str(d, "flag_meanings", "session serum acid");
    rc |= mn_h5_attach(d, ev_scale, 0);
    H5Dclose(d);
    for (size_t i = 0; i < ne; i++)
        iv[i] = tr->events[i].session;
    d = mn_h5_dataset_1d_int(g, "session", ne, iv);
    rc |= mn_h5_describe(d, "1", "session index", "index of the session the event belongs to");
    rc |= mn_h5_attach(d, ev_scale, 0);
    H5Dclose(d);
    for (int after = 0; after < 2; after++)
        rc |= write_event_states(g, tr, after, ev_scale, col);
    H5Dclose(ev_scale);
    H5Gclose(g);
    free(iv);
    free(col);
    return rc;
}

/* /sessions: per-session outcomes on a `session` dimension. */
static int write_sessions(hid_t file, const mn_result *res)
{
    static const char *names[] = {"day", "redness_gone_day", "barrier_back_day", "peak_redness"};
    static const char *units[] = {"day", "day", "day", "1"};
    static const char *long_names[] = {"session day", "redness gone", "barrier back to 95 %",
                                       "peak redness"};
    static const char *desc[] = {
        "day of the session",
        "last time redness is above the visible threshold before the next "
        "session",
        "first time barrier integrity is back to 95 % (NaN: not before the "
        "next session)",
        "highest redness between this session and the next"};
    int rc = 0;
    hid_t g = H5Gcreate2(file, "sessions", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    size_t ns = (size_t)res->n_sessions;
    double *s = malloc((ns ? ns : 1) * 4 * sizeof *s);
    if (!s) rc = -1;
    for (size_t i = 0; s && i < ns; i++) {
        s[i] = res->sessions[i].day;
        s[ns + i] = res->sessions[i].redness_gone;
        s[2 * ns + i] = res->sessions[i].barrier_back;
        s[3 * ns + i] = res->sessions[i].peak_redness;
    }
    int *index = malloc((ns ? ns : 1) * sizeof *index);
    for (size_t i = 0; index && i < ns; i++)
        index[i] = (int)i;
    hid_t sess_scale = index ? mn_h5_dataset_1d_int(g, "session", ns, index) : -1;
    free(index);
    if (sess_scale < 0)
        rc = -1;
    else {
        rc |= mn_h5_describe(sess_scale, "1", "session index", "sessions in time order");
        rc |= mn_h5_make_scale(sess_scale, "session");
    }
    for (int k = 0; s && sess_scale >= 0 && k < 4; k++) {
        hid_t d = mn_h5_dataset_1d(g, names[k], ns, s + (size_t)k * ns);
        rc |= mn_h5_describe(d, units[k], long_names[k], desc[k]);
        rc |= mn_h5_attach(d, sess_scale, 0);
        H5Dclose(d);
    }
    if (sess_scale >= 0) H5Dclose(sess_scale);
    free(s);
    H5Gclose(g);
    return rc;
}

/* /metrics (one scalar per metric) and /solver (method and statistics as attributes). */
static int write_metrics(hid_t file, const double *p, const mn_result *res)
{
    int rc = 0;
    hid_t g = H5Gcreate2(file, "metrics", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    for (int m = 0; m < M_COUNT; m++) {
        hid_t space = H5Screate(H5S_SCALAR);
        hid_t d = H5Dcreate2(g, mn_metric_table[m].name, H5T_IEEE_F64LE, space, H5P_DEFAULT,
                             H5P_DEFAULT, H5P_DEFAULT);
        H5Sclose(space);
        if (d < 0) {
            rc = -1;
            break;
        }
        rc |= H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &res->metrics[m]) < 0;
        char long_name[256];
        mn_h5_long_name(mn_metric_table[m].name, mn_metric_table[m].description, long_name,
                        sizeof long_name);
        rc |= mn_h5_describe(d, mn_metric_table[m].unit, long_name, mn_metric_table[m].description);
        H5Dclose(d);
    }
    H5Gclose(g);
    g = H5Gcreate2(file, "solver", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    rc |= mn_h5_attr_str(g, "method", mn_solver_name((int)p[P_solver_method]));
    rc |= mn_h5_attr_long(g, "steps", (long)res->steps);
    rc |= mn_h5_attr_long(g, "rejected_steps", (long)res->rejected_steps);
    rc |= mn_h5_attr_long(g, "rhs_evals", (long)res->rhs_evals);
    rc |= mn_h5_attr_long(g, "jacobian_evals", (long)res->jacobian_evals);
    H5Gclose(g);
    return rc;
}

static int write_contents(hid_t file, const double *p, const mn_trace *tr, const mn_result *res,
                          const char *input_path, int argc, char **argv)
{
    int rc = mn_h5_provenance(file, "run", "mnsim: one simulated microneedling course", argc, argv);
    if (input_path) {
        char *text = slurp(input_path);
        rc |= mn_h5_attr_str(file, "input_file", input_path);
        if (text) rc |= mn_h5_attr_str(file, "input_text", text);
        free(text);
    }
    rc |= mn_h5_write_parameters((long)file, p);
    if (write_time_series(file, tr) != 0) return -1;
    if (write_events(file, tr) != 0) return -1;
    rc |= write_sessions(file, res);
    rc |= write_metrics(file, p, res);
    return rc ? -1 : 0;
}

int mn_write_run_file(const char *path, const double *p, const mn_trace *tr, const mn_result *res,
                      const char *input_path, int argc, char **argv, mn_error *err)
{
    return mn_write_run_file_with(path, p, tr, res, input_path, argc, argv, NULL, NULL, err);
}

int mn_write_run_file_with(const char *path, const double *p, const mn_trace *tr,
                           const mn_result *res, const char *input_path, int argc, char **argv,
                           int (*add)(const char *partial, void *user, mn_error *err), void *user,
                           mn_error *err)
{
    char tmp[4096];
    mn_partial_name(path, tmp, sizeof tmp);
    mn_h5_quiet();
    hid_t file = H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (file < 0) {
        int e = errno;
        unlink(tmp); /* H5Fcreate may leave an empty file behind (e.g. no space for its header) */
        return mn_fail(err, "%s: cannot create the file: %s", tmp,
                       mn_io_reason(tmp, e, "check the directory exists and is writable"));
    }
    int rc = write_contents(file, p, tr, res, input_path, argc, argv);
    if (mn_h5_close_file(file) != 0) rc = -1;
    if (rc != 0) {
        int e = errno;
        unlink(tmp);
        return mn_fail(err, "%s: writing the HDF5 file failed: %s; nothing was written", path,
                       mn_io_reason(tmp, e, "HDF5 write error"));
    }
    if (add && add(tmp, user, err) != 0) {
        unlink(tmp);
        return -1;
    }
    return mn_outfile_commit(tmp, path, err); /* fsync, then rename into place */
}
