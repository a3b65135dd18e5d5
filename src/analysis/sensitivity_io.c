/* sensitivity_io.c — the [sensitivity] section of a sensitivity file and the analysis of a
 * finished saltelli/morris sweep file: metrics read back with HDF5, indices from the pure
 * estimators of sensitivity.c, written as (metric, parameter) variables with string dimension
 * scales so xarray names both dimensions. */
#include <errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "h5util.h"
#include "params.h"
#include "sensitivity.h"
#include "sensitivity_io.h"

static int once(int *slot, const char *file, int line, const char *key, mn_error *err)
{
    if (*slot)
        return mn_fail(err, "%s:%d: duplicate key '%s' in [sensitivity] (first set on line %d)",
                       file, line, key, *slot);
    *slot = line;
    return 0;
}

static int add_metric(mn_sens_spec *sp, const char *file, int line, const char *name, mn_error *err)
{
    for (int m = 0; m < M_COUNT; m++)
        if (strcmp(mn_metric_table[m].name, name) == 0) {
            for (int k = 0; k < sp->n_metrics; k++)
                if (sp->metric[k] == m)
                    return mn_fail(err, "%s:%d: metrics: '%s' is listed twice", file, line, name);
            sp->metric[sp->n_metrics++] = m;
            return 0;
        }
    return mn_fail(err,
                   "%s:%d: metrics: unknown metric '%s' (the metrics are the course metrics of "
                   "docs/FILE-FORMAT.md, e.g. collagen_gain_percent)",
                   file, line, name);
}

int mn_sens_entry(void *user, const char *file, int line, const char *section, const char *key,
                  const char *value, mn_error *err)
{
    (void)section;
    mn_sens_spec *sp = user;
    char *end = NULL;
    if (strcmp(key, "metrics") == 0) {
        if (once(&sp->line_metrics, file, line, key, err)) return -1;
        char item[256];
        const char *a = value;
        for (;;) {
            const char *comma = strchr(a, ',');
            const char *b = comma ? comma : a + strlen(a);
            while (a < b && (*a == ' ' || *a == '\t'))
                a++;
            while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
                b--;
            snprintf(item, sizeof item, "%.*s", (int)(b - a), a);
            if (!item[0])
                return mn_fail(err, "%s:%d: metrics: empty name in '%s'", file, line, value);
            if (add_metric(sp, file, line, item, err)) return -1;
            if (!comma) break;
            a = comma + 1;
        }
        return 0;
    }
    if (strcmp(key, "bootstrap") == 0) {
        if (once(&sp->line_boot, file, line, key, err)) return -1;
        errno = 0;
        long v = strtol(value, &end, 10);
        if (end == value || *end || errno || v < 0 || v > 100000)
            return mn_fail(err, "%s:%d: bootstrap: '%s' is not a whole number in [0, 100000]", file,
                           line, value);
        sp->n_boot = (size_t)v;
        return 0;
    }
    if (strcmp(key, "confidence") == 0) {
        if (once(&sp->line_level, file, line, key, err)) return -1;
        double v = strtod(value, &end);
        if (end == value || *end || !(v > 0 && v < 1))
            return mn_fail(err, "%s:%d: confidence: '%s' is not a number in (0, 1), e.g. 0.95",
                           file, line, value);
        sp->level = v;
        return 0;
    }
    if (strcmp(key, "seed") == 0) {
        if (once(&sp->line_seed, file, line, key, err)) return -1;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        if (end == value || *end || errno || value[0] == '-')
            return mn_fail(err, "%s:%d: seed: '%s' is not a non-negative whole number", file, line,
                           value);
        sp->boot_seed = (unsigned long)v;
        sp->have_seed = 1;
        return 0;
    }
    return mn_fail(err,
                   "%s:%d: unknown key '%s' in [sensitivity]: expected metrics, bootstrap, "
                   "confidence or seed",
                   file, line, key);
}

