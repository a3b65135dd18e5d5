/* fit_io.c — reading a fit file ([fit]: base, data, starts, max_iterations, step_days and one
 * `section.key = lo .. hi [log]` line per fitted parameter; [group NAME] sections of INI
 * overrides) and its data file (TSV or CSV rows `day, observable_or_metric, value, sd[, group]`).
 * Every error names file:line and what was expected; nothing is run before all input is valid. */
#include <errno.h>
#include <hdf5.h>
#include <libgen.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "h5util.h"
#include "outfile.h"
#include "inifile.h"
#include "metrics.h"
#include "params.h"
#include "schedule.h"
#include "textfile.h"

typedef struct {
    mn_fit_spec *fs;
    int line_base, line_data, line_starts, line_iter, line_step;
    char base_value[4096], data_value[4096];
    int *seen; /* per group: P_COUNT flags of the overrides */
    int cur_group;
} load_ctx;

/* Read a whole input file the way every input is read (mn_text_read: a regular text file of at
 * most 16 MiB without NUL bytes); NULL with the reason in *err. */
static char *read_text(const char *path, mn_error *err)
{
    char *text = NULL;
    size_t size = 0;
    return mn_text_read(path, &text, &size, err) == 0 ? text : NULL;
}

static int once(int *slot, const char *file, int line, const char *key, mn_error *err)
{
    if (*slot)
        return mn_fail(err, "%s:%d: duplicate key '%s' in [fit] (first set on line %d)", file, line,
                       key, *slot);
    *slot = line;
    return 0;
}

static int parse_int(const char *file, int line, const char *key, const char *value, long lo,
                     long hi, int *out, mn_error *err)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (end == value || *end || errno || v < lo || v > hi)
        return mn_fail(err, "%s:%d: %s: '%s' is not a whole number in [%ld, %ld]", file, line, key,
                       value, lo, hi);
    *out = (int)v;
    return 0;
}

