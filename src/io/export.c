/* export.c — mnsim HDF5 datasets as tables of columns and tables as tab-separated text
 * (`mnsim export`, and the data files handed to gnuplot by `mnsim plot` / `mnsim gallery`). */
#include <hdf5.h>
#include <hdf5_hl.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "outfile.h"
#include "params.h"
#include "h5util.h"

/* ---------------------------------------------------------------- tables in memory */

static char *dupstr(const char *s)
{
    s = s ? s : "";
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static int col_init(mn_col *c, const char *name, const char *units, const char *long_name, size_t n,
                    const double *v)
{
    c->name = dupstr(name);
    c->units = dupstr(units && *units ? units : "1");
    c->long_name = dupstr(long_name && *long_name ? long_name : name);
    c->v = malloc((n ? n : 1) * sizeof *c->v);
    if (!c->name || !c->units || !c->long_name || !c->v) return -1;
    for (size_t i = 0; i < n; i++)
        c->v[i] = v ? v[i] : NAN;
    return 0;
}

static void col_free(mn_col *c)
{
    if (c->labels)
        for (size_t i = 0; c->labels[i]; i++)
            free(c->labels[i]);
    free(c->labels);
    free(c->name), free(c->units), free(c->long_name), free(c->v);
    *c = (mn_col){0};
}

size_t mn_table_rows(const mn_table *t)
{
    size_t n = 1;
    for (int k = 0; k < t->rank; k++)
        n *= t->dims[k];
    return n;
}

int mn_table_set_axis(mn_table *t, int k, const char *name, const char *units,
                      const char *long_name, size_t n, const double *coords, mn_error *err)
{
    if (k < 0 || k >= MN_TABLE_MAX_RANK) return mn_fail(err, "table axis %d out of range", k);
    if (t->n_cols > 0) return mn_fail(err, "table axes must be defined before its columns");
    col_free(&t->axes[k]);
    if (col_init(&t->axes[k], name, units, long_name, n, coords) != 0)
        return mn_fail(err, "out of memory building a table");
    if (!coords)
        for (size_t i = 0; i < n; i++)
            t->axes[k].v[i] = (double)i;
    t->dims[k] = n;
    if (t->rank < k + 1) t->rank = k + 1;
    return 0;
}

int mn_table_add(mn_table *t, const char *name, const char *units, const char *long_name,
                 const double *values, mn_error *err)
{
    if (t->n_cols == t->cap_cols) {
        int cap = t->cap_cols ? 2 * t->cap_cols : 16;
        mn_col *c = realloc(t->cols, (size_t)cap * sizeof *c);
        if (!c) return mn_fail(err, "out of memory building a table");
        t->cols = c;
        t->cap_cols = cap;
    }
    mn_col *c = &t->cols[t->n_cols];
    *c = (mn_col){0};
    if (col_init(c, name, units, long_name, mn_table_rows(t), values) != 0) {
        col_free(c);
        return mn_fail(err, "out of memory building a table");
    }
    return t->n_cols++;
}

int mn_table_find(const mn_table *t, const char *name)
{
    for (int i = 0; i < t->n_cols; i++)
        if (strcmp(t->cols[i].name, name) == 0) return i;
    return -1;
}

void mn_table_free(mn_table *t)
{
    for (int k = 0; k < MN_TABLE_MAX_RANK; k++)
        col_free(&t->axes[k]);
    for (int i = 0; i < t->n_cols; i++)
        col_free(&t->cols[i]);
    free(t->cols);
    *t = (mn_table){0};
}

/* ---------------------------------------------------------------- text output */

static void put_number(FILE *out, double v)
{
    if (isnan(v))
        fputs("NaN", out);
    else if (isinf(v))
        fputs(v > 0 ? "Inf" : "-Inf", out);
    else {
        char buf[40];
        mn_format_double(v, buf, sizeof buf); /* shortest text that reads back exactly */
        fputs(buf, out);
    }
}

static void put_header(FILE *out, const mn_table *t, const int *order, int tsv, char sep)
{
    /* line 1: names (name[unit] in TSV form); line 2 (default form): "# units" */
    for (int pass = 0; pass < (tsv ? 1 : 2); pass++) {
        int first = 1;
        if (pass == 1) fputs("# ", out);
        for (int j = 0; j < t->rank + t->n_cols; j++) {
            const mn_col *c = j < t->rank ? &t->axes[order[j]] : &t->cols[j - t->rank];
            if (!first) fputc(sep, out);
            first = 0;
            if (pass == 1)
                fputs(c->units, out);
            else if (tsv)
                fprintf(out, "%s[%s]", c->name, c->units);
            else
                fputs(c->name, out);
        }
        fputc('\n', out);
    }
}

int mn_table_write(FILE *out, const mn_table *t, const mn_table_format *fmt)
{
    int order[MN_TABLE_MAX_RANK], natural = 1, tsv = fmt ? fmt->tsv || fmt->csv : 0;
    char sep = fmt && fmt->csv ? ',' : '\t';
    for (int k = 0; k < t->rank; k++)
        if (fmt && fmt->order[k] != 0) natural = 0;
    for (int k = 0; k < t->rank; k++)
        order[k] = natural ? k : fmt->order[k];
    put_header(out, t, order, tsv, sep);
    size_t rows = mn_table_rows(t), idx[MN_TABLE_MAX_RANK] = {0};
    size_t stride[MN_TABLE_MAX_RANK] = {0};
    size_t s = 1;
    for (int k = t->rank - 1; k >= 0; k--) {
        stride[k] = s;
        s *= t->dims[k];
    }
    for (size_t r = 0; r < rows; r++) {
        /* idx[] counts over the axes in output order; lin is the row-major index of the point */
        size_t lin = 0;
        for (int k = 0; k < t->rank; k++)
            lin += idx[k] * stride[order[k]];
        for (int k = 0; k < t->rank; k++) {
            const mn_col *a = &t->axes[order[k]];
            if (a->labels)
                fputs(a->labels[idx[k]], out);
            else
                put_number(out, a->v[idx[k]]);
            fputc(sep, out);
        }
        for (int j = 0; j < t->n_cols; j++) {
            if (j) fputc(sep, out);
            put_number(out, t->cols[j].v[lin]);
        }
        fputc('\n', out);
        for (int k = t->rank - 1; k >= 0; k--) {
            if (++idx[k] < t->dims[order[k]]) break;
            idx[k] = 0;
            if (k == 1 && !tsv && r + 1 < rows) fputc('\n', out); /* outer axis changes */
        }
    }
    return ferror(out) ? -1 : 0;
}

int mn_table_save(const char *path, const mn_table *t, const mn_table_format *fmt, mn_error *err)
{
    mn_outfile o; /* PATH.partial, renamed when complete */
    FILE *f = mn_outfile_open(&o, path, "w");
    if (f && mn_table_write(f, t, fmt) != 0 && !o.errnum) o.errnum = errno ? errno : EIO;
    if (f && o.errnum) {
        fclose(f);
        o.fp = NULL;
    }
    return mn_outfile_close(&o, err);
}

/* ---------------------------------------------------------------- HDF5 side */

long mn_export_open(const char *path, char *kind, size_t kind_size, mn_error *err)
{
    FILE *probe = fopen(path, "rb");
    if (!probe) return mn_fail(err, "cannot open %s: no such file or not readable", path);
    fclose(probe);
    if (H5Fis_hdf5(path) <= 0) return mn_fail(err, "%s is not an HDF5 file", path);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return mn_fail(err, "cannot open %s as HDF5", path);
    char buf[64] = "";
    if (mn_h5_read_attr_str(f, "mnsim_file_kind", buf, sizeof buf) != 0 || !buf[0]) {
        H5Fclose(f);
        return mn_fail(err, "%s is not an mnsim file (no root attribute mnsim_file_kind)", path);
    }
    if (kind) snprintf(kind, kind_size, "%s", buf);
    return (long)f;
}

void mn_export_close(long file)
{
    if (file >= 0) H5Fclose((hid_t)file);
}

int mn_export_attr_double(long file, const char *obj, const char *attr, double *value)
{
    if (H5Aexists_by_name((hid_t)file, obj, attr, H5P_DEFAULT) <= 0) return -1;
    hid_t a = H5Aopen_by_name((hid_t)file, obj, attr, H5P_DEFAULT, H5P_DEFAULT);
    if (a < 0) return -1;
    hid_t type = H5Aget_type(a);
    int rc = -1;
    if (H5Tget_class(type) == H5T_FLOAT || H5Tget_class(type) == H5T_INTEGER)
        rc = H5Aread(a, H5T_NATIVE_DOUBLE, value) < 0 ? -1 : 0;
    H5Tclose(type);
    H5Aclose(a);
    return rc;
}

int mn_export_attr_str(long file, const char *obj, const char *attr, char *buf, size_t size)
{
    hid_t o = H5Oopen((hid_t)file, obj, H5P_DEFAULT);
    if (o < 0) return -1;
    int rc = mn_h5_read_attr_str(o, attr, buf, size);
    H5Oclose(o);
    return rc;
}

/* What is known about one dataset of the group. */
typedef struct {
    char name[256];
    int rank, is_scale;
    hsize_t dims[MN_TABLE_MAX_RANK];
    char sig[1024]; /* its dimensions: scale names or "#length", comma-separated */
} ds_info;

typedef struct {
    hid_t group;
    ds_info *list;
    int n, cap;
} ds_list;

static herr_t scale_cb(hid_t did, unsigned dim, hid_t dsid, void *data)
{
    (void)did, (void)dim;
    *(hid_t *)data = H5Dopen2(dsid, ".", H5P_DEFAULT);
    return 1; /* the first scale is enough */
}

/* The first dimension scale attached to axis k of d (an open dataset id), or -1. */
static hid_t axis_scale(hid_t d, unsigned k)
{
    if (H5DSget_num_scales(d, k) <= 0) return -1;
    hid_t s = -1;
    if (H5DSiterate_scales(d, k, NULL, scale_cb, &s) < 0) return -1;
    return s;
}

static void scale_name(hid_t s, char *buf, size_t size)
{
    buf[0] = '\0';
    if (H5DSget_scale_name(s, buf, size) <= 0 || !buf[0]) {
        char path[512];
        H5Iget_name(s, path, sizeof path);
        const char *slash = strrchr(path, '/');
        const char *src = slash ? slash + 1 : path;
        size_t n = strlen(src) < size - 1 ? strlen(src) : size - 1;
        memcpy(buf, src, n);
        buf[n] = '\0';
    }
}

static int describe(hid_t group, const char *name, ds_info *info)
{
    memset(info, 0, sizeof *info);
    snprintf(info->name, sizeof info->name, "%s", name);
    hid_t d = H5Dopen2(group, name, H5P_DEFAULT);
    if (d < 0) return -1;
    hid_t type = H5Dget_type(d), space = H5Dget_space(d);
    H5T_class_t cls = H5Tget_class(type);
    int rank = H5Sget_simple_extent_ndims(space);
    int ok = (cls == H5T_FLOAT || cls == H5T_INTEGER) && rank >= 0 && rank <= MN_TABLE_MAX_RANK;
    if (ok) {
        info->rank = rank;
        H5Sget_simple_extent_dims(space, info->dims, NULL);
        info->is_scale = H5DSis_scale(d) > 0;
        size_t len = 0;
        for (int k = 0; k < rank; k++) {
            char part[300];
            if (info->is_scale && rank == 1) {
                scale_name(d, part, sizeof part);
            } else {
                hid_t s = axis_scale(d, (unsigned)k);
                if (s >= 0) {
                    scale_name(s, part, sizeof part);
                    H5Dclose(s);
                } else {
                    snprintf(part, sizeof part, "#%llu", (unsigned long long)info->dims[k]);
                }
            }
            len += (size_t)snprintf(info->sig + len,
                                    len < sizeof info->sig ? sizeof info->sig - len : 0, "%s%s",
                                    k ? "," : "", part);
            if (len >= sizeof info->sig) len = sizeof info->sig - 1;
        }
    }
    H5Tclose(type);
    H5Sclose(space);
    H5Dclose(d);
    return ok ? 0 : -1;
}

static herr_t list_cb(hid_t g, const char *name, const H5L_info_t *li, void *data)
{
    (void)li;
    ds_list *l = data;
    H5O_info_t oi;
    if (H5Oget_info_by_name(g, name, &oi, H5P_DEFAULT) < 0 || oi.type != H5O_TYPE_DATASET) return 0;
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 64;
        ds_info *n = realloc(l->list, (size_t)cap * sizeof *n);
        if (!n) return -1;
        l->list = n;
        l->cap = cap;
    }
    if (describe(g, name, &l->list[l->n]) == 0) l->n++;
    return 0;
}

