/* export.h — datasets of an mnsim HDF5 file as a table of columns, and tables as text: the
 * tab-separated, gnuplot-friendly form printed by `mnsim export` and read by the gnuplot scripts
 * of `mnsim plot` and `mnsim gallery`. A table is either 1-D (every column along one shared
 * dimension, one row per index), N-D (a grid: one row per grid point, coordinates first) or
 * rank 0 (scalars: one row). Tables can also be built in memory (the gallery does). */
#ifndef MN_EXPORT_H
#define MN_EXPORT_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

#define MN_TABLE_MAX_RANK 8

typedef struct {
    char *name, *units, *long_name;
    double *v;     /* one value per row (or the dims[k] coordinates of an axis) */
    char **labels; /* an axis of names (a string dimension scale: metric, parameter): printed
                    * instead of v, which then holds the indices; NULL otherwise */
} mn_col;

typedef struct {
    int rank;                       /* 0 scalars, 1 shared dimension, >1 grid */
    size_t dims[MN_TABLE_MAX_RANK]; /* points along each axis */
    mn_col axes[MN_TABLE_MAX_RANK]; /* coordinate of each axis */
    int n_cols, cap_cols;
    mn_col *cols; /* values, row-major over the axes */
} mn_table;

typedef struct {
    int tsv;                      /* plain TSV: one "name[unit]" header, no comments/blanks */
    int csv;                      /* as tsv, comma-separated (RFC 4180; no field needs quotes) */
    int order[MN_TABLE_MAX_RANK]; /* axis order (outermost first); all zero = natural */
} mn_table_format;

/* Number of rows (product of dims; 1 for rank 0). */
size_t mn_table_rows(const mn_table *t);
/* Define axis k (0 <= k < rank) with n coordinates (copied). Sets t->rank to at least k+1. */
int mn_table_set_axis(mn_table *t, int k, const char *name, const char *units,
                      const char *long_name, size_t n, const double *coords, mn_error *err);
/* Append a column of mn_table_rows(t) values (copied; NULL = fill with NaN). Returns its
 * index or -1. */
int mn_table_add(mn_table *t, const char *name, const char *units, const char *long_name,
                 const double *values, mn_error *err);
/* Index of the column called name, or -1. */
int mn_table_find(const mn_table *t, const char *name);
void mn_table_free(mn_table *t);

/* Print the table. Default form: a header line of names, a "# units" comment line, one row
 * per point, a blank line whenever the outermost grid axis changes (gnuplot splot blocks).
 * Numbers are printed exactly (%.17g; NaN as "NaN"). */
int mn_table_write(FILE *out, const mn_table *t, const mn_table_format *fmt);
/* Write the default form to a file. */
int mn_table_save(const char *path, const mn_table *t, const mn_table_format *fmt, mn_error *err);

/* Open an mnsim HDF5 file read-only and check it is one (root attribute mnsim_file_kind, copied
 * into kind). Returns the HDF5 file id (close with mn_export_close) or -1 with err filled. */
long mn_export_open(const char *path, char *kind, size_t kind_size, mn_error *err);
void mn_export_close(long file);

/* Load datasets of `group` (NULL or "" = root) into t. names: the datasets wanted (relative to
 * the group; n_names 0 = every numeric dataset sharing the group's main dimension, i.e. the
 * dimension most datasets are on). Every dataset must lie on the same dimensions; coordinates
 * come from the attached dimension scales (0, 1, 2, ... without one). An unknown name is an
 * error listing the available datasets. Returns 0 or -1 (err filled). */
int mn_export_load(long file, const char *group, const char *const *names, int n_names, mn_table *t,
                   mn_error *err);

/* Read a numeric or string attribute of object `obj` (a path in the file); 0 or -1. */
int mn_export_attr_double(long file, const char *obj, const char *attr, double *value);
int mn_export_attr_str(long file, const char *obj, const char *attr, char *buf, size_t size);

#endif