static int unknown_param(const char *file, int line, const char *key, mn_error *err)
{
    const char *dot = strchr(key, '.');
    char sec[128] = "";
    if (dot) snprintf(sec, sizeof sec, "%.*s", (int)(dot - key), key);
    const char *hint = dot ? mn_param_suggest(sec, dot + 1) : NULL;
    return mn_fail(err, "%s:%d: unknown parameter '%s'%s%s%s (see `mnsim params`)", file, line, key,
                   hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
}

static void trim(char *s)
{
    char *a = s;
    while (*a == ' ' || *a == '\t')
        a++;
    memmove(s, a, strlen(a) + 1);
    for (char *b = s + strlen(s); b > s && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\r'); b--)
        b[-1] = '\0';
}

/* `lo .. hi [log]` for a fitted parameter. */
static int parse_bounds(const char *file, int line, int id, const char *key, const char *value,
                        mn_fit_param *fp, mn_error *err)
{
    char buf[512], why[512];
    snprintf(buf, sizeof buf, "%s", value);
    const char *dots = strstr(buf, "..");
    if (!dots)
        return mn_fail(err,
                       "%s:%d: %s: expected bounds 'LOW .. HIGH' (optionally followed by "
                       "'log'), not '%s'",
                       file, line, key, value);
    char lo[256], hi[256];
    snprintf(lo, sizeof lo, "%.*s", (int)(dots - buf), buf);
    snprintf(hi, sizeof hi, "%s", dots + 2);
    trim(lo);
    trim(hi);
    fp->log_scale = 0;
    size_t n = strlen(hi);
    if (n > 3 && strcmp(hi + n - 3, "log") == 0 && (hi[n - 4] == ' ' || hi[n - 4] == '\t')) {
        hi[n - 3] = '\0';
        trim(hi);
        fp->log_scale = 1;
    }
    if (mn_param_parse(id, lo, &fp->lo, why, sizeof why) != 0)
        return mn_fail(err, "%s:%d: %s: lower bound: %s", file, line, key, why);
    if (mn_param_parse(id, hi, &fp->hi, why, sizeof why) != 0)
        return mn_fail(err, "%s:%d: %s: upper bound: %s", file, line, key, why);
    if (!(fp->hi > fp->lo))
        return mn_fail(err,
                       "%s:%d: %s: bad range '%s': the upper bound must be above the lower one",
                       file, line, key, value);
    if (fp->log_scale && fp->lo <= 0)
        return mn_fail(err, "%s:%d: %s: bad range '%s': a log scale needs a lower bound > 0", file,
                       line, key, value);
    return 0;
}

static int find_group(const mn_fit_spec *fs, const char *name)
{
    for (int g = 0; g < fs->n_groups; g++)
        if (strcmp(fs->groups[g].name, name) == 0) return g;
    return -1;
}

static int entry(void *user, const char *file, int line, const char *section, const char *key,
                 const char *value, mn_error *err)
{
    load_ctx *c = user;
    mn_fit_spec *fs = c->fs;
    if (strncmp(section, "group ", 6) == 0) {
        const char *gname = section + 6;
        while (*gname == ' ')
            gname++;
        int g = find_group(fs, gname);
        if (g < 0) {
            if (fs->n_groups >= MN_FIT_MAX_GROUPS)
                return mn_fail(err, "%s:%d: at most %d groups", file, line, MN_FIT_MAX_GROUPS);
            if (!*gname || strlen(gname) >= sizeof fs->groups[0].name)
                return mn_fail(err, "%s:%d: [%s]: expected [group NAME] with a short name", file,
                               line, section);
            g = fs->n_groups++;
            snprintf(fs->groups[g].name, sizeof fs->groups[g].name, "%s", gname);
            fs->groups[g].line = line;
        }
        const char *dot = strchr(key, '.');
        if (!dot || mn_param_find(key) < 0) return unknown_param(file, line, key, err);
        char sec[128];
        snprintf(sec, sizeof sec, "%.*s", (int)(dot - key), key);
        return mn_ini_assign(fs->groups[g].p, c->seen + (size_t)g * P_COUNT, file, line, sec,
                             dot + 1, value, err);
    }
    if (strcmp(section, "fit") != 0)
        return mn_fail(err,
                       "%s:%d: unknown section [%s] in a fit file (expected [fit] or "
                       "[group NAME])",
                       file, line, section);
    if (strcmp(key, "base") == 0) {
        if (once(&c->line_base, file, line, key, err)) return -1;
        snprintf(c->base_value, sizeof c->base_value, "%s", value);
        return 0;
    }
    if (strcmp(key, "data") == 0) {
        if (once(&c->line_data, file, line, key, err)) return -1;
        snprintf(c->data_value, sizeof c->data_value, "%s", value);
        return 0;
    }
    if (strcmp(key, "starts") == 0) {
        if (once(&c->line_starts, file, line, key, err)) return -1;
        return parse_int(file, line, key, value, 1, 1024, &fs->starts, err);
    }
    if (strcmp(key, "max_iterations") == 0) {
        if (once(&c->line_iter, file, line, key, err)) return -1;
        return parse_int(file, line, key, value, 1, 100000, &fs->max_iter, err);
    }
    if (strcmp(key, "step_days") == 0) {
        if (once(&c->line_step, file, line, key, err)) return -1;
        char *end = NULL;
        double v = strtod(value, &end);
        if (end == value || *end || !(v >= 0.01 && v <= 7))
            return mn_fail(err, "%s:%d: step_days: '%s' is not a number in [0.01, 7]", file, line,
                           value);
        fs->step_days = v;
        return 0;
    }
    int id = mn_param_find(key);
    if (id < 0) {
        if (!strchr(key, '.'))
            return mn_fail(err,
                           "%s:%d: unknown key '%s' in [fit]: expected base, data, starts, "
                           "max_iterations, step_days or a parameter's full name with bounds",
                           file, line, key);
        return unknown_param(file, line, key, err);
    }
    if (mn_params[id].kind != MN_REAL || strcmp(mn_params[id].section, "schedule") == 0 ||
        strcmp(mn_params[id].section, "solver") == 0 ||
        strcmp(mn_params[id].section, "output") == 0)
        return mn_fail(err,
                       "%s:%d: %s: only a continuous model parameter can be fitted (not a "
                       "schedule, solver, output, whole-number or choice parameter)",
                       file, line, key);
    for (int i = 0; i < fs->n_params; i++)
        if (fs->par[i].id == id)
            return mn_fail(err, "%s:%d: duplicate key '%s' in [fit] (first set on line %d)", file,
                           line, key, fs->par[i].line);
    if (fs->n_params >= MN_FIT_MAX_PARAMS)
        return mn_fail(err, "%s:%d: at most %d fitted parameters", file, line, MN_FIT_MAX_PARAMS);
    mn_fit_param *fp = &fs->par[fs->n_params];
    fp->id = id;
    fp->line = line;
    if (parse_bounds(file, line, id, key, value, fp, err) != 0) return -1;
    fs->n_params++;
    return 0;
}

/* rel resolved against the directory of spec; 0, or -1 when the result does not fit in out. */
static int join_path(const char *spec, const char *rel, char *out, size_t size)
{
    if (rel[0] == '/') return (size_t)snprintf(out, size, "%s", rel) < size ? 0 : -1;
    char dir[4096];
    if ((size_t)snprintf(dir, sizeof dir, "%s", spec) >= sizeof dir) return -1;
    return (size_t)snprintf(out, size, "%s/%s", dirname(dir), rel) < size ? 0 : -1;
}

const char *mn_fit_obs_name(mn_fit_kind kind, int var)
{
    return kind == MN_FIT_METRIC       ? mn_metric_table[var].name
           : kind == MN_FIT_OBSERVABLE ? mn_observables[var].name
                                       : mn_states[var].name;
}

static int find_quantity(const char *name, mn_fit_kind *kind, int *var)
{
    for (int k = 0; k < O_COUNT; k++)
        if (strcmp(mn_observables[k].name, name) == 0)
            return *kind = MN_FIT_OBSERVABLE, *var = k, 0;
    for (int k = 0; k < S_COUNT; k++)
        if (strcmp(mn_states[k].name, name) == 0) return *kind = MN_FIT_STATE, *var = k, 0;
    for (int k = 0; k < M_COUNT; k++)
        if (strcmp(mn_metric_table[k].name, name) == 0) return *kind = MN_FIT_METRIC, *var = k, 0;
    return -1;
}

static int parse_number(const char *file, int line, const char *col, const char *text, double *v,
                        mn_error *err)
{
    char *end = NULL;
    errno = 0;
    *v = strtod(text, &end);
    if (!text[0] || end == text || *end || errno || !isfinite(*v))
        return mn_fail(err, "%s:%d: %s: '%s' is not a number", file, line, col, text);
    return 0;
}

/* Split a data line on tabs (if it has one) or commas into at most 6 trimmed fields. */
static int split(char *s, char **field)
{
    char sep = strchr(s, '\t') ? '\t' : ',';
    int n = 0;
    for (char *a = s;; n++) {
        char *b = strchr(a, sep);
        if (b) *b = '\0';
        if (n < 6) {
            trim(a);
            field[n] = a;
        }
        if (!b) break;
        a = b + 1;
    }
    return n + 1;
}

static int load_data(mn_fit_spec *fs, mn_error *err)
{
    const char *file = fs->data_path;
    char *text = fs->data_text;
    size_t cap = 64;
    fs->obs = malloc(cap * sizeof *fs->obs);
    if (!fs->obs) return mn_fail(err, "out of memory");
    int line = 0, header_seen = 0, has_group = -1;
    for (char *s = text; s && *s;) {
        char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        char buf[4096];
        line++;
        if (len >= sizeof buf) return mn_fail(err, "%s:%d: line too long", file, line);
        memcpy(buf, s, len);
        buf[len] = '\0';
        s = nl ? nl + 1 : NULL;
        trim(buf);
        if (!buf[0] || buf[0] == '#') continue;
        char *f[6];
        int nf = split(buf, f);
        /* only the first non-comment line may be a header: it starts with 'day' and names 4
         * or 5 columns; a later 'day' is a data row (and fails as a number, with its line) */
        if (!header_seen) {
            header_seen = 1;
            char *end = NULL;
            strtod(f[0], &end);
            if (strcmp(f[0], "day") == 0) {
                if (nf < 4 || nf > 5)
                    return mn_fail(err,
                                   "%s:%d: the header names %d columns; expected 'day, "
                                   "observable_or_metric, value, sd[, group]'",
                                   file, line, nf);
                has_group = nf == 5;
                continue;
            }
            if (end == f[0])
                return mn_fail(err,
                               "%s:%d: '%s' is neither a number nor a header: the first line "
                               "may be the header 'day, observable_or_metric, value, sd[, group]'",
                               file, line, f[0]);
        }
        if (nf < 4 || nf > 5)
            return mn_fail(err,
                           "%s:%d: expected 4 or 5 columns 'day, observable_or_metric, value, "
                           "sd[, group]', found %d",
                           file, line, nf);
        if (has_group < 0) has_group = nf == 5;
        if ((nf == 5) != has_group)
            return mn_fail(err, "%s:%d: %d columns, but the lines above have %d", file, line, nf,
                           has_group ? 5 : 4);
        mn_fit_obs o = {.line = line};
        if (parse_number(file, line, "day", f[0], &o.day, err) ||
            parse_number(file, line, "value", f[2], &o.value, err) ||
            parse_number(file, line, "sd", f[3], &o.sd, err))
            return -1;
        if (o.day < 0) return mn_fail(err, "%s:%d: day: '%s' must be >= 0", file, line, f[0]);
        if (!(o.sd > 0))
            return mn_fail(err, "%s:%d: sd: '%s' must be > 0 (a standard deviation)", file, line,
                           f[3]);
        if (find_quantity(f[1], &o.kind, &o.var) != 0)
            return mn_fail(err,
                           "%s:%d: unknown observable or metric '%s' (the names of `mnsim "
                           "export` on a run file: states, observables, metrics)",
                           file, line, f[1]);
        const char *gname = has_group ? f[4] : "";
        o.group = find_group(fs, gname);
        if (o.group < 0)
            return mn_fail(err, "%s:%d: group: '%s' has no [group %s] section in %s", file, line,
                           gname, gname, fs->path);
        const double *p = fs->groups[o.group].p;
        double end_day = p[P_schedule_course_days];
        if (o.kind == MN_FIT_METRIC && fabs(o.day - end_day) > 1e-9)
            return mn_fail(err,
                           "%s:%d: day: a metric is measured at the end of the course: expected "
                           "%g (schedule.course_days of %s%s), not %s",
                           file, line, end_day, gname[0] ? "group " : "the base", gname, f[0]);
        if (o.day > end_day)
            return mn_fail(err, "%s:%d: day: %s is after the end of the course (day %g)", file,
                           line, f[0], end_day);
        fs->groups[o.group].used = 1;
        if (fs->n_obs == cap) {
            cap *= 2;
            mn_fit_obs *no = realloc(fs->obs, cap * sizeof *no);
            if (!no) return mn_fail(err, "out of memory");
            fs->obs = no;
        }
        fs->obs[fs->n_obs++] = o;
    }
    if (fs->n_obs == 0) return mn_fail(err, "%s: no data rows", file);
    return 0;
}

int mn_fit_load(const char *path, mn_fit_spec *fs, mn_error *err)
{
    memset(fs, 0, sizeof *fs);
    fs->starts = 8;
    fs->max_iter = 100;
    fs->step_days = 0.25;
    snprintf(fs->path, sizeof fs->path, "%s", path);
    fs->groups = calloc(MN_FIT_MAX_GROUPS + 1, sizeof *fs->groups);
    load_ctx c = {.fs = fs, .seen = calloc((MN_FIT_MAX_GROUPS + 1) * (size_t)P_COUNT, sizeof(int))};
    if (!fs->groups || !c.seen) {
        free(c.seen);
        return mn_fail(err, "out of memory");
    }
    /* group 0 is the base (""): first pass collects the [fit] keys and the groups' overrides
     * relative to the defaults; the base INI is applied below, under each group's overrides */
    fs->n_groups = 1;
    mn_params_default(fs->groups[0].p);
    for (int g = 1; g <= MN_FIT_MAX_GROUPS; g++)
        mn_params_default(fs->groups[g].p);
    int rc = mn_ini_parse(path, entry, &c, err);
    if (rc == 0 && fs->n_params == 0)
        rc = mn_fail(err,
                     "%s: no parameter to fit: add lines such as "
                     "'treated_layer.synthesis_per_day = 0.05 .. 0.5 log' to [fit]",
                     path);
    if (rc == 0 && !c.data_value[0])
        rc = mn_fail(err, "%s: missing 'data = FILE.tsv' in [fit]", path);
    double base[P_COUNT];
    mn_params_default(base);
    if (rc == 0 && c.base_value[0] &&
        join_path(path, c.base_value, fs->base_path, sizeof fs->base_path) != 0)
        rc = mn_fail(err, "%s:%d: base: the path is too long", path, c.line_base);
    if (rc == 0 && c.base_value[0]) {
        FILE *f = fopen(fs->base_path, "r");
        if (!f)
            rc = mn_fail(err, "%s:%d: base: cannot open '%s': %s", path, c.line_base, fs->base_path,
                         strerror(errno));
        else
            fclose(f);
        if (rc == 0) rc = mn_ini_load_params(fs->base_path, base, err);
    }
    /* each group: base, then its overrides */
    for (int g = 0; g < fs->n_groups && rc == 0; g++) {
        const int *seen = c.seen + (size_t)g * P_COUNT;
        double q[P_COUNT];
        memcpy(q, base, sizeof q);
        for (int id = 0; id < P_COUNT; id++)
            if (seen[id]) q[id] = fs->groups[g].p[id];
        memcpy(fs->groups[g].p, q, sizeof q);
        mn_error e2 = {{0}};
        if (mn_params_validate(q, &e2) != 0) {
            if (g == 0)
                rc = mn_fail(err, "%s: %s", c.base_value[0] ? fs->base_path : path, e2.msg);
            else
                rc = mn_fail(err, "%s:%d: [group %s]: %s", path, fs->groups[g].line,
                             fs->groups[g].name, e2.msg);
        }
    }
    if (rc == 0 && join_path(path, c.data_value, fs->data_path, sizeof fs->data_path) != 0)
        rc = mn_fail(err, "%s:%d: data: the path is too long", path, c.line_data);
    if (rc == 0) {
        mn_error why = {{0}};
        fs->data_text = read_text(fs->data_path, &why);
        if (!fs->data_text) rc = mn_fail(err, "%s:%d: data: %s", path, c.line_data, why.msg);
    }
    if (rc == 0) rc = load_data(fs, err);
    if (rc == 0 && fs->n_obs < (size_t)fs->n_params)
        rc = mn_fail(err, "%s: %zu data rows cannot determine %d parameters", fs->data_path,
                     fs->n_obs, fs->n_params);
    for (int g = 1; g < fs->n_groups && rc == 0; g++)
        if (!fs->groups[g].used)
            rc = mn_fail(err, "%s:%d: [group %s] has no row in %s", path, fs->groups[g].line,
                         fs->groups[g].name, fs->data_path);
    if (rc == 0) {
        if (!(fs->text = read_text(path, err)))
            rc = -1;
        else if (fs->base_path[0])
            rc = (fs->base_text = read_text(fs->base_path, err)) ? 0 : -1;
        else if (!(fs->base_text = strdup("")))
            rc = mn_fail(err, "out of memory");
    }
    free(c.seen);
    if (rc) mn_fit_spec_free(fs);
    return rc;
}

void mn_fit_spec_free(mn_fit_spec *fs)
{
    free(fs->groups);
    free(fs->obs);
    free(fs->text);
    free(fs->data_text);
    free(fs->base_text);
    fs->groups = NULL;
    fs->obs = NULL;
    fs->text = fs->data_text = fs->base_text = NULL;
}

/* ---- the fit file F.h5 ---- */

static hid_t string_var(hid_t loc, const char *name, const char *const *vals, size_t n, int scale)
{
    hid_t d = mn_h5_dataset_1d_str(loc, name, n, vals);
    if (d >= 0 && scale && mn_h5_make_scale(d, name) != 0) {
        H5Dclose(d);
        d = -1;
    }
    return d;
}

static int write_nd(hid_t loc, const char *name, int rank, const hsize_t *dims, const hid_t *scales,
                    const double *data, const char *units, const char *long_name, const char *desc)
{
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t d = H5Dcreate2(loc, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int rc = d < 0 || H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0;
    if (!rc) rc |= mn_h5_describe(d, units, long_name, desc);
    for (int k = 0; k < rank && !rc; k++)
        rc |= mn_h5_attach(d, scales[k], (unsigned)k);
    if (d >= 0) H5Dclose(d);
    H5Sclose(space);
    return rc ? -1 : 0;
}

static int attach_strings(hid_t loc, const char *name, const char *const *vals, size_t n,
                          hid_t scale, const char *long_name)
{
    hid_t d = string_var(loc, name, vals, n, 0);
    if (d < 0) return -1;
    int rc = mn_h5_describe(d, NULL, long_name, long_name);
    rc |= mn_h5_attach(d, scale, 0);
    H5Dclose(d);
    return rc;
}

static hid_t index_scale(hid_t loc, const char *name, size_t n, const char *long_name)
{
    double *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx) return -1;
    for (size_t i = 0; i < n; i++)
        idx[i] = (double)i;
    hid_t d = mn_h5_dataset_1d(loc, name, n, idx);
    free(idx);
    if (d >= 0 &&
        (mn_h5_describe(d, "1", long_name, long_name) != 0 || mn_h5_make_scale(d, name) != 0)) {
        H5Dclose(d);
        d = -1;
    }
    return d;
}

static int write_contents(hid_t f, const mn_fit_spec *fs, const mn_fit_result *r)
{
    const size_t p = (size_t)r->n, n = r->n_obs, S = (size_t)r->n_starts;
    int rc = 0;
    char names[MN_FIT_MAX_PARAMS][160];
    const char *pn[MN_FIT_MAX_PARAMS];
    for (size_t k = 0; k < p; k++) {
        mn_param_name(fs->par[k].id, names[k], sizeof names[k]);
        pn[k] = names[k];
    }
    hid_t sp = string_var(f, "parameter", pn, p, 1);
    hid_t sp2 = string_var(f, "parameter_b", pn, p, 1);
    hid_t so = index_scale(f, "observation", n, "data row (in file order)");
    hid_t ss = index_scale(f, "start", S, "start of the multistart");
    if (sp < 0 || sp2 < 0 || so < 0 || ss < 0) rc = -1;
    double *buf = malloc((n + S * p + p * p + 8) * sizeof *buf);
    if (!buf) rc = -1;
    hsize_t dp = p, dn = n, dS = S, dpp[2] = {p, p}, dSp[2] = {S, p};
    hid_t spp[2] = {sp, sp2}, sSp[2] = {ss, sp};
    if (rc == 0) {
        rc |= mn_h5_describe(sp, NULL, "fitted parameter", "section.key of the parameter");
        rc |= mn_h5_describe(sp2, NULL, "fitted parameter (second axis of the matrices)",
                             "section.key of the parameter");
        rc |= write_nd(f, "estimate", 1, &dp, &sp, r->x, NULL, "estimate",
                       "weighted least-squares estimate (units: the parameter's, see units_of)");
        rc |= write_nd(f, "std_error", 1, &dp, &sp, r->se, NULL, "standard error",
                       "from the Jacobian at the estimate (SVD); log parameters: estimate x "
                       "std_error_log (delta method)");
        rc |= write_nd(f, "std_error_log", 1, &dp, &sp, r->se_log, "1", "standard error of log",
                       "standard error of log(value) for log-scale parameters, NaN otherwise");
        double lo[MN_FIT_MAX_PARAMS], hi[MN_FIT_MAX_PARAMS], lg[MN_FIT_MAX_PARAMS],
            sv[MN_FIT_MAX_PARAMS];
        for (size_t k = 0; k < p; k++) {
            lo[k] = fs->par[k].lo;
            hi[k] = fs->par[k].hi;
            lg[k] = fs->par[k].log_scale;
            sv[k] = r->sv[k];
        }
        rc |= write_nd(f, "lower", 1, &dp, &sp, lo, NULL, "lower bound", "bound in the fit file");
        rc |= write_nd(f, "upper", 1, &dp, &sp, hi, NULL, "upper bound", "bound in the fit file");
        rc |= write_nd(f, "log_scale", 1, &dp, &sp, lg, "1", "1 if fitted on log(value)",
                       "1: the fitted coordinate is log(value); 0: the value");
        rc |= write_nd(f, "singular_value", 1, &dp, &sp, sv, "1",
                       "singular values of the weighted Jacobian",
                       "descending; index k is not tied to parameter k");
        rc |= write_nd(f, "covariance", 2, dpp, spp, r->cov, NULL, "covariance",
                       "covariance of the fitted coordinates (log(value) for log parameters) "
                       "from the SVD of the weighted Jacobian, unscaled (the sd are taken as "
                       "known)");
        rc |= write_nd(f, "correlation", 2, dpp, spp, r->corr, "1", "correlation",
                       "correlation of the estimates");
        /* observations */
        const char **on = malloc((n ? n : 1) * sizeof *on), **og = malloc((n ? n : 1) * sizeof *og);
        if (!on || !og) rc = -1;
        for (size_t i = 0; i < n && rc == 0; i++) {
            on[i] = mn_fit_obs_name(fs->obs[i].kind, fs->obs[i].var);
            og[i] = fs->groups[fs->obs[i].group].name;
        }
        if (rc == 0) {
            rc |= attach_strings(f, "obs_name", on, n, so, "observable or metric");
            rc |= attach_strings(f, "obs_group", og, n, so, "group of the row");
        }
        free(on);
        free(og);
        const char *cols[5] = {"obs_day", "obs_value", "obs_sd", "obs_line", NULL};
        for (int c = 0; c < 4 && rc == 0; c++) {
            for (size_t i = 0; i < n; i++)
                buf[i] = c == 0   ? fs->obs[i].day
                         : c == 1 ? fs->obs[i].value
                         : c == 2 ? fs->obs[i].sd
                                  : fs->obs[i].line;
            rc |= write_nd(f, cols[c], 1, &dn, &so, buf,
                           c == 0   ? "day"
                           : c == 3 ? "1"
                                    : NULL,
                           c == 0   ? "day of the observation"
                           : c == 1 ? "observed value"
                           : c == 2 ? "standard deviation of the observation"
                                    : "line in the data file",
                           "from the data file");
        }
        rc |= write_nd(f, "model", 1, &dn, &so, r->model, NULL, "model value at the estimate",
                       "state/observable on the row's day, or the metric of the course");
        rc |= write_nd(f, "residual", 1, &dn, &so, r->residual, "1", "weighted residual",
                       "(model - obs_value) / obs_sd");
        /* starts */
        rc |= write_nd(f, "start_initial", 2, dSp, sSp, r->start_x0, NULL, "initial values",
                       "start 0: the base values; then a Sobol' design in the bounds");
        rc |= write_nd(f, "start_estimate", 2, dSp, sSp, r->start_x, NULL, "end point",
                       "where the trust-region iterations of this start ended");
        rc |= write_nd(f, "start_chi2", 1, &dS, &ss, r->start_chi2, "1", "chi-square",
                       "weighted sum of squared residuals at the end point");
        for (size_t s = 0; s < S; s++)
            buf[s] = r->start_status[s];
        rc |= write_nd(f, "start_status", 1, &dS, &ss, buf, "1", "GSL status",
                       "0: converged; 11 (GSL_EMAXITER): iteration limit; other: GSL error");
        for (size_t s = 0; s < S; s++)
            buf[s] = r->start_iter[s];
        rc |= write_nd(f, "start_iterations", 1, &dS, &ss, buf, "1", "iterations", "per start");
    }
    /* model curves of the figure */
    if (rc == 0 && r->n_curves > 0) {
        char lbl[MN_FIT_MAX_GROUPS * 4][320];
        const char *cl[MN_FIT_MAX_GROUPS * 4];
        int nc = r->n_curves < MN_FIT_MAX_GROUPS * 4 ? r->n_curves : MN_FIT_MAX_GROUPS * 4;
        const char *cg[MN_FIT_MAX_GROUPS * 4];
        for (int c = 0; c < nc; c++) {
            const char *g = fs->groups[r->curve_group[c]].name;
            const char *q = mn_fit_obs_name((mn_fit_kind)r->curve_kind[c], r->curve_var[c]);
            snprintf(lbl[c], sizeof lbl[c], "%s", q);
            cl[c] = lbl[c];
            cg[c] = g;
        }
        hid_t sc = index_scale(f, "curve", (size_t)nc, "model curve");
        hid_t st = mn_h5_dataset_1d(f, "curve_day", r->n_curve_t, r->curve_t);
        if (sc < 0 || st < 0 || mn_h5_describe(st, "day", "day", "day of the course") != 0 ||
            mn_h5_make_scale(st, "curve_day") != 0)
            rc = -1;
        if (rc == 0) {
            rc |= attach_strings(f, "curve_name", cl, (size_t)nc, sc, "state or observable");
            rc |= attach_strings(f, "curve_group", cg, (size_t)nc, sc, "group");
            hsize_t dct[2] = {(hsize_t)nc, r->n_curve_t};
            hid_t sct[2] = {sc, st};
            rc |= write_nd(f, "curve_value", 2, dct, sct, r->curve, NULL, "model at the estimate",
                           "state/observable of the group's course at the estimate");
            rc |= write_nd(f, "curve_sd", 2, dct, sct, r->curve_sd, NULL,
                           "standard deviation of the model curve",
                           "pointwise, by the delta method from the covariance of the estimates "
                           "(linearised; the figure draws curve_value +- 1.96 curve_sd)");
        }
        if (sc >= 0) H5Dclose(sc);
        if (st >= 0) H5Dclose(st);
    }
    free(buf);
    if (rc == 0) {
        rc |= mn_h5_attr_double(f, "chi2", r->chi2);
        rc |= mn_h5_attr_long(f, "dof", r->dof);
        rc |= mn_h5_attr_double(f, "aic", r->aic);
        rc |= mn_h5_attr_double(f, "p_value", r->p_value);
        rc |= mn_h5_attr_long(f, "n_observations", (long)n);
        rc |= mn_h5_attr_long(f, "n_parameters", (long)p);
        rc |= mn_h5_attr_long(f, "rank", r->rank);
        rc |= mn_h5_attr_long(f, "starts", r->n_starts);
        rc |= mn_h5_attr_long(f, "starts_converged", r->converged);
        rc |= mn_h5_attr_long(f, "best_start", r->best_start);
        rc |= mn_h5_attr_str(f, "method",
                             "weighted least squares, gsl_multifit_nlinear trust region "
                             "(Levenberg-Marquardt with geodesic acceleration), Sobol' multistart");
        rc |= mn_h5_attr_str(f, "warnings", r->warnings);
        rc |= mn_h5_attr_str(f, "fit_file", fs->path);
        rc |= mn_h5_attr_str(f, "fit_text", fs->text);
        rc |= mn_h5_attr_str(f, "data_file", fs->data_path);
        rc |= mn_h5_attr_str(f, "data_text", fs->data_text);
        rc |= mn_h5_attr_str(f, "base_file", fs->base_path);
        rc |= mn_h5_attr_str(f, "base_text", fs->base_text);
    }
    if (sp >= 0) H5Dclose(sp);
    if (sp2 >= 0) H5Dclose(sp2);
    if (so >= 0) H5Dclose(so);
    if (ss >= 0) H5Dclose(ss);
    return rc;
}

int mn_fit_write(const char *path, const mn_fit_spec *fs, const mn_fit_result *r, int argc,
                 char **argv, mn_error *err)
{
    char tmp[4200];
    mn_partial_name(path, tmp, sizeof tmp);
    hid_t f = H5Fcreate(tmp, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f < 0) return mn_fail(err, "%s: cannot create the file", tmp);
    int rc = mn_h5_provenance(f, "fit", "mnsim parameter fit", argc, argv);
    if (rc == 0) rc = write_contents(f, fs, r);
    if (mn_h5_close_file(f) != 0) rc = -1;
    if (rc != 0) {
        int e = errno;
        remove(tmp);
        return mn_fail(err, "%s: writing the fit failed: %s", tmp,
                       mn_io_reason(tmp, e, "HDF5 error"));
    }
    return mn_outfile_commit(tmp, path, err); /* fsync, then rename into place */
}

static int read_doubles(hid_t f, const char *name, double *buf, size_t n)
{
    hid_t d = H5Dopen2(f, name, H5P_DEFAULT);
    if (d < 0) return -1;
    hid_t s = H5Dget_space(d);
    hssize_t np = H5Sget_simple_extent_npoints(s);
    int rc =
        np == (hssize_t)n && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) >= 0
            ? 0
            : -1;
    H5Sclose(s);
    H5Dclose(d);
    return rc;
}

int mn_fit_read_posterior(const char *path, mn_fit_posterior *fp, mn_error *err)
{
    memset(fp, 0, sizeof *fp);
    FILE *probe = fopen(path, "rb");
    if (!probe) return mn_fail(err, "%s: cannot open: %s", path, strerror(errno));
    fclose(probe);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return mn_fail(err, "%s: cannot open (not an HDF5 file?)", path);
    char kind[64] = "";
    mn_h5_read_attr_str(f, "mnsim_file_kind", kind, sizeof kind);
    int rc = 0;
    if (strcmp(kind, "fit") != 0)
        rc = mn_fail(err, "%s: not a fit file of `mnsim fit` (mnsim_file_kind '%s')", path, kind);
    hid_t d = rc ? -1 : H5Dopen2(f, "parameter", H5P_DEFAULT);
    if (rc == 0 && d < 0) rc = mn_fail(err, "%s: no 'parameter' dimension", path);
    if (rc == 0) {
        hid_t s = H5Dget_space(d);
        hssize_t n = H5Sget_simple_extent_npoints(s);
        H5Sclose(s);
        if (n < 1 || n > MN_FIT_MAX_PARAMS) rc = mn_fail(err, "%s: bad parameter count", path);
        fp->n = (int)n;
        hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        char *raw[MN_FIT_MAX_PARAMS] = {0};
        if (rc == 0 && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw) < 0)
            rc = mn_fail(err, "%s: cannot read the parameter names", path);
        for (int k = 0; k < fp->n && rc == 0; k++) {
            fp->id[k] = raw[k] ? mn_param_find(raw[k]) : -1;
            if (fp->id[k] < 0)
                rc = mn_fail(err, "%s: unknown parameter '%s'", path, raw[k] ? raw[k] : "");
        }
        for (int k = 0; k < fp->n; k++)
            free(raw[k]);
        H5Tclose(t);
    }
    if (d >= 0) H5Dclose(d);
    double lg[MN_FIT_MAX_PARAMS], x[MN_FIT_MAX_PARAMS];
    const size_t n = (size_t)fp->n;
    if (rc == 0 && (read_doubles(f, "estimate", x, n) || read_doubles(f, "log_scale", lg, n) ||
                    read_doubles(f, "lower", fp->lo, n) || read_doubles(f, "upper", fp->hi, n) ||
                    read_doubles(f, "covariance", fp->cov, n * n)))
        rc = mn_fail(err, "%s: cannot read estimate/covariance", path);
    for (size_t k = 0; k < n && rc == 0; k++) {
        fp->log_scale[k] = lg[k] != 0;
        fp->mean[k] = fp->log_scale[k] ? log(x[k]) : x[k];
        if (!isfinite(fp->mean[k]) || !isfinite(fp->cov[k * n + k]))
            rc = mn_fail(err, "%s: the estimate or variance of parameter %zu is not finite", path,
                         k);
    }
    H5Fclose(f);
    return rc;
}