int mn_sens_load(const char *path, mn_sweep *s, mn_sens_spec *sp, mn_error *err)
{
    memset(sp, 0, sizeof *sp);
    sp->n_boot = 200;
    sp->level = 0.95;
    if (mn_sweep_load_with(path, s, "sensitivity", mn_sens_entry, sp, err) != 0) return -1;
    if (s->design != MN_DESIGN_SALTELLI && s->design != MN_DESIGN_MORRIS) {
        mn_fail(err,
                "%s:%d: design: '%s' is not a sensitivity design; expected 'design = "
                "saltelli' (Sobol' indices) or 'design = morris' (elementary effects)",
                path, s->design_line, mn_design_name(s->design));
        mn_sweep_free(s);
        return -1;
    }
    if (!sp->have_seed) sp->boot_seed = s->seed;
    if (sp->n_metrics == 0)
        for (int m = 0; m < M_COUNT; m++)
            sp->metric[sp->n_metrics++] = m;
    return 0;
}

/* ---- writing ---- */

static hid_t string_scale(hid_t file, const char *name, const char *const *vals, size_t n)
{
    hid_t d = mn_h5_dataset_1d_str(file, name, n, vals);
    if (d >= 0 && mn_h5_make_scale(d, name) != 0) {
        H5Dclose(d);
        d = -1;
    }
    return d;
}