/* Comma-separated names of the numeric datasets (for "available:" lists). */
static void available(const ds_list *l, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < l->n && len + 1 < size; i++) {
        int w = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", l->list[i].name);
        if (w < 0) break;
        len += (size_t)w;
    }
    if (len >= size && size > 4) strcpy(buf + size - 5, "...");
}

static int read_doubles(hid_t loc, const char *name, double *out)
{
    hid_t d = H5Dopen2(loc, name, H5P_DEFAULT);
    if (d < 0) return -1;
    herr_t rc = H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out);
    H5Dclose(d);
    return rc < 0 ? -1 : 0;
}

static void read_meta(hid_t loc, const char *name, char *units, char *long_name, size_t size)
{
    units[0] = long_name[0] = '\0';
    hid_t o = H5Oopen(loc, name, H5P_DEFAULT);
    if (o < 0) return;
    mn_h5_read_attr_str(o, "units", units, size);
    mn_h5_read_attr_str(o, "long_name", long_name, size);
    H5Oclose(o);
}

/* The axes of t from the dimension scales of dataset `name`. */
static int load_axes(hid_t g, const ds_info *info, mn_table *t, mn_error *err)
{
    hid_t d = H5Dopen2(g, info->name, H5P_DEFAULT);
    if (d < 0) return mn_fail(err, "cannot open dataset %s", info->name);
    int rc = 0;
    for (int k = 0; k < info->rank && rc == 0; k++) {
        size_t n = (size_t)info->dims[k];
        double *v = malloc((n ? n : 1) * sizeof *v);
        char **labels = NULL; /* a string axis: its n_labels names */
        size_t n_labels = 0;
        char name[300], units[256], long_name[256];
        hid_t s = info->is_scale ? H5Dopen2(d, ".", H5P_DEFAULT) : axis_scale(d, (unsigned)k);
        if (!v) {
            rc = mn_fail(err, "out of memory");
        } else if (s >= 0) {
            scale_name(s, name, sizeof name);
            read_meta(s, ".", units, long_name, sizeof units);
            hid_t type = H5Dget_type(s);
            if (type >= 0 && H5Tget_class(type) == H5T_STRING) { /* names: the index as v */
                for (size_t i = 0; i < n; i++)
                    v[i] = (double)i;
                labels = mn_h5_read_strings(s, ".", &n_labels);
                if (!labels || n_labels != n)
                    rc = mn_fail(err, "cannot read the names along %s", name);
            } else if (H5Dread(s, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v) < 0) {
                rc = mn_fail(err, "cannot read the coordinates of %s", name);
            }
            if (type >= 0) H5Tclose(type);
        } else {
            snprintf(name, sizeof name, info->rank == 1 ? "index" : "index%d", k);
            snprintf(units, sizeof units, "1");
            snprintf(long_name, sizeof long_name, "index along axis %d", k);
            for (size_t i = 0; i < n; i++)
                v[i] = (double)i;
        }
        if (s >= 0) H5Dclose(s);
        if (rc == 0) rc = mn_table_set_axis(t, k, name, units, long_name, n, v, err);
        if (rc == 0) t->axes[k].labels = labels, labels = NULL;
        mn_h5_free_strings(labels, n_labels);
        free(v);
    }
    H5Dclose(d);
    return rc;
}

