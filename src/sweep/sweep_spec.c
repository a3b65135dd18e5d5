/* sweep_spec.c — reading a sweep file ([sweep] base/design/points/seed and one line per swept
 * parameter) with file:line errors, and the points of each design: grid (row-major over the
 * lines in file order), Latin hypercube, Sobol (gsl_qrng_sobol) and uniform random (mt19937).
 * Random numbers are seeded from (seed, point index) so values never depend on threads. */
#include <errno.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <libgen.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "metrics.h"
#include "params.h"
#include "sa_design.h"
#include "sweep.h"
#include "textfile.h"

enum { N_DESIGNS = 6 };
static const char *design_names[N_DESIGNS] = {"grid",   "lhs",      "sobol",
                                              "random", "saltelli", "morris"};

const char *mn_design_name(mn_design d)
{
    return (unsigned)d < N_DESIGNS ? design_names[d] : "?";
}

/* One swept line as read, resolved once the design is known. */
typedef struct {
    int id, line;
    char *value;
} raw_axis;

typedef struct {
    mn_sweep *s;
    raw_axis raw[MN_SWEEP_MAX_AXES];
    int n_raw;
    int line_base, line_design, line_points, line_seed, line_levels;
    const char *extra_section; /* one more accepted section, entries to extra_fn */
    mn_ini_entry_fn extra_fn;
    void *extra_user;
    char base_value[4096], design_value[64];
} load_ctx;

static int once(int *line_slot, const char *file, int line, const char *key, mn_error *err)
{
    if (*line_slot)
        return mn_fail(err, "%s:%d: duplicate key '%s' in [sweep] (first set on line %d)", file,
                       line, key, *line_slot);
    *line_slot = line;
    return 0;
}

static int parse_ulong(const char *text, unsigned long *v)
{
    char *end = NULL;
    errno = 0;
    if (text[0] == '-' || text[0] == '\0') return -1;
    unsigned long long x = strtoull(text, &end, 10);
    if (*end != '\0' || errno) return -1;
    *v = (unsigned long)x;
    return 0;
}

