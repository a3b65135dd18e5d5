/* h5util.c — HDF5 helpers (attributes, described datasets, dimension scales, provenance). */
#include <errno.h>
#include <gsl/gsl_version.h>
#include <libgen.h>
#include <hdf5_hl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#include "h5util.h"
#include "version.h"

void mn_h5_quiet(void)
{
    if (getenv("MNSIM_HDF5_ERRORS")) return; /* debugging: let HDF5 print its error stacks */
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

/* After an H5Fclose that failed (e.g. a full disk), HDF5 keeps a half-closed file that its own
 * exit-time cleanup dereferences and crashes on (HDF5 1.10). The program therefore takes over the
 * library's shutdown (mn_h5_start) and skips it once a close has failed: the process ends anyway
 * and the operating system reclaims the rest. */
static int failed_close;

void mn_h5_start(void)
{
    H5dont_atexit();
}

void mn_h5_mark_failed_close(void)
{
    failed_close = 1;
}

int mn_h5_close_file(hid_t file)
{
    if (file < 0) return 0;
    if (H5Fclose(file) >= 0) return 0;
    failed_close = 1;
    return -1;
}

void mn_h5_finish(void)
{
    if (!failed_close) H5close();
}

static hid_t vlen_utf8(void)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

int mn_h5_attr_str(hid_t loc, const char *name, const char *value)
{
    hid_t type = vlen_utf8(), space = H5Screate(H5S_SCALAR);
    if (H5Aexists(loc, name) > 0) H5Adelete(loc, name);
    hid_t a = H5Acreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    int rc = a < 0 ? -1 : (H5Awrite(a, type, &value) < 0 ? -1 : 0);
    if (a >= 0) H5Aclose(a);
    H5Sclose(space);
    H5Tclose(type);
    return rc;
}

static int attr_numeric(hid_t loc, const char *name, hid_t file_type, hid_t mem_type, const void *v)
{
    hid_t space = H5Screate(H5S_SCALAR);
    if (H5Aexists(loc, name) > 0) H5Adelete(loc, name);
    hid_t a = H5Acreate2(loc, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT);
    int rc = a < 0 ? -1 : (H5Awrite(a, mem_type, v) < 0 ? -1 : 0);
    if (a >= 0) H5Aclose(a);
    H5Sclose(space);
    return rc;
}

int mn_h5_attr_double(hid_t loc, const char *name, double value)
{
    return attr_numeric(loc, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

int mn_h5_attr_long(hid_t loc, const char *name, long value)
{
    return attr_numeric(loc, name, H5T_STD_I64LE, H5T_NATIVE_LONG, &value);
}

char *mn_h5_read_attr_str_alloc(hid_t loc, const char *name)
{
    if (H5Aexists(loc, name) <= 0) return NULL;
    hid_t a = H5Aopen(loc, name, H5P_DEFAULT);
    if (a < 0) return NULL;
    hid_t ftype = H5Aget_type(a);
    char *out = NULL;
    if (H5Tget_class(ftype) == H5T_STRING) {
        if (H5Tis_variable_str(ftype) > 0) {
            hid_t type = vlen_utf8();
            char *v = NULL;
            if (H5Aread(a, type, &v) >= 0 && v) {
                out = strdup(v);
                H5free_memory(v);
            }
            H5Tclose(type);
        } else {
            size_t n = H5Tget_size(ftype);
            out = calloc(n + 1, 1);
            hid_t type = H5Tcopy(H5T_C_S1);
            H5Tset_size(type, n);
            if (out && H5Aread(a, type, out) < 0) {
                free(out);
                out = NULL;
            }
            H5Tclose(type);
        }
    }
    H5Tclose(ftype);
    H5Aclose(a);
    return out;
}

int mn_h5_read_attr_str(hid_t loc, const char *name, char *buf, size_t size)
{
    char *s = mn_h5_read_attr_str_alloc(loc, name);
    if (!s) return -1;
    snprintf(buf, size, "%s", s);
    free(s);
    return 0;
}

int mn_h5_describe(hid_t dset, const char *units, const char *long_name, const char *description)
{
    int rc = 0;
    if (units) rc |= mn_h5_attr_str(dset, "units", units);
    if (long_name) rc |= mn_h5_attr_str(dset, "long_name", long_name);
    if (description) rc |= mn_h5_attr_str(dset, "description", description);
    return rc ? -1 : 0;
}

void mn_h5_long_name(const char *name, const char *description, char *buf, size_t size)
{
    static const char *const short_names[][2] = {
        {"fibroblast_activity", "fibroblast activity (own baseline = 1)"},
        {"irritation", "irritation from acidic products"},
        {"visible_redness_days", "time with visible redness"},
        {"collagen_gain_percent", "collagen change over the course"},
        {"peak_synthesis_ratio", "peak synthesis / own baseline"},
        {"redness_gone_day", "redness last visible"},
        {"epidermal_thickness", "epidermal thickness (day 0 = 1)"},
        {"treated_collagen", "treated-layer collagen (day 0 = 1)"},
        {"scar_fill", "scar volume filled"},
        {"scar_formed", "new scar tissue grade"},
        {"treated_collagen_gain_percent", "treated-layer collagen change"},
    };
    for (size_t k = 0; name && k < sizeof short_names / sizeof *short_names; k++)
        if (strcmp(name, short_names[k][0]) == 0) {
            snprintf(buf, size, "%s", short_names[k][1]);
            return;
        }
    size_t n = strlen(description);
    static const char *const cuts[] = {", ", ": ", " ("};
    for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
        const char *c = strstr(description, cuts[k]);
        if (c && (size_t)(c - description) < n && c != description) n = (size_t)(c - description);
    }
    snprintf(buf, size, "%.*s", (int)n, description);
}

hid_t mn_h5_dataset_1d_int(hid_t loc, const char *name, size_t n, const int *data)
{
    hsize_t dims[1] = {n};
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t d = H5Dcreate2(loc, name, H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Sclose(space);
    if (d < 0) return -1;
    if (data && n > 0 && H5Dwrite(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        H5Dclose(d);
        return -1;
    }
    return d;
}

int mn_h5_attr_ints(hid_t loc, const char *name, const int *values, size_t n)
{
    hsize_t dims[1] = {n};
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t a = H5Acreate2(loc, name, H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Sclose(space);
    if (a < 0) return -1;
    int rc = H5Awrite(a, H5T_NATIVE_INT, values) < 0 ? -1 : 0;
    H5Aclose(a);
    return rc;
}

hid_t mn_h5_dataset_1d(hid_t loc, const char *name, size_t n, const double *data)
{
    hsize_t dims[1] = {n};
    hid_t space = H5Screate_simple(1, dims, NULL);
    hid_t d = H5Dcreate2(loc, name, H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Sclose(space);
    if (d < 0) return -1;
    if (data && n > 0 && H5Dwrite(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) {
        H5Dclose(d);
        return -1;
    }
    return d;
}

int mn_h5_make_scale(hid_t dset, const char *dim_name)
{
    return H5DSset_scale(dset, dim_name) < 0 ? -1 : 0;
}

int mn_h5_attach(hid_t dset, hid_t scale, unsigned axis)
{
    return H5DSattach_scale(dset, scale, axis) < 0 ? -1 : 0;
}

void mn_command_line(int argc, char **argv, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < argc && used + 1 < size; i++) {
        int quote = strpbrk(argv[i], " \t'\"$") != NULL;
        int n = snprintf(buf + used, size - used, "%s%s%s%s", i ? " " : "", quote ? "'" : "",
                         argv[i], quote ? "'" : "");
        if (n < 0) break;
        used += (size_t)n;
    }
}

void mn_partial_name(const char *path, char *buf, size_t size)
{
    snprintf(buf, size, "%s.partial", path);
}

int mn_h5_provenance(hid_t file, const char *kind, const char *title, int argc, char **argv)
{
    char cmd[4096], now[64], history[4400], hdf5[64], source[128];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    mn_command_line(argc, argv, cmd, sizeof cmd);
    unsigned maj, min, rel;
    H5get_libversion(&maj, &min, &rel);
    snprintf(hdf5, sizeof hdf5, "%u.%u.%u", maj, min, rel);
    snprintf(history, sizeof history, "%s: %s", now, cmd);
    snprintf(source, sizeof source, "mnsim %s (git %s)", MNSIM_VERSION, MNSIM_GIT_COMMIT);
    int rc = 0;
    rc |= mn_h5_attr_str(file, "Conventions", "CF-1.8");
    rc |= mn_h5_attr_str(file, "title", title);
    rc |= mn_h5_attr_str(file, "institution", "mnsim (educational skin-healing model)");
    rc |= mn_h5_attr_str(file, "source", source);
    rc |= mn_h5_attr_str(file, "history", history);
    rc |= mn_h5_attr_str(file, "mnsim_file_kind", kind);
    rc |= mn_h5_attr_str(file, "mnsim_version", MNSIM_VERSION);
    rc |= mn_h5_attr_str(file, "git_commit", MNSIM_GIT_COMMIT);
    rc |= mn_h5_attr_str(file, "build", MNSIM_BUILD_INFO);
    rc |= mn_h5_attr_str(file, "command_line", cmd);
    rc |= mn_h5_attr_str(file, "created_utc", now);
    rc |= mn_h5_attr_str(file, "gsl_version", GSL_VERSION);
    rc |= mn_h5_attr_str(file, "hdf5_version", hdf5);
    return rc ? -1 : 0;
}

const char *mn_io_reason(const char *path, int errnum, const char *otherwise)
{
    static char buf[4400];
    char copy[4096], dir[4096];
    snprintf(copy, sizeof copy, "%s", path);
    snprintf(dir, sizeof dir, "%s", dirname(copy)); /* dirname may modify and return copy */
    struct statvfs v;
    /* A pseudo file system (proc, sysfs) reports 0 blocks in all and 0 free: it is never "full". */
    int known = statvfs(dir, &v) == 0 && v.f_blocks > 0;
    double avail = known ? (double)v.f_bavail * (double)v.f_frsize : -1;
    /* The disk is called full when the error says so (ENOSPC, EDQUOT), or when the error is not
     * known (errnum 0, e.g. a failed HDF5 call) and a real file system has less than 1 MiB left.
     * Any other errno is reported as such: a full disk must not hide e.g. EACCES or EROFS. */
    int full =
        errnum == ENOSPC || errnum == EDQUOT || (errnum == 0 && known && avail < (double)(1 << 20));
    if (full && known)
        snprintf(buf, sizeof buf, "the disk is full (%.0f bytes free on %s)", avail, dir);
    else if (full)
        snprintf(buf, sizeof buf, "the disk is full (%s)", strerror(errnum));
    else if (errnum != 0 && !strstr(otherwise, strerror(errnum)))
        snprintf(buf, sizeof buf, "%s (%s)", otherwise, strerror(errnum));
    else
        snprintf(buf, sizeof buf, "%s", otherwise);
    return buf;
}

hid_t mn_h5_dataset_1d_str(hid_t loc, const char *name, size_t n, const char *const *vals)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    hsize_t dim = n;
    hid_t space = H5Screate_simple(1, &dim, NULL);
    hid_t d = H5Dcreate2(loc, name, t, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (d >= 0 && H5Dwrite(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, vals) < 0) {
        H5Dclose(d);
        d = -1;
    }
    H5Sclose(space);
    H5Tclose(t);
    return d;
}

char **mn_h5_read_strings(hid_t loc, const char *name, size_t *n)
{
    hid_t d = H5Dopen2(loc, name, H5P_DEFAULT);
    if (d < 0) return NULL;
    hid_t space = H5Dget_space(d);
    hsize_t dim = 0;
    H5Sget_simple_extent_dims(space, &dim, NULL);
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    char **raw = calloc(dim ? dim : 1, sizeof *raw), **out = calloc(dim + 1, sizeof *out);
    int ok = raw && out && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw) >= 0;
    for (hsize_t i = 0; ok && i < dim; i++)
        ok = (out[i] = strdup(raw[i] ? raw[i] : "")) != NULL;
    if (raw) H5Dvlen_reclaim(t, space, H5P_DEFAULT, raw);
    free(raw);
    H5Tclose(t);
    H5Sclose(space);
    H5Dclose(d);
    if (!ok) {
        for (hsize_t i = 0; out && i < dim; i++)
            free(out[i]);
        free(out);
        return NULL;
    }
    *n = (size_t)dim;
    return out;
}

void mn_h5_free_strings(char **s, size_t n)
{
    for (size_t i = 0; s && i < n; i++)
        free(s[i]);
    free(s);
}