int mn_export_load(long file, const char *group, const char *const *names, int n_names, mn_table *t,
                   mn_error *err)
{
    const char *gname = group && *group ? group : "/";
    if (H5Lexists((hid_t)file, gname, H5P_DEFAULT) <= 0 && strcmp(gname, "/") != 0)
        return mn_fail(err, "no group '%s' in the file", gname);
    hid_t g = H5Gopen2((hid_t)file, gname, H5P_DEFAULT);
    if (g < 0) return mn_fail(err, "'%s' is not a group", gname);
    ds_list l = {g, NULL, 0, 0};
    int rc = 0;
    if (H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, NULL, list_cb, &l) < 0)
        rc = mn_fail(err, "cannot list the datasets of group '%s'", gname);
    int *pick = calloc((size_t)(l.n + n_names + 1), sizeof *pick);
    int n_pick = 0;
    if (!pick && rc == 0) rc = mn_fail(err, "out of memory");
    if (rc == 0 && n_names > 0) {
        ds_info extra;
        for (int i = 0; i < n_names && rc == 0; i++) {
            int found = -1;
            for (int j = 0; j < l.n; j++)
                if (strcmp(l.list[j].name, names[i]) == 0) found = j;
            if (found < 0 && strchr(names[i], '/') && H5Lexists(g, names[i], H5P_DEFAULT) > 0 &&
                describe(g, names[i], &extra) == 0) {
                ds_info *n = realloc(l.list, (size_t)(l.n + 1) * sizeof *n);
                if (n) {
                    l.list = n;
                    l.list[l.n] = extra;
                    found = l.n++;
                }
            }
            if (found < 0) {
                char avail[1500];
                available(&l, avail, sizeof avail);
                const char **all = l.n > 0 ? malloc((size_t)l.n * sizeof *all) : NULL;
                const char *hint = NULL;
                for (int j = 0; all && j < l.n; j++)
                    all[j] = l.list[j].name;
                if (all) hint = mn_closest_name(names[i], all, (size_t)l.n);
                rc = mn_fail(err, "no numeric dataset '%s' in group '%s'%s%s%s; available: %s",
                             names[i], gname, hint ? " (did you mean '" : "", hint ? hint : "",
                             hint ? "'?)" : "", avail);
                free(all);
            } else {
                pick[n_pick++] = found;
            }
        }
    } else if (rc == 0) {
        /* the main dimension: the signature shared by most non-scale datasets (then higher rank) */
        int best = -1, best_count = 0;
        for (int i = 0; i < l.n; i++) {
            if (l.list[i].is_scale) continue;
            int count = 0;
            for (int j = 0; j < l.n; j++)
                if (!l.list[j].is_scale && strcmp(l.list[i].sig, l.list[j].sig) == 0) count++;
            if (count > best_count ||
                (count == best_count && best >= 0 && l.list[i].rank > l.list[best].rank)) {
                best = i;
                best_count = count;
            }
        }
        if (best < 0) rc = mn_fail(err, "group '%s' holds no numeric dataset", gname);
        for (int j = 0; rc == 0 && j < l.n; j++)
            if (!l.list[j].is_scale && strcmp(l.list[j].sig, l.list[best].sig) == 0)
                pick[n_pick++] = j;
    }
    /* all on the same dimensions */
    for (int i = 1; rc == 0 && i < n_pick; i++) {
        const ds_info *a = &l.list[pick[0]], *b = &l.list[pick[i]];
        int same = a->rank == b->rank && strcmp(a->sig, b->sig) == 0;
        for (int k = 0; same && k < a->rank; k++)
            same = a->dims[k] == b->dims[k];
        if (!same)
            rc =
                mn_fail(err,
                        "datasets '%s' (dimensions: %s) and '%s' (dimensions: %s) do not share "
                        "a dimension; export them separately",
                        a->name, a->rank ? a->sig : "scalar", b->name, b->rank ? b->sig : "scalar");
    }
    if (rc == 0 && n_pick > 0) rc = load_axes(g, &l.list[pick[0]], t, err);
    size_t rows = mn_table_rows(t);
    double *v = rc == 0 ? malloc((rows ? rows : 1) * sizeof *v) : NULL;
    if (rc == 0 && !v) rc = mn_fail(err, "out of memory");
    for (int i = 0; rc == 0 && i < n_pick; i++) {
        const char *name = l.list[pick[i]].name;
        char units[256], long_name[256];
        read_meta(g, name, units, long_name, sizeof units);
        if (read_doubles(g, name, v) != 0)
            rc = mn_fail(err, "cannot read dataset '%s'", name);
        else if (mn_table_add(t, name, units, long_name, v, err) < 0)
            rc = -1;
    }
    free(v);
    free(pick);
    free(l.list);
    H5Gclose(g);
    if (rc != 0) mn_table_free(t);
    return rc;
}