static int entry(void *user, const char *file, int line, const char *section, const char *key,
                 const char *value, mn_error *err)
{
    load_ctx *c = user;
    if (c->extra_section && strcmp(section, c->extra_section) == 0)
        return c->extra_fn(c->extra_user, file, line, section, key, value, err);
    if (strcmp(section, "sweep") != 0)
        return mn_fail(err,
                       "%s:%d: unknown section [%s] in a sweep file (expected [sweep]; "
                       "base values go in the run INI named by 'base')",
                       file, line, section);
    if (strcmp(key, "base") == 0) {
        if (once(&c->line_base, file, line, key, err)) return -1;
        snprintf(c->base_value, sizeof c->base_value, "%s", value);
        return 0;
    }
    if (strcmp(key, "design") == 0) {
        if (once(&c->line_design, file, line, key, err)) return -1;
        for (int d = 0; d < N_DESIGNS; d++)
            if (strcmp(value, design_names[d]) == 0) {
                c->s->design = (mn_design)d;
                return 0;
            }
        return mn_fail(err,
                       "%s:%d: design: unknown design '%s'; expected grid, lhs, sobol, "
                       "random, saltelli or morris",
                       file, line, value);
    }
    if (strcmp(key, "points") == 0) {
        if (once(&c->line_points, file, line, key, err)) return -1;
        unsigned long v;
        if (parse_ulong(value, &v) != 0 || v < 1 || v > 1000000000UL)
            return mn_fail(err, "%s:%d: points: '%s' is not a whole number in [1, 1e9]", file, line,
                           value);
        c->s->points = (long)v;
        return 0;
    }
    if (strcmp(key, "levels") == 0) {
        if (once(&c->line_levels, file, line, key, err)) return -1;
        unsigned long v;
        if (parse_ulong(value, &v) != 0 || v < 2 || v > 100 || v % 2)
            return mn_fail(err, "%s:%d: levels: '%s' is not an even whole number in [2, 100]", file,
                           line, value);
        c->s->levels = (int)v;
        return 0;
    }
    if (strcmp(key, "seed") == 0) {
        if (once(&c->line_seed, file, line, key, err)) return -1;
        if (parse_ulong(value, &c->s->seed) != 0)
            return mn_fail(err, "%s:%d: seed: '%s' is not a non-negative whole number", file, line,
                           value);
        return 0;
    }
    int id = mn_param_find(key);
    if (id < 0) {
        const char *dot = strchr(key, '.');
        if (!dot)
            return mn_fail(err,
                           "%s:%d: unknown key '%s' in [sweep]: expected base, design, "
                           "points, seed, levels or a parameter's full name such as "
                           "schedule.interval_days",
                           file, line, key);
        char sec[128];
        snprintf(sec, sizeof sec, "%.*s", (int)(dot - key), key);
        const char *hint = mn_param_suggest(sec, dot + 1);
        return mn_fail(err, "%s:%d: unknown parameter '%s'%s%s%s (see `mnsim params`)", file, line,
                       key, hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
    }
    for (int i = 0; i < c->n_raw; i++)
        if (c->raw[i].id == id)
            return mn_fail(err, "%s:%d: duplicate key '%s' in [sweep] (first set on line %d)", file,
                           line, key, c->raw[i].line);
    if (c->n_raw >= MN_SWEEP_MAX_AXES)
        return mn_fail(err, "%s:%d: %s: at most %d swept parameters", file, line, key,
                       MN_SWEEP_MAX_AXES);
    raw_axis *r = &c->raw[c->n_raw++];
    r->id = id;
    r->line = line;
    r->value = strdup(value);
    if (!r->value) return mn_fail(err, "out of memory");
    return 0;
}

static void trim_copy(const char *a, const char *b, char *out, size_t size)
{
    while (a < b && (*a == ' ' || *a == '\t'))
        a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
        b--;
    size_t n = (size_t)(b - a) < size - 1 ? (size_t)(b - a) : size - 1;
    memcpy(out, a, n);
    out[n] = '\0';
}

static int push_value(mn_sweep_axis *ax, double v, size_t *cap)
{
    if (ax->n_values == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        double *nv = realloc(ax->values, nc * sizeof *nv);
        if (!nv) return -1;
        ax->values = nv;
        *cap = nc;
    }
    ax->values[ax->n_values++] = v;
    return 0;
}

/* start:stop:step with stop included (within 1e-9 steps, so 0.1:0.5:0.1 has 5 values). */
/* With count != NULL only count the values (nothing is built): sizes are checked before any axis
 * is built, so an oversized grid is refused at once. */
static int grid_range(const char *file, const raw_axis *r, const char *name, mn_sweep_axis *ax,
                      size_t *count_only, mn_error *err)
{
    char part[3][256], why[512];
    const char *a = r->value;
    for (int k = 0; k < 3; k++) {
        const char *colon = k < 2 ? strchr(a, ':') : a + strlen(a);
        if (!colon || (k == 2 && strchr(a, ':')))
            return mn_fail(err,
                           "%s:%d: %s: bad range '%s'; expected start:stop:step (stop "
                           "included)",
                           file, r->line, name, r->value);
        trim_copy(a, colon, part[k], sizeof part[k]);
        a = colon + 1;
    }
    double v[3];
    for (int k = 0; k < 3; k++) {
        char *end = NULL;
        v[k] = strtod(part[k], &end);
        if (part[k][0] == '\0' || *end != '\0' || !isfinite(v[k]))
            return mn_fail(err, "%s:%d: %s: bad range '%s': '%s' is not a number", file, r->line,
                           name, r->value, part[k]);
    }
    if (v[2] <= 0)
        return mn_fail(err, "%s:%d: %s: bad range '%s': the step must be > 0", file, r->line, name,
                       r->value);
    if (v[1] < v[0])
        return mn_fail(err, "%s:%d: %s: bad range '%s': stop is below start", file, r->line, name,
                       r->value);
    double count = floor((v[1] - v[0]) / v[2] + 1e-9) + 1;
    if (count > 1e8)
        return mn_fail(err, "%s:%d: %s: range '%s' has more than 1e8 values", file, r->line, name,
                       r->value);
    if (count_only) {
        *count_only = (size_t)count;
        return 0;
    }
    size_t cap = 0;
    for (size_t k = 0; k < (size_t)count; k++) {
        double x = v[0] + (double)k * v[2];
        if (fabs(x - v[1]) <= 1e-9 * v[2]) x = v[1];
        char text[64];
        snprintf(text, sizeof text, "%.15g", x); /* 0.30000000000000004 -> 0.3 */
        if (mn_param_parse(r->id, text, &x, why, sizeof why) != 0)
            return mn_fail(err, "%s:%d: %s: range '%s': %s", file, r->line, name, r->value, why);
        if (push_value(ax, x, &cap) != 0) return mn_fail(err, "out of memory");
    }
    return 0;
}

static int grid_list(const char *file, const raw_axis *r, const char *name, mn_sweep_axis *ax,
                     mn_error *err)
{
    char item[256], why[512];
    size_t cap = 0;
    const char *a = r->value;
    if (strspn(a, " \t") == strlen(a))
        return mn_fail(err,
                       "%s:%d: %s: empty list; expected values separated by commas or "
                       "start:stop:step",
                       file, r->line, name);
    for (;;) {
        const char *comma = strchr(a, ',');
        const char *b = comma ? comma : a + strlen(a);
        trim_copy(a, b, item, sizeof item);
        if (item[0] == '\0')
            return mn_fail(err, "%s:%d: %s: empty value in the list '%s'", file, r->line, name,
                           r->value);
        double x;
        if (mn_param_parse(r->id, item, &x, why, sizeof why) != 0)
            return mn_fail(err, "%s:%d: %s: %s", file, r->line, name, why);
        for (size_t k = 0; k < ax->n_values; k++)
            if (ax->values[k] == x)
                return mn_fail(err, "%s:%d: %s: value '%s' appears twice in the list", file,
                               r->line, name, item);
        if (push_value(ax, x, &cap) != 0) return mn_fail(err, "out of memory");
        if (!comma) break;
        a = comma + 1;
    }
    return 0;
}

static int bounds(const char *file, const raw_axis *r, const char *name, mn_sweep_axis *ax,
                  mn_design design, mn_error *err)
{
    const char *dots = strstr(r->value, "..");
    if (!dots)
        return mn_fail(err, "%s:%d: %s: design %s needs bounds 'low .. high', not '%s'", file,
                       r->line, name, mn_design_name(design), r->value);
    char lo[256], hi[256], why[512];
    trim_copy(r->value, dots, lo, sizeof lo);
    trim_copy(dots + 2, r->value + strlen(r->value), hi, sizeof hi);
    size_t nh = strlen(hi);
    if (nh > 4 && strcmp(hi + nh - 4, " log") == 0) { /* `low .. high log` */
        ax->log_scale = 1;
        trim_copy(hi, hi + nh - 4, hi, sizeof hi);
    }
    if (mn_param_parse(r->id, lo, &ax->lo, why, sizeof why) != 0)
        return mn_fail(err, "%s:%d: %s: lower bound: %s", file, r->line, name, why);
    if (mn_param_parse(r->id, hi, &ax->hi, why, sizeof why) != 0)
        return mn_fail(err, "%s:%d: %s: upper bound: %s", file, r->line, name, why);
    if (ax->hi < ax->lo)
        return mn_fail(err, "%s:%d: %s: bad range '%s': the upper bound is below the lower one",
                       file, r->line, name, r->value);
    if (ax->log_scale && ax->lo <= 0)
        return mn_fail(err, "%s:%d: %s: bad range '%s': a log scale needs a lower bound > 0", file,
                       r->line, name, r->value);
    if (ax->log_scale && mn_params[r->id].kind != MN_REAL)
        return mn_fail(err, "%s:%d: %s: a log scale is for real-valued parameters", file, r->line,
                       name);
    return 0;
}

/* Names every sweep file writes besides the swept variables. */
static int reserved(const char *name)
{
    static const char *fixed[] = {"status",         "failure_day", "steps", "rhs_evals",
                                  "rejected_steps", "point",       "time",  "parameters"};
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        if (strcmp(name, fixed[i]) == 0) return 1;
    for (int m = 0; m < M_COUNT; m++)
        if (strcmp(name, mn_metric_table[m].name) == 0) return 1;
    return strncmp(name, "traj_", 5) == 0;
}

static void name_dims(mn_sweep *s)
{
    for (int i = 0; i < s->n_axes; i++) {
        const mn_param_info *pi = &mn_params[s->axes[i].id];
        int clash = reserved(pi->key);
        for (int j = 0; j < s->n_axes; j++)
            if (j != i && strcmp(mn_params[s->axes[j].id].key, pi->key) == 0) clash = 1;
        if (clash)
            snprintf(s->axes[i].dim, sizeof s->axes[i].dim, "%s_%s", pi->section, pi->key);
        else
            snprintf(s->axes[i].dim, sizeof s->axes[i].dim, "%s", pi->key);
    }
}

static int resolve(load_ctx *c, mn_error *err)
{
    mn_sweep *s = c->s;
    const char *file = s->path;
    if (c->n_raw == 0)
        return mn_fail(err,
                       "%s: no swept parameter: add lines such as "
                       "'schedule.interval_days = 14, 21, 28' to [sweep]",
                       file);
    if (s->design != MN_DESIGN_GRID && s->points < 0)
        return mn_fail(err, "%s:%d: design: %s needs 'points = N'", file, c->line_design,
                       mn_design_name(s->design));
    if (s->design == MN_DESIGN_GRID && s->points >= 0)
        return mn_fail(err,
                       "%s:%d: points: only for design lhs, sobol or random (a grid has one "
                       "point per combination)",
                       file, c->line_points);
    if (s->design != MN_DESIGN_MORRIS && c->line_levels)
        return mn_fail(err, "%s:%d: levels: only for design morris", file, c->line_levels);
    if (s->design == MN_DESIGN_SALTELLI && c->n_raw > MN_SALTELLI_MAX_D)
        return mn_fail(err, "%s:%d: design saltelli takes at most %d parameters (%d given)", file,
                       c->line_design, MN_SALTELLI_MAX_D, c->n_raw);
    s->n_points = s->design == MN_DESIGN_GRID ? 1 : (size_t)s->points;
    if (s->design == MN_DESIGN_SALTELLI) s->n_points *= (size_t)c->n_raw + 2;
    if (s->design == MN_DESIGN_MORRIS) s->n_points *= (size_t)c->n_raw + 1;
    if (s->n_points > (size_t)1e9)
        return mn_fail(err, "%s:%d: points: the design has more than 1e9 courses", file,
                       c->line_points);
    for (int i = 0; i < c->n_raw; i++) {
        const raw_axis *r = &c->raw[i];
        mn_sweep_axis *ax = &s->axes[s->n_axes++];
        char name[160];
        mn_param_name(r->id, name, sizeof name);
        ax->id = r->id;
        ax->line = r->line;
        if (s->design == MN_DESIGN_GRID) {
            if (strstr(r->value, ".."))
                return mn_fail(err,
                               "%s:%d: %s: bounds 'low .. high' are for lhs, sobol or random; "
                               "a grid needs a list (a, b, c) or start:stop:step",
                               file, r->line, name);
            size_t count = 1; /* from the definition alone: ranges a:b:c, lists of commas */
            if (strchr(r->value, ':')) {
                if (grid_range(file, r, name, ax, &count, err) != 0) return -1;
            } else {
                for (const char *q = r->value; *q; q++)
                    count += *q == ',';
            }
            if (s->n_points > (size_t)1e9 / count)
                return mn_fail(err, "%s:%d: %s: the grid has more than 1e9 points", file, r->line,
                               name);
            s->n_points *= count;
        } else if (bounds(file, r, name, ax, s->design, err) != 0) {
            return -1;
        }
    }
    for (int i = 0; i < s->n_axes && s->design == MN_DESIGN_GRID; i++) {
        const raw_axis *r = &c->raw[i];
        char name[160];
        mn_param_name(r->id, name, sizeof name);
        int rc = strchr(r->value, ':') ? grid_range(file, r, name, &s->axes[i], NULL, err)
                                       : grid_list(file, r, name, &s->axes[i], err);
        if (rc) return -1;
    }
    if (s->design == MN_DESIGN_GRID) { /* the exact count (a list may hold an empty item) */
        s->n_points = 1;
        for (int i = 0; i < s->n_axes; i++)
            s->n_points *= s->axes[i].n_values;
    }
    name_dims(s);
    s->design_line = c->line_design;
    return 0;
}

int mn_sweep_load(const char *path, mn_sweep *s, mn_error *err)
{
    return mn_sweep_load_with(path, s, NULL, NULL, NULL, err);
}

int mn_sweep_load_with(const char *path, mn_sweep *s, const char *section, mn_ini_entry_fn fn,
                       void *user, mn_error *err)
{
    memset(s, 0, sizeof *s);
    s->points = -1;
    s->seed = 1;
    s->levels = 4;
    snprintf(s->path, sizeof s->path, "%s", path);
    mn_params_default(s->base);
    load_ctx *c = calloc(1, sizeof *c);
    if (!c) return mn_fail(err, "out of memory");
    c->s = s;
    c->extra_section = section;
    c->extra_fn = fn;
    c->extra_user = user;
    int rc = mn_ini_parse(path, entry, c, err);
    if (rc == 0) rc = resolve(c, err);
    if (rc == 0 && c->base_value[0]) {
        if (c->base_value[0] == '/') {
            snprintf(s->base_path, sizeof s->base_path, "%s", c->base_value);
        } else {
            char dir[4096], joined[8200];
            snprintf(dir, sizeof dir, "%s", path);
            snprintf(joined, sizeof joined, "%s/%s", dirname(dir), c->base_value);
            if (strlen(joined) >= sizeof s->base_path)
                rc = mn_fail(err, "%s:%d: base: path too long", path, c->line_base);
            memcpy(s->base_path, joined, sizeof s->base_path - 1);
        }
        FILE *f = rc ? NULL : fopen(s->base_path, "r");
        if (rc == 0 && !f)
            rc = mn_fail(err, "%s:%d: base: cannot open '%s': %s", path, c->line_base, s->base_path,
                         strerror(errno));
        else if (f)
            fclose(f);
        if (rc == 0) rc = mn_ini_load_params(s->base_path, s->base, err);
    }
    if (rc == 0) {
        rc = mn_text_read(path, &s->text, NULL, err);
        if (rc == 0 && s->base_path[0])
            rc = mn_text_read(s->base_path, &s->base_text, NULL, err);
        else if (rc == 0 && !(s->base_text = strdup("")))
            rc = mn_fail(err, "out of memory");
    }
    for (int i = 0; i < c->n_raw; i++)
        free(c->raw[i].value);
    free(c);
    if (rc) mn_sweep_free(s);
    return rc;
}

void mn_sweep_free(mn_sweep *s)
{
    for (int i = 0; i < MN_SWEEP_MAX_AXES; i++) {
        free(s->axes[i].values);
        s->axes[i].values = NULL;
    }
    free(s->text);
    free(s->base_text);
    s->text = s->base_text = NULL;
}

void mn_sweep_grid_point(const mn_sweep *s, size_t i, double *p)
{
    memcpy(p, s->base, sizeof s->base);
    for (int k = s->n_axes - 1; k >= 0; k--) {
        const mn_sweep_axis *ax = &s->axes[k];
        p[ax->id] = ax->values[i % ax->n_values];
        i /= ax->n_values;
    }
}

/* ---- non-grid designs ---- */

struct mn_design_state {
    gsl_qrng *sobol;
    size_t sobol_next; /* index of the next Sobol point */
    gsl_rng *rng;
};

static uint64_t splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* A 32-bit mt19937 seed derived from (seed, stream, index); never 0 (GSL maps 0 to 4357). */
static unsigned long derive_seed(unsigned long seed, uint64_t stream, uint64_t index)
{
    uint64_t h = splitmix64(splitmix64(splitmix64(seed) ^ stream) ^ index);
    unsigned long v = (unsigned long)(h & 0xffffffffULL);
    return v ? v : 1;
}

/* LHS stratum of point i on one axis: a keyed pseudo-random permutation of [0, n) evaluated at i
 * alone (a 4-round Feistel network on the smallest even number of bits covering n, walking the
 * cycle until the value falls below n), so a block of points needs no table of n entries and a
 * sweep of 1e9 points starts at once. */
static uint64_t lhs_stratum(uint64_t i, uint64_t n, uint64_t key)
{
    unsigned bits = 2;
    while (bits < 62 && ((uint64_t)1 << bits) < n)
        bits += 2;
    unsigned half = bits / 2;
    uint64_t mask = ((uint64_t)1 << half) - 1;
    do {
        uint64_t left = i >> half, right = i & mask;
        for (uint64_t round = 0; round < 4; round++) {
            uint64_t f = splitmix64(key ^ (right | (round << 40))) & mask;
            uint64_t t = right;
            right = left ^ f;
            left = t;
        }
        i = (left << half) | right;
    } while (i >= n);
    return i;
}

static double scale_value(const mn_sweep_axis *ax, double u)
{
    double v = ax->log_scale ? exp(log(ax->lo) + u * (log(ax->hi) - log(ax->lo)))
                             : ax->lo + u * (ax->hi - ax->lo);
    if (mn_params[ax->id].kind != MN_REAL) v = round(v);
    if (v < ax->lo) v = ax->lo;
    if (v > ax->hi) v = ax->hi;
    return v;
}

double mn_sweep_axis_unit(const mn_sweep_axis *ax, double v)
{
    if (ax->hi <= ax->lo) return 0;
    if (ax->log_scale) return (log(v) - log(ax->lo)) / (log(ax->hi) - log(ax->lo));
    return (v - ax->lo) / (ax->hi - ax->lo);
}

void mn_sweep_design_free(mn_design_state *st)
{
    if (!st) return;
    if (st->sobol) gsl_qrng_free(st->sobol);
    if (st->rng) gsl_rng_free(st->rng);
    free(st);
}

int mn_sweep_design(const mn_sweep *s, size_t lo, size_t hi, double *out, mn_design_state **state,
                    mn_error *err)
{
    int d = s->n_axes;
    size_t n = s->n_points;
    if (!*state) {
        mn_design_state *st = calloc(1, sizeof *st);
        if (!st) return mn_fail(err, "out of memory");
        *state = st;
        st->rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!st->rng) return mn_fail(err, "out of memory");
    }
    mn_design_state *st = *state;
    if (s->design == MN_DESIGN_SALTELLI) { /* row k of base sample j = i / (d + 2) */
        size_t w = (size_t)d + 2;
        double ab[2 * MN_SALTELLI_MAX_D], u[MN_SALTELLI_MAX_D];
        size_t have = SIZE_MAX; /* base sample whose Sobol point is in ab */
        for (size_t i = lo; i < hi; i++) {
            size_t j = i / w;
            if (j != have) {
                /* Sobol point j + 1 (point 0, the origin, is skipped) */
                if (!st->sobol || st->sobol_next > j + 1) {
                    if (st->sobol) gsl_qrng_free(st->sobol);
                    st->sobol = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * d));
                    if (!st->sobol)
                        return mn_fail(err, "cannot create a %d-dimensional Sobol sequence", 2 * d);
                    st->sobol_next = 0;
                }
                while (st->sobol_next <= j + 1) {
                    gsl_qrng_get(st->sobol, ab);
                    st->sobol_next++;
                }
                have = j;
            }
            mn_saltelli_row(ab, d, (int)(i % w), u);
            for (int k = 0; k < d; k++)
                out[(i - lo) * (size_t)d + (size_t)k] = scale_value(&s->axes[k], u[k]);
        }
        return 0;
    }
    if (s->design == MN_DESIGN_MORRIS) { /* trajectory t = i / (d + 1), seeded by (seed, t) */
        size_t w = (size_t)d + 1;
        double *u = malloc(w * (size_t)d * sizeof *u);
        if (!u) return mn_fail(err, "out of memory");
        size_t have = SIZE_MAX;
        for (size_t i = lo; i < hi; i++) {
            size_t t = i / w;
            if (t != have) {
                mn_morris_trajectory(derive_seed(s->seed, 2, t), d, s->levels, u);
                have = t;
            }
            for (int k = 0; k < d; k++)
                out[(i - lo) * (size_t)d + (size_t)k] =
                    scale_value(&s->axes[k], u[(i % w) * (size_t)d + (size_t)k]);
        }
        free(u);
        return 0;
    }
    if (s->design == MN_DESIGN_SOBOL) {
        if (!st->sobol || st->sobol_next > lo) {
            if (st->sobol) gsl_qrng_free(st->sobol);
            st->sobol = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)d);
            if (!st->sobol) return mn_fail(err, "cannot create a %d-dimensional Sobol sequence", d);
            st->sobol_next = 0;
        }
        double u[MN_SWEEP_MAX_AXES];
        while (st->sobol_next < lo) {
            gsl_qrng_get(st->sobol, u);
            st->sobol_next++;
        }
        for (size_t i = lo; i < hi; i++) {
            gsl_qrng_get(st->sobol, u);
            st->sobol_next++;
            for (int k = 0; k < d; k++)
                out[(i - lo) * (size_t)d + (size_t)k] = scale_value(&s->axes[k], u[k]);
        }
        return 0;
    }
    for (size_t i = lo; i < hi; i++) {
        gsl_rng_set(st->rng, derive_seed(s->seed, 0, i));
        for (int k = 0; k < d; k++) {
            double u = gsl_rng_uniform(st->rng);
            if (s->design == MN_DESIGN_LHS)
                u = ((double)lhs_stratum(i, n, derive_seed(s->seed, 1000 + (uint64_t)k, n)) + u) /
                    (double)n;
            out[(i - lo) * (size_t)d + (size_t)k] = scale_value(&s->axes[k], u);
        }
    }
    return 0;
}