/* A (metric, parameter) or (metric) variable, described and attached to its scales. */
static int write_var(hid_t file, const char *name, int rank, const hsize_t *dims,
                     const hid_t *scales, const double *data, const char *units,
                     const char *long_name, const char *desc)
{
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t d = H5Dcreate2(file, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    int rc = d < 0 || H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0;
    if (!rc) rc |= mn_h5_describe(d, units, long_name, desc);
    for (int k = 0; k < rank && !rc; k++)
        rc |= mn_h5_attach(d, scales[k], (unsigned)k);
    if (d >= 0) H5Dclose(d);
    H5Sclose(space);
    return rc ? -1 : 0;
}

static int read_1d(hid_t file, const char *name, double *buf)
{
    hid_t d = H5Dopen2(file, name, H5P_DEFAULT);
    if (d < 0) return -1;
    int rc = H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0 ? -1 : 0;
    H5Dclose(d);
    return rc;
}

enum { SOBOL_VARS = 6, MORRIS_VARS = 5 };

/* Remove what an earlier analysis of this file wrote (all of it or part: a run stopped between
 * the analysis and the rename, or an analysis that failed half-way, is resumed with --resume and
 * analysed again): the variables first, then the scales they were attached to. */
static int remove_indices(hid_t file)
{
    static const char *const names[] = {"S1",
                                        "S1_lo",
                                        "S1_hi",
                                        "ST",
                                        "ST_lo",
                                        "ST_hi",
                                        "mu",
                                        "mu_star",
                                        "mu_star_lo",
                                        "mu_star_hi",
                                        "sigma",
                                        "variance",
                                        "samples_used",
                                        "effects_used",
                                        "parameter_lower",
                                        "parameter_upper",
                                        "parameter_log_scale",
                                        "metric",
                                        "parameter"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        htri_t there = H5Lexists(file, names[i], H5P_DEFAULT);
        if (there < 0 || (there > 0 && H5Ldelete(file, names[i], H5P_DEFAULT) < 0)) return -1;
    }
    return 0;
}

int mn_sens_analyse(const char *path, const mn_sweep *s, const mn_sens_spec *sp, mn_error *err)
{
    const int d = s->n_axes, nm = sp->n_metrics;
    const size_t n = s->n_points, nd = (size_t)nm * (size_t)d;
    const int saltelli = s->design == MN_DESIGN_SALTELLI;
    const int nvar = saltelli ? SOBOL_VARS : MORRIS_VARS;
    hid_t file = H5Fopen(path, H5F_ACC_RDWR, H5P_DEFAULT);
    if (file < 0) return mn_fail(err, "%s: cannot open the sweep file to add the indices", path);
    if (remove_indices(file) != 0) {
        H5Fclose(file);
        return mn_fail(err, "%s: cannot remove the indices of an earlier analysis", path);
    }
    double *f = malloc(n * sizeof *f), *u = NULL, *col = malloc(n * sizeof *col);
    double *out = malloc((size_t)nvar * nd * sizeof *out);
    double *per_metric = malloc(2 * (size_t)nm * sizeof *per_metric);
    mn_sobol_index *si = malloc((size_t)d * sizeof *si);
    mn_morris_index *mi = malloc((size_t)d * sizeof *mi);
    int rc = f && col && out && per_metric && si && mi ? 0 : mn_fail(err, "out of memory");
    if (rc == 0 && !saltelli) { /* Morris: unit coordinates of the points, from the file */
        u = malloc(n * (size_t)d * sizeof *u);
        if (!u) rc = mn_fail(err, "out of memory");
        for (int k = 0; k < d && rc == 0; k++) {
            if (read_1d(file, s->axes[k].dim, col) != 0)
                rc = mn_fail(err, "%s: cannot read the swept variable '%s'", path, s->axes[k].dim);
            for (size_t i = 0; i < n && rc == 0; i++)
                u[i * (size_t)d + (size_t)k] = mn_sweep_axis_unit(&s->axes[k], col[i]);
        }
    }
    mn_boot_options bo = {.n_boot = sp->n_boot, .level = sp->level, .seed = sp->boot_seed};
    size_t base = saltelli ? n / ((size_t)d + 2) : n / ((size_t)d + 1);
    for (int q = 0; q < nm && rc == 0; q++) {
        const char *mname = mn_metric_table[sp->metric[q]].name;
        if (read_1d(file, mname, f) != 0) {
            rc = mn_fail(err, "%s: cannot read the metric '%s'", path, mname);
            break;
        }
        if (saltelli) {
            size_t used = 0;
            double var = 0;
            rc = mn_sobol_indices(f, base, d, &bo, si, &var, &used, err);
            per_metric[q] = var;
            per_metric[nm + q] = (double)used;
            for (int k = 0; k < d && rc == 0; k++) {
                size_t at = (size_t)q * (size_t)d + (size_t)k;
                const double v[SOBOL_VARS] = {si[k].s1, si[k].s1_lo, si[k].s1_hi,
                                              si[k].st, si[k].st_lo, si[k].st_hi};
                for (int j = 0; j < SOBOL_VARS; j++)
                    out[(size_t)j * nd + at] = v[j];
            }
        } else {
            rc = mn_morris_indices(f, u, base, d, &bo, mi, err);
            size_t least = SIZE_MAX;
            for (int k = 0; k < d && rc == 0; k++) {
                size_t at = (size_t)q * (size_t)d + (size_t)k;
                const double v[MORRIS_VARS] = {mi[k].mu, mi[k].mu_star, mi[k].mu_star_lo,
                                               mi[k].mu_star_hi, mi[k].sigma};
                for (int j = 0; j < MORRIS_VARS; j++)
                    out[(size_t)j * nd + at] = v[j];
                if (mi[k].n_effects < least) least = mi[k].n_effects;
            }
            per_metric[q] = (double)least;
        }
    }
    /* dimension scales and variables */
    const char *pnames[MN_SWEEP_MAX_AXES], *mnames[M_COUNT];
    for (int k = 0; k < d; k++)
        pnames[k] = s->axes[k].dim;
    for (int q = 0; q < nm; q++)
        mnames[q] = mn_metric_table[sp->metric[q]].name;
    hid_t scales[2] = {-1, -1};
    if (rc == 0) {
        scales[0] = string_scale(file, "metric", mnames, (size_t)nm);
        scales[1] = string_scale(file, "parameter", pnames, (size_t)d);
        if (scales[0] < 0 || scales[1] < 0)
            rc = mn_fail(err, "%s: writing the metric/parameter dimensions: HDF5 error", path);
    }
    if (rc == 0) {
        rc |= mn_h5_describe(scales[0], NULL, "course metric", "metric whose variance is split");
        rc |= mn_h5_describe(scales[1], NULL, "parameter",
                             "varied parameter (name of its variable along `point`)");
        double lo[MN_SWEEP_MAX_AXES], hi[MN_SWEEP_MAX_AXES], lg[MN_SWEEP_MAX_AXES];
        for (int k = 0; k < d; k++) {
            lo[k] = s->axes[k].lo;
            hi[k] = s->axes[k].hi;
            lg[k] = s->axes[k].log_scale;
        }
        hsize_t pd = (hsize_t)d;
        rc |= write_var(file, "parameter_lower", 1, &pd, &scales[1], lo, NULL,
                        "lower bound of the parameter", "lower bound in the sensitivity file");
        rc |= write_var(file, "parameter_upper", 1, &pd, &scales[1], hi, NULL,
                        "upper bound of the parameter", "upper bound in the sensitivity file");
        rc |= write_var(file, "parameter_log_scale", 1, &pd, &scales[1], lg, "1",
                        "1 if sampled on a log scale", "1: log(value) uniform; 0: value uniform");
    }
    char lvl[64];
    snprintf(lvl, sizeof lvl, "%g %% percentile bootstrap", 100 * sp->level);
    hsize_t dims[2] = {(hsize_t)nm, (hsize_t)d}, md = (hsize_t)nm;
    if (rc == 0 && saltelli) {
        static const char *names[SOBOL_VARS] = {"S1", "S1_lo", "S1_hi", "ST", "ST_lo", "ST_hi"};
        static const char *longs[SOBOL_VARS] = {
            "first-order Sobol' index",        "first-order index, lower bound",
            "first-order index, upper bound",  "total-effect Sobol' index",
            "total-effect index, lower bound", "total-effect index, upper bound"};
        for (int j = 0; j < SOBOL_VARS && rc == 0; j++) {
            char desc[256];
            snprintf(desc, sizeof desc, "%s%s%s",
                     j < 3 ? "Saltelli et al. 2010 estimator" : "Jansen 1999 estimator",
                     j % 3 ? "; interval: " : "", j % 3 ? lvl : "");
            rc |= write_var(file, names[j], 2, dims, scales, out + (size_t)j * nd, "1", longs[j],
                            desc);
        }
        rc |= write_var(file, "variance", 1, &md, scales, per_metric, NULL,
                        "variance of the metric", "over the A and B rows (unit: metric unit^2)");
        rc |= write_var(file, "samples_used", 1, &md, scales, per_metric + nm, "1",
                        "base samples used",
                        "base samples whose d + 2 courses all gave a finite metric");
    } else if (rc == 0) {
        static const char *names[MORRIS_VARS] = {"mu", "mu_star", "mu_star_lo", "mu_star_hi",
                                                 "sigma"};
        static const char *longs[MORRIS_VARS] = {
            "mean elementary effect", "mean absolute elementary effect (mu*)", "mu*, lower bound",
            "mu*, upper bound", "standard deviation of elementary effects"};
        for (int j = 0; j < MORRIS_VARS && rc == 0; j++) {
            char desc[256];
            snprintf(desc, sizeof desc,
                     "Morris elementary effects: metric change per unit of the scaled range "
                     "[0, 1] (log ranges: of the log)%s%s",
                     j == 2 || j == 3 ? "; interval: " : "", j == 2 || j == 3 ? lvl : "");
            rc |= write_var(file, names[j], 2, dims, scales, out + (size_t)j * nd, NULL, longs[j],
                            desc);
        }
        rc |= write_var(file, "effects_used", 1, &md, scales, per_metric, "1",
                        "elementary effects used (fewest over the parameters)",
                        "steps with finite metrics at both ends");
    }
    if (rc == 0) {
        rc |= mn_h5_attr_str(file, "mnsim_file_kind", "sensitivity");
        rc |= mn_h5_attr_str(file, "sensitivity_method",
                             saltelli ? "sobol (saltelli design)" : "morris");
        rc |= mn_h5_attr_long(file, "base_samples", (long)base);
        rc |= mn_h5_attr_long(file, "bootstrap", (long)sp->n_boot);
        rc |= mn_h5_attr_double(file, "confidence_level", sp->level);
        rc |= mn_h5_attr_long(file, "bootstrap_seed", (long)sp->boot_seed);
        if (!saltelli) rc |= mn_h5_attr_long(file, "levels", s->levels);
        if (rc) rc = mn_fail(err, "%s: writing the indices: HDF5 error", path);
    }
    for (int k = 0; k < 2; k++)
        if (scales[k] >= 0) H5Dclose(scales[k]);
    if (mn_h5_close_file(file) != 0 && rc == 0)
        rc = mn_fail(err, "%s: closing: %s", path, mn_io_reason(path, 0, "HDF5 error"));
    free(f);
    free(u);
    free(col);
    free(out);
    free(per_metric);
    free(si);
    free(mi);
    return rc;
}
