/* sweep_file.c — the sweep output file: chunk layout (each chunk one contiguous range of point
 * indices), creation (attributes, dimension scales, every dataset with Fletcher-32 checksums,
 * under a temporary name renamed once its structure is on disk), opening it for writing, and the
 * I/O of blocks of points: hyperslab unions with the status written last, checksum-verifying
 * reads, and direct chunk writes that repair a damaged chunk. */
#include <errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "h5util.h"
#include "outfile.h"
#include "metrics.h"
#include "parallel.h"
#include "params.h"
#include "runfile.h"
#include "sweep_file.h"
#include "sweep_space.h"

static const char *stat_names[MN_SWEEP_N_STATS] = {"steps", "rhs_evals", "rejected_steps"};
static const char *stat_desc[MN_SWEEP_N_STATS] = {"accepted integrator steps of the course",
                                                  "right-hand-side evaluations of the course",
                                                  "rejected integrator steps of the course"};

/* ---- selections: a contiguous linear range of a row-major N-D array as a hyperslab union ---- */

static int select_range(hid_t space, int rank, const hsize_t *dims, size_t lo, size_t hi,
                        size_t ntime)
{
    hsize_t S[MN_SWEEP_MAXR], idx[MN_SWEEP_MAXR], start[MN_SWEEP_MAXR], count[MN_SWEEP_MAXR];
    S[rank - 1] = 1;
    for (int j = rank - 2; j >= 0; j--)
        S[j] = S[j + 1] * dims[j + 1];
    int first = 1;
    while (lo < hi) {
        int j = 0;
        while (j < rank - 1 && !(lo % S[j] == 0 && S[j] <= hi - lo))
            j++;
        size_t r = lo;
        for (int k = rank - 1; k >= 0; k--) {
            idx[k] = r % dims[k];
            r /= dims[k];
        }
        hsize_t c = (hi - lo) / S[j];
        if (c > dims[j] - idx[j]) c = dims[j] - idx[j];
        for (int k = 0; k < rank; k++) {
            start[k] = k <= j ? idx[k] : 0;
            count[k] = k < j ? 1 : (k == j ? c : dims[k]);
        }
        if (ntime) {
            start[rank] = 0;
            count[rank] = ntime;
        }
        if (H5Sselect_hyperslab(space, first ? H5S_SELECT_SET : H5S_SELECT_OR, start, NULL, count,
                                NULL) < 0)
            return -1;
        first = 0;
        lo += c * S[j];
    }
    return 0;
}

/* Write (or read, when `read`) buf for points [lo, hi) of dset (inner = ntime or 0). */
static int io_range(const mn_sweep_file *f, hid_t dset, hid_t mem_type, void *buf, size_t lo,
                    size_t hi, size_t inner, int read)
{
    hid_t xfer = read ? H5P_DEFAULT : f->xfer;
    /* a collective write needs every rank, even one with nothing to write (empty selection) */
    if (hi <= lo && xfer == H5P_DEFAULT) return 0;
    hid_t fs = H5Dget_space(dset);
    hsize_t n = hi > lo ? (hsize_t)(hi - lo) * (inner ? inner : 1) : 1;
    hid_t ms = H5Screate_simple(1, &n, NULL);
    int rc = fs < 0 || ms < 0 ? -1 : 0;
    if (rc == 0 && hi <= lo)
        rc = H5Sselect_none(fs) < 0 || H5Sselect_none(ms) < 0 ? -1 : 0;
    else if (rc == 0)
        rc = select_range(fs, f->rank, f->dims, lo, hi, inner);
    if (rc == 0)
        rc = (read ? H5Dread(dset, mem_type, ms, fs, H5P_DEFAULT, buf)
                   : H5Dwrite(dset, mem_type, ms, fs, xfer, buf)) < 0
                 ? -1
                 : 0;
    if (ms >= 0) H5Sclose(ms);
    if (fs >= 0) H5Sclose(fs);
    return rc;
}
/* ---- creating the file ---- */

/* Chunk shape: whole inner dims while they fit in `target` elements, then part of the next. */
static void chunk_shape(int rank, const hsize_t *dims, hsize_t target, hsize_t *chunk)
{
    hsize_t prod = 1;
    int k = rank - 1;
    for (; k >= 0 && prod * dims[k] <= target; k--) {
        chunk[k] = dims[k];
        prod *= dims[k];
    }
    if (k >= 0) {
        chunk[k] = target / prod > 0 ? target / prod : 1;
        for (k--; k >= 0; k--)
            chunk[k] = 1;
    }
}

/* Every dataset handle of f marked as not open (-1). */
static void handles_none(mn_sweep_file *f)
{
    f->status = f->fail_day = f->point = -1;
    for (int m = 0; m < M_COUNT; m++)
        f->metric[m] = -1;
    for (int k = 0; k < MN_SWEEP_N_STATS; k++)
        f->stat[k] = -1;
    for (int k = 0; k < O_COUNT; k++)
        f->traj[k] = -1;
}

void mn_sweep_file_init(mn_sweep_file *f, const mn_sweep *s, size_t ntime)
{
    memset(f, 0, sizeof *f);
    f->file = -1;
    f->xfer = H5P_DEFAULT;
    handles_none(f);
    if (s->design == MN_DESIGN_GRID) {
        f->rank = s->n_axes;
        for (int k = 0; k < s->n_axes; k++)
            f->dims[k] = s->axes[k].n_values;
    } else {
        f->rank = 1;
        f->dims[0] = s->n_points;
    }
    f->ntime = ntime;
}

static int chunk_layout(mn_sweep_file *f);

void mn_sweep_file_chunking(mn_sweep_file *f, size_t target)
{
    chunk_shape(f->rank, f->dims, (hsize_t)target, f->pchunk);
    chunk_layout(f);
}

size_t mn_sweep_file_seg_points(const mn_sweep_file *f)
{
    size_t inner = 1;
    for (int k = f->kc + 1; k < f->rank; k++)
        inner *= (size_t)f->dims[k];
    return (size_t)f->pchunk[f->kc] * inner;
}

static hid_t create_var(const mn_sweep_file *f, const char *name, hid_t file_type, hid_t mem_type,
                        const void *fill, int with_time)
{
    hsize_t dims[MN_SWEEP_MAXR + 1], chunk[MN_SWEEP_MAXR + 1];
    int rank = f->rank;
    memcpy(dims, f->dims, sizeof(hsize_t) * (size_t)rank);
    if (with_time) dims[rank++] = f->ntime;
    hid_t space = H5Screate_simple(rank, dims, NULL);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    memcpy(chunk, f->pchunk, sizeof(hsize_t) * (size_t)f->rank);
    if (with_time) chunk[rank - 1] = f->ntime;
    H5Pset_chunk(dcpl, rank, chunk);
    H5Pset_fill_value(dcpl, mem_type, fill);
    H5Pset_fill_time(dcpl, H5D_FILL_TIME_ALLOC);
    /* MPI: allocate every chunk now (rank 0 alone), so parallel writers never allocate */
    if (mn_par_is_mpi()) H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY);
    if (with_time) {
        H5Pset_shuffle(dcpl);
        H5Pset_deflate(dcpl, 1);
    }
    H5Pset_fletcher32(dcpl); /* a chunk damaged by a crash fails to read instead of lying */
    hid_t d = H5Dcreate2(f->file, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    return d;
}

static int attach_dims(hid_t d, hid_t *scales, int rank, hid_t time_scale)
{
    int rc = 0;
    for (int k = 0; k < rank; k++)
        rc |= mn_h5_attach(d, scales[k], (unsigned)k);
    if (time_scale >= 0) rc |= mn_h5_attach(d, time_scale, (unsigned)rank);
    return rc;
}

static int attr_i8_array(hid_t loc, const char *name, const signed char *v, hsize_t n)
{
    hid_t space = H5Screate_simple(1, &n, NULL);
    hid_t a = H5Acreate2(loc, name, H5T_STD_I8LE, space, H5P_DEFAULT, H5P_DEFAULT);
    int rc = a < 0 || H5Awrite(a, H5T_NATIVE_SCHAR, v) < 0 ? -1 : 0;
    if (a >= 0) H5Aclose(a);
    H5Sclose(space);
    return rc;
}

static char *join_names(const mn_sweep *s, int full)
{
    size_t size = (size_t)s->n_axes * 200 + 1;
    char *buf = calloc(size, 1);
    if (!buf) return NULL;
    for (int k = 0; k < s->n_axes; k++) {
        char name[160];
        if (full) mn_param_name(s->axes[k].id, name, sizeof name);
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", k ? " " : "", full ? name : s->axes[k].dim);
    }
    return buf;
}

/* Create the swept variables of a non-grid design along `point`. Their values are written with
 * each block (data before status), so creating even a 1e9-point file is immediate. */
static int create_design(const mn_sweep *s, mn_sweep_file *f, hid_t point_scale)
{
    int rc = 0;
    for (int k = 0; k < s->n_axes && rc == 0; k++) {
        const mn_sweep_axis *ax = &s->axes[k];
        const mn_param_info *pi = &mn_params[ax->id];
        char full[160], desc[1200];
        mn_param_name(ax->id, full, sizeof full);
        double nan = NAN;
        hid_t v = create_var(f, ax->dim, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &nan, 0);
        snprintf(desc, sizeof desc, "%s (swept by %s over [%g, %g], line %d of the sweep file)",
                 pi->description, mn_design_name(s->design), ax->lo, ax->hi, ax->line);
        if (v < 0 || mn_h5_describe(v, pi->unit, full, desc) != 0 ||
            mn_h5_attach(v, point_scale, 0) != 0)
            rc = -1;
        if (pi->kind == MN_ENUM && rc == 0) rc = mn_h5_attr_str(v, "choices", pi->choices);
        if (v >= 0) H5Dclose(v);
    }
    return rc;
}

/* Root attributes: provenance, parameters, what is swept, the texts a resume compares. */
static int write_attributes(const mn_sweep *s, const mn_sweep_options *o, int threads, hid_t file)
{
    int rc = 0;
    rc |= mn_h5_provenance(file, "sweep", "mnsim parameter sweep", o->argc, o->argv);
    rc |= mn_h5_write_parameters((long)file, s->base);
    char *swept = join_names(s, 0), *full = join_names(s, 1);
    if (!swept || !full)
        rc = -1;
    else {
        rc |= mn_h5_attr_str(file, "design", mn_design_name(s->design));
        rc |= mn_h5_attr_str(file, "swept", swept);
        rc |= mn_h5_attr_str(file, "swept_parameters", full);
    }
    free(swept);
    free(full);
    rc |= mn_h5_attr_str(file, "sweep_text", s->text);
    rc |= mn_h5_attr_str(file, "sweep_file", s->path);
    rc |= mn_h5_attr_str(file, "base_ini", s->base_path);
    rc |= mn_h5_attr_str(file, "base_ini_text", s->base_text);
    rc |= mn_h5_attr_long(file, "seed", (long)s->seed);
    rc |= mn_h5_attr_long(file, "points", (long)s->n_points);
    rc |= mn_h5_attr_long(file, "trajectories", o->trajectories);
    /* blocks are runs of whole chunks, data flushed before status (resume relies on both) */
    rc |= mn_h5_attr_long(file, "chunk_aligned_blocks", 1);
    /* the execution that created the file (a resume may use other counts; data never depend on
     * them) */
    rc |= mn_h5_attr_long(file, "mpi_ranks", mn_par_size());
    rc |= mn_h5_attr_long(file, "threads_per_rank", threads);
    return rc;
}

/* The dimension scales over the points: one per grid axis (its values), or `point` and the swept
 * variables of a non-grid design. scales[] gets them open, *n_scales their count. */
static int create_point_scales(const mn_sweep *s, mn_sweep_file *f, hid_t *scales, int *n_scales)
{
    int rc = 0;
    if (s->design == MN_DESIGN_GRID) {
        for (int k = 0; k < s->n_axes && rc == 0; k++) {
            const mn_sweep_axis *ax = &s->axes[k];
            const mn_param_info *pi = &mn_params[ax->id];
            char name[160], desc[1200];
            mn_param_name(ax->id, name, sizeof name);
            snprintf(desc, sizeof desc, "%s (swept, line %d of the sweep file)", pi->description,
                     ax->line);
            hid_t d = mn_h5_dataset_1d(f->file, ax->dim, ax->n_values, ax->values);
            if (d < 0)
                rc = -1;
            else {
                scales[(*n_scales)++] = d;
                rc |= mn_h5_describe(d, pi->unit, name, desc);
                if (pi->kind == MN_ENUM) rc |= mn_h5_attr_str(d, "choices", pi->choices);
                rc |= mn_h5_make_scale(d, ax->dim);
            }
        }
        return rc;
    }
    int64_t zero = 0;
    hid_t d = create_var(f, "point", H5T_STD_I64LE, H5T_NATIVE_INT64, &zero, 0);
    if (d < 0)
        rc = -1;
    else {
        scales[(*n_scales)++] = d;
        rc |= mn_h5_describe(d, "1", "design point index",
                             "index of the point in the design (0-based)");
        rc |= mn_h5_make_scale(d, "point");
    }
    if (rc == 0) rc = create_design(s, f, d);
    return rc;
}

/* The `time` scale of the trajectories (output.step_days grid). -1 on failure. */
static hid_t create_time_scale(const mn_sweep *s, mn_sweep_file *f)
{
    double *t = malloc(f->ntime * sizeof *t);
    for (size_t k = 0; t && k < f->ntime; k++)
        t[k] = (double)k * s->base[P_output_step_days];
    hid_t time_scale = t ? mn_h5_dataset_1d(f->file, "time", f->ntime, t) : -1;
    free(t);
    if (time_scale < 0) return -1;
    int rc = mn_h5_describe(time_scale, "day", "time since the start of the simulation",
                            "days from day 0 of each course (output.step_days grid)");
    rc |= mn_h5_attr_str(time_scale, "axis", "T");
    rc |= mn_h5_make_scale(time_scale, "time");
    if (rc) {
        H5Dclose(time_scale);
        return -1;
    }
    return time_scale;
}

/* The result variables (metrics, status, failure day, solver statistics, trajectories), left
 * open in f, described and attached to the scales. */
static int create_results(mn_sweep_file *f, hid_t *scales, int n_scales, hid_t time_scale)
{
    int rc = 0;
    double nan = NAN;
    for (int m = 0; m < M_COUNT && rc == 0; m++) {
        f->metric[m] =
            create_var(f, mn_metric_table[m].name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &nan, 0);
        if (f->metric[m] < 0)
            rc = -1;
        else
            rc |= mn_h5_describe(f->metric[m], mn_metric_table[m].unit,
                                 mn_metric_table[m].description,
                                 "course metric (NaN where the course is invalid or failed)") |
                  attach_dims(f->metric[m], scales, n_scales, -1);
    }
    signed char zero8 = 0;
    if (rc == 0) {
        f->status = create_var(f, "status", H5T_STD_I8LE, H5T_NATIVE_SCHAR, &zero8, 0);
        static const signed char flags[4] = {0, 1, 2, 3};
        if (f->status < 0)
            rc = -1;
        else
            rc |= mn_h5_describe(f->status, NULL, "status of the course",
                                 "0 pending (not simulated yet), 1 ok, 2 invalid parameter "
                                 "combination, 3 solver failed") |
                  attr_i8_array(f->status, "flag_values", flags, 4) |
                  mn_h5_attr_str(f->status, "flag_meanings", "pending ok invalid solver_failed") |
                  attach_dims(f->status, scales, n_scales, -1);
    }
    if (rc == 0) {
        f->fail_day = create_var(f, "failure_day", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &nan, 0);
        if (f->fail_day < 0)
            rc = -1;
        else
            rc |= mn_h5_describe(f->fail_day, "day", "day the solver failed",
                                 "simulated day of a solver failure (NaN otherwise)") |
                  attach_dims(f->fail_day, scales, n_scales, -1);
    }
    int64_t zero64 = 0;
    for (int k = 0; k < MN_SWEEP_N_STATS && rc == 0; k++) {
        f->stat[k] = create_var(f, stat_names[k], H5T_STD_I64LE, H5T_NATIVE_INT64, &zero64, 0);
        if (f->stat[k] < 0)
            rc = -1;
        else
            rc |= mn_h5_describe(f->stat[k], "1", stat_desc[k], "solver statistics") |
                  attach_dims(f->stat[k], scales, n_scales, -1);
    }
    for (int k = 0; k < O_COUNT && f->ntime && rc == 0; k++) {
        char name[200];
        snprintf(name, sizeof name, "traj_%s", mn_observables[k].name);
        f->traj[k] = create_var(f, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &nan, 1);
        if (f->traj[k] < 0)
            rc = -1;
        else
            rc |= mn_h5_describe(f->traj[k], mn_observables[k].unit, mn_observables[k].description,
                                 "observable sampled on the time grid (NaN after a failure)") |
                  attach_dims(f->traj[k], scales, n_scales, time_scale);
    }
    return rc;
}

static int create_file(const mn_sweep *s, const mn_sweep_options *o, int threads,
                       const char *partial, mn_sweep_file *f, mn_error *err)
{
    f->file = H5Fcreate(partial, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f->file < 0) return mn_fail(err, "%s: cannot create the file", partial);
    if (write_attributes(s, o, threads, f->file) != 0)
        return mn_fail(err, "%s: writing attributes: HDF5 error", partial);
    hid_t scales[MN_SWEEP_MAXR], time_scale = -1;
    int n_scales = 0;
    int rc = create_point_scales(s, f, scales, &n_scales);
    if (f->ntime && rc == 0 && (time_scale = create_time_scale(s, f)) < 0) rc = -1;
    if (rc == 0) rc = create_results(f, scales, n_scales, time_scale);
    for (int k = 0; k < n_scales; k++)
        H5Dclose(scales[k]);
    if (time_scale >= 0) H5Dclose(time_scale);
    if (rc) return mn_fail(err, "%s: creating the datasets: HDF5 error", partial);
    if (H5Fflush(f->file, H5F_SCOPE_LOCAL) < 0) return mn_fail(err, "%s: cannot flush", partial);
    return 0;
}

/* The file-access list of the build (MPI-IO or default) with a bounded metadata cache: HDF5's
 * adaptive cache otherwise grows with the chunk index of a large sweep (RSS must stay flat). */
static hid_t bounded_file_access(void)
{
    hid_t base = mn_par_file_access();
    if (base < 0) return -1;
    hid_t fapl = base == H5P_DEFAULT ? H5Pcreate(H5P_FILE_ACCESS) : H5Pcopy(base);
    mn_par_plist_close(base);
    if (fapl < 0) return -1;
    H5AC_cache_config_t mdc;
    mdc.version = H5AC__CURR_CACHE_CONFIG_VERSION;
    if (H5Pget_mdc_config(fapl, &mdc) >= 0) {
        mdc.set_initial_size = 1;
        mdc.initial_size = (size_t)1 << 18;
        mdc.min_size = (size_t)1 << 18;
        mdc.max_size = (size_t)1 << 20;
        H5Pset_mdc_config(fapl, &mdc);
    }
    return fapl;
}

/* Open a result dataset with a chunk cache of one of its chunks: blocks are written in index
 * order, so more only grows memory with the number of points (HDF5's default is 1 MiB per
 * dataset, tens of MiB over all of them). w0 = 1: evict chunks written in full first. */
static hid_t open_var(hid_t file, const char *name)
{
    hid_t d = H5Dopen2(file, name, H5P_DEFAULT);
    if (d < 0) return -1;
    hid_t dcpl = H5Dget_create_plist(d), type = H5Dget_type(d);
    hsize_t chunk[MN_SWEEP_MAXR + 1];
    int rank = dcpl < 0 ? -1 : H5Pget_chunk(dcpl, MN_SWEEP_MAXR + 1, chunk);
    size_t bytes = type < 0 ? 0 : H5Tget_size(type);
    for (int k = 0; k < rank; k++)
        bytes *= (size_t)chunk[k];
    if (dcpl >= 0) H5Pclose(dcpl);
    if (type >= 0) H5Tclose(type);
    if (rank <= 0 || bytes == 0) return d;
    H5Dclose(d);
    hid_t dapl = H5Pcreate(H5P_DATASET_ACCESS);
    H5Pset_chunk_cache(dapl, 101, bytes, 1.0);
    d = H5Dopen2(file, name, dapl);
    H5Pclose(dapl);
    return d;
}

/* Point-index range [lo, hi) of chunk (over the point dims) number `seg`; seg >= nseg gives n. */
size_t mn_sweep_file_seg_lo(const mn_sweep_file *f, size_t seg)
{
    size_t n = 1, inner = 1;
    for (int k = 0; k < f->rank; k++)
        n *= (size_t)f->dims[k];
    if (seg >= f->nseg) return n;
    for (int k = f->kc + 1; k < f->rank; k++)
        inner *= (size_t)f->dims[k];
    size_t dk = (size_t)f->dims[f->kc], ck = (size_t)f->pchunk[f->kc];
    size_t per_row = (dk + ck - 1) / ck, row = seg / per_row, j = seg % per_row;
    return (row * dk + j * ck) * inner;
}

/* Derive kc and nseg from pchunk (checked: outer dims 1, inner dims whole). */
static int chunk_layout(mn_sweep_file *f)
{
    f->kc = 0;
    for (int k = 0; k < f->rank; k++)
        if (f->pchunk[k] < f->dims[k]) f->kc = k;
    size_t outer = 1;
    for (int k = 0; k < f->rank; k++) {
        if (f->pchunk[k] == 0 || f->pchunk[k] > f->dims[k]) return -1;
        if (k < f->kc && f->pchunk[k] != 1) return -1;
        if (k < f->kc) outer *= (size_t)f->dims[k];
    }
    size_t dk = (size_t)f->dims[f->kc], ck = (size_t)f->pchunk[f->kc];
    f->nseg = outer * ((dk + ck - 1) / ck);
    return 0;
}

long mn_sweep_file_attr_long(hid_t file, const char *name)
{
    long v = 0;
    hid_t a = H5Aexists(file, name) > 0 ? H5Aopen(file, name, H5P_DEFAULT) : -1;
    if (a >= 0) {
        H5Aread(a, H5T_NATIVE_LONG, &v);
        H5Aclose(a);
    }
    return v;
}

int mn_sweep_file_same_sweep(hid_t file, const mn_sweep *s, const mn_sweep_options *o,
                             const char *partial, mn_error *err)
{
    char *text = mn_h5_read_attr_str_alloc(file, "sweep_text");
    char *base = mn_h5_read_attr_str_alloc(file, "base_ini_text");
    char kind[64] = "";
    mn_h5_read_attr_str(file, "mnsim_file_kind", kind, sizeof kind);
    /* "sensitivity": the samples were complete and analysed, but the run stopped before the
     * rename; resuming analyses them again */
    int same = text && base && (strcmp(kind, "sweep") == 0 || strcmp(kind, "sensitivity") == 0) &&
               strcmp(text, s->text) == 0 && strcmp(base, s->base_text) == 0;
    free(text);
    free(base);
    if (!same)
        return mn_fail(err,
                       "%s: cannot resume: it was started from a different sweep file or "
                       "base INI than %s (the stored sweep_text/base_ini_text differ); delete it "
                       "to start again",
                       partial, s->path),
               -2;
    long traj = mn_sweep_file_attr_long(file, "trajectories");
    if ((traj != 0) != (o->trajectories != 0))
        return mn_fail(err, "%s: cannot resume: it was started %s --trajectories; resume %s it",
                       partial, traj ? "with" : "without", traj ? "with" : "without"),
               -2;
    return 0;
}

/* Open `partial` for writing: every rank together (MPI-IO under MPI), or, `alone`, this process
 * with plain HDF5 (rank 0's repair before a resume under MPI). */
int mn_sweep_file_open(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                       mn_sweep_file *f, int alone, mn_error *err)
{
    hid_t fapl = alone ? H5Pcreate(H5P_FILE_ACCESS) : bounded_file_access();
    f->file = fapl < 0 ? -1 : H5Fopen(partial, H5F_ACC_RDWR, fapl);
    if (fapl >= 0) H5Pclose(fapl);
    if (f->file < 0) return mn_fail(err, "%s: cannot open the file", partial);
    int same = mn_sweep_file_same_sweep(f->file, s, o, partial, err);
    if (same != 0) return same;
    int rc = 0;
    for (int m = 0; m < M_COUNT; m++)
        rc |= (f->metric[m] = open_var(f->file, mn_metric_table[m].name)) < 0;
    rc |= (f->status = open_var(f->file, "status")) < 0;
    rc |= (f->fail_day = open_var(f->file, "failure_day")) < 0;
    for (int k = 0; k < MN_SWEEP_N_STATS; k++)
        rc |= (f->stat[k] = open_var(f->file, stat_names[k])) < 0;
    for (int k = 0; k < O_COUNT && f->ntime; k++) {
        char name[200];
        snprintf(name, sizeof name, "traj_%s", mn_observables[k].name);
        rc |= (f->traj[k] = open_var(f->file, name)) < 0;
    }
    if (s->design != MN_DESIGN_GRID) {
        rc |= (f->point = open_var(f->file, "point")) < 0;
        for (int k = 0; k < s->n_axes; k++)
            rc |= (f->design[f->n_design++] = open_var(f->file, s->axes[k].dim)) < 0;
    }
    if (rc) return mn_fail(err, "%s: cannot resume: a dataset is missing", partial);
    /* The shape must match the sweep (it does when the texts match; check anyway). */
    hid_t space = H5Dget_space(f->status);
    hsize_t dims[MN_SWEEP_MAXR];
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    if (rank != f->rank || memcmp(dims, f->dims, sizeof(hsize_t) * (size_t)rank) != 0)
        return mn_fail(err, "%s: cannot resume: its shape does not match the sweep", partial);
    /* blocks are runs of the file's chunks, whatever the block size of this execution */
    hid_t dcpl = H5Dget_create_plist(f->status);
    int crank = dcpl < 0 ? -1 : H5Pget_chunk(dcpl, MN_SWEEP_MAXR, f->pchunk);
    if (dcpl >= 0) H5Pclose(dcpl);
    if (crank != f->rank || chunk_layout(f) != 0)
        return mn_fail(err, "%s: cannot resume: unexpected chunk layout", partial);
    return 0;
}

int mn_sweep_file_close(mn_sweep_file *f)
{
    if (f->file < 0) return 0;
    for (int m = 0; m < M_COUNT; m++)
        if (f->metric[m] >= 0) H5Dclose(f->metric[m]);
    if (f->status >= 0) H5Dclose(f->status);
    if (f->fail_day >= 0) H5Dclose(f->fail_day);
    for (int k = 0; k < MN_SWEEP_N_STATS; k++)
        if (f->stat[k] >= 0) H5Dclose(f->stat[k]);
    for (int k = 0; k < O_COUNT; k++)
        if (f->traj[k] >= 0) H5Dclose(f->traj[k]);
    if (f->point >= 0) H5Dclose(f->point);
    for (int k = 0; k < f->n_design; k++)
        if (f->design[k] >= 0) H5Dclose(f->design[k]);
    handles_none(f);
    f->n_design = 0;
    int rc = mn_h5_close_file(f->file); /* a failed close skips HDF5's exit-time cleanup */
    f->file = -1;
    if (f->xfer != H5P_DEFAULT) H5Pclose(f->xfer);
    f->xfer = H5P_DEFAULT;
    return rc;
}

/* ---- blocks ---- */

int mn_sweep_block_io(mn_sweep_file *f, mn_sweep_block *b, int read)
{
    int rc = 0;
    for (int m = 0; m < M_COUNT && rc == 0; m++)
        rc = io_range(f, f->metric[m], H5T_NATIVE_DOUBLE, b->metric + (size_t)m * b->cap, b->lo,
                      b->hi, 0, read);
    if (rc == 0)
        rc = io_range(f, f->fail_day, H5T_NATIVE_DOUBLE, b->fail_day, b->lo, b->hi, 0, read);
    for (int k = 0; k < MN_SWEEP_N_STATS && rc == 0; k++)
        rc = io_range(f, f->stat[k], H5T_NATIVE_INT64, b->stat + (size_t)k * b->cap, b->lo, b->hi,
                      0, read);
    for (int k = 0; k < O_COUNT && f->ntime && rc == 0; k++)
        rc = io_range(f, f->traj[k], H5T_NATIVE_DOUBLE, b->traj + (size_t)k * b->cap * f->ntime,
                      b->lo, b->hi, f->ntime, read);
    /* non-grid: point index and design values (a read only verifies their checksums) */
    if (f->point >= 0 && rc == 0) {
        for (size_t i = b->lo; i < b->hi && !read; i++)
            b->index[i - b->lo] = (int64_t)i;
        rc = io_range(f, f->point, H5T_NATIVE_INT64, b->index, b->lo, b->hi, 0, read);
    }
    size_t d = (size_t)f->n_design, nb = b->hi - b->lo;
    for (size_t k = 0; k < d && rc == 0; k++) {
        for (size_t i = 0; i < nb && !read; i++)
            b->column[i] = b->design[i * d + k];
        rc = io_range(f, f->design[k], H5T_NATIVE_DOUBLE, b->column, b->lo, b->hi, 0, read);
    }
    if (read) return rc;
    /* Status last, after the data are on disk (flushed): a point counts as done only once its
     * results, trajectories and design values are in the file, whenever the process dies. */
    if (rc == 0 && H5Fflush(f->file, H5F_SCOPE_LOCAL) < 0) rc = -1;
    if (rc == 0) rc = io_range(f, f->status, H5T_NATIVE_SCHAR, b->status, b->lo, b->hi, 0, 0);
    if (rc == 0 && H5Fflush(f->file, H5F_SCOPE_LOCAL) < 0) rc = -1;
    return rc;
}

/* Write block b (chunks [s0, s1)) as plain, unfiltered chunks, directly (H5Dwrite_chunk): the way
 * to repair a block whose chunk is damaged, because HDF5 reads an edge chunk back before writing
 * it (the write does not cover the whole chunk) and cannot read a damaged one (nor, in 1.10, an
 * edge chunk replaced directly). A chunk holds one contiguous range of point indices in the
 * same order as the block buffer, so each chunk is one slice of it. Data first, status last.
 * Serial HDF5 only (no direct chunk I/O under MPI-IO). */
int mn_sweep_block_write_direct(mn_sweep_file *f, mn_sweep_block *b, size_t s0, size_t s1)
{
    size_t cpoints = 1, nt = f->ntime ? f->ntime : 1;
    for (int k = 0; k < f->rank; k++)
        cpoints *= (size_t)f->pchunk[k];
    unsigned char *chunk = malloc(cpoints * nt * sizeof(double));
    if (!chunk) return -1;
    size_t dk = (size_t)f->dims[f->kc], ck = (size_t)f->pchunk[f->kc], per_row = (dk + ck - 1) / ck;
    size_t d = (size_t)f->n_design;
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++) { /* 0: data, 1: status */
        for (size_t seg = s0; seg < s1 && seg < f->nseg && rc == 0; seg++) {
            hsize_t off[MN_SWEEP_MAXR + 1] = {0};
            size_t row = seg / per_row;
            off[f->kc] = (hsize_t)((seg % per_row) * ck);
            for (int k = f->kc - 1; k >= 0; k--) {
                off[k] = (hsize_t)(row % (size_t)f->dims[k]);
                row /= (size_t)f->dims[k];
            }
            size_t from = mn_sweep_file_seg_lo(f, seg) - b->lo,
                   cnt = mn_sweep_file_seg_lo(f, seg + 1) - mn_sweep_file_seg_lo(f, seg);
            /* one dataset: `cnt` items of `size` bytes at src with stride `step` items */
#define PUT(dset, src, size, step)                                                                 \
    do {                                                                                           \
        memset(chunk, 0, cpoints *(size));                                                         \
        for (size_t i_ = 0; i_ < cnt; i_++)                                                        \
            memcpy(chunk + i_ * (size), (const unsigned char *)(src) + (i_ * (step)) * (size),     \
                   (size));                                                                        \
        if (rc == 0 &&                                                                             \
            H5Dwrite_chunk((dset), H5P_DEFAULT, 0xffffffffu, off, cpoints * (size), chunk) < 0)    \
            rc = -1;                                                                               \
    } while (0)
            if (pass == 1) {
                PUT(f->status, b->status + from, 1, 1);
                continue;
            }
            for (int m = 0; m < M_COUNT; m++)
                PUT(f->metric[m], b->metric + (size_t)m * b->cap + from, sizeof(double), 1);
            PUT(f->fail_day, b->fail_day + from, sizeof(double), 1);
            for (int k = 0; k < MN_SWEEP_N_STATS; k++)
                PUT(f->stat[k], b->stat + (size_t)k * b->cap + from, sizeof(int64_t), 1);
            for (int k = 0; k < O_COUNT && f->ntime; k++)
                PUT(f->traj[k], b->traj + ((size_t)k * b->cap + from) * f->ntime,
                    f->ntime * sizeof(double), 1);
            if (f->point >= 0) {
                for (size_t i = 0; i < cnt; i++)
                    b->index[i] = (int64_t)(b->lo + from + i);
                PUT(f->point, b->index, sizeof(int64_t), 1);
            }
            for (size_t k = 0; k < d; k++)
                PUT(f->design[k], b->design + from * d + k, sizeof(double), d);
#undef PUT
        }
        if (rc == 0 && H5Fflush(f->file, H5F_SCOPE_LOCAL) < 0) rc = -1;
    }
    free(chunk);
    return rc;
}

void mn_sweep_block_clear(mn_sweep_block *b, size_t ntime)
{
    size_t n = b->hi - b->lo;
    for (int m = 0; m < M_COUNT; m++)
        for (size_t i = 0; i < n; i++)
            b->metric[(size_t)m * b->cap + i] = NAN;
    for (size_t i = 0; i < n; i++)
        b->fail_day[i] = NAN;
    memset(b->stat, 0, MN_SWEEP_N_STATS * b->cap * sizeof *b->stat);
    for (size_t i = 0; i < O_COUNT * b->cap * ntime; i++)
        b->traj[i] = NAN;
}

/* Blank every point of b: NaN values and design, status 0 (pending). */
void mn_sweep_block_blank(const mn_sweep *s, const mn_sweep_file *f, mn_sweep_block *b)
{
    mn_sweep_block_clear(b, f->ntime);
    memset(b->status, 0, b->cap);
    for (size_t i = 0; i < b->cap * (size_t)(s->n_axes > 0 ? s->n_axes : 1); i++)
        b->design[i] = NAN;
}

int mn_sweep_block_alloc(mn_sweep_block *b, size_t cap, size_t ntime, int n_axes)
{
    size_t nt = ntime ? ntime : 1, d = (size_t)(n_axes > 0 ? n_axes : 1);
    memset(b, 0, sizeof *b);
    b->cap = cap;
    b->metric = malloc((size_t)M_COUNT * cap * sizeof *b->metric);
    b->status = malloc(cap);
    b->fail_day = malloc(cap * sizeof *b->fail_day);
    b->stat = malloc((size_t)MN_SWEEP_N_STATS * cap * sizeof *b->stat);
    b->traj = malloc((size_t)O_COUNT * cap * nt * sizeof *b->traj);
    b->design = malloc(cap * d * sizeof *b->design);
    b->column = malloc(cap * sizeof *b->column);
    b->index = malloc(cap * sizeof *b->index);
    if (!b->metric || !b->status || !b->fail_day || !b->stat || !b->traj || !b->design ||
        !b->column || !b->index)
        return -1;
    return 0;
}

/* A block buffer for one chunk's points, blank: NaN values, status 0 (pending). */
int mn_sweep_block_alloc_chunk(const mn_sweep *s, const mn_sweep_file *f, mn_sweep_block *b)
{
    if (mn_sweep_block_alloc(b, mn_sweep_file_seg_points(f), f->ntime, s->n_axes) != 0) return -1;
    b->hi = b->cap;
    mn_sweep_block_blank(s, f, b);
    return 0;
}

void mn_sweep_block_free(mn_sweep_block *b)
{
    free(b->metric);
    free(b->status);
    free(b->fail_day);
    free(b->stat);
    free(b->traj);
    free(b->design);
    free(b->column);
    free(b->index);
}

/* Written while the file is created (under its temporary name): the first chunk of every dataset,
 * blank, so that the chunk indexes exist before the first block is written. Creating an index
 * writes new metadata, and a process killed while HDF5 flushes it can leave object headers
 * beyond the end of file the superblock records, which no resume can read. */
static int write_blank_first_chunk(const mn_sweep *s, mn_sweep_file *f)
{
    mn_sweep_block b;
    int rc = mn_sweep_block_alloc_chunk(s, f, &b);
    if (rc == 0) {
        b.lo = 0;
        b.hi = mn_sweep_file_seg_lo(f, 1);
        rc = mn_sweep_block_write_direct(f, &b, 0, 1);
    }
    mn_sweep_block_free(&b);
    return rc;
}

/* Created under a temporary name and renamed once its structure is on disk: a kill during
 * creation leaves no .partial that cannot be resumed. */
int mn_sweep_file_create(const mn_sweep *s, const mn_sweep_options *o, int threads,
                         const char *partial, const char *dir, mn_sweep_file *f, mn_error *err)
{
    char creating[4300];
    snprintf(creating, sizeof creating, "%s.new", partial);
    int rc = create_file(s, o, threads, creating, f, err);
    if (rc == 0 && write_blank_first_chunk(s, f) != 0)
        rc = mn_fail(err, "%s: creating the file failed%s", creating, mn_sweep_disk_hint(dir));
    if (mn_sweep_file_close(f) != 0 && rc == 0)
        rc = mn_fail(err, "%s: creating the file failed%s", creating, mn_sweep_disk_hint(dir));
    if (rc == 0) rc = mn_outfile_commit_keep(creating, partial, err); /* fsync, then rename */
    if (rc != 0) remove(creating); /* nothing computed: leave nothing behind */
    return rc;
}

/* Read the status of block [lo, hi) and count its points by status (counts[status]). */
int mn_sweep_block_count_status(mn_sweep_file *f, mn_sweep_block *b, size_t lo, size_t hi,
                                long counts[4])
{
    if (io_range(f, f->status, H5T_NATIVE_SCHAR, b->status, lo, hi, 0, 1) != 0) return -1;
    for (size_t i = 0; i < hi - lo; i++)
        if (b->status[i] >= 0 && b->status[i] < 4) counts[b->status[i]]++;
    return 0;
}

/* Transfer list of block writes: collective under MPI; checksums are not verified when a write
 * reads a chunk back (a damaged edge chunk is being overwritten, not trusted). */
int mn_sweep_file_transfer(mn_sweep_file *f)
{
    hid_t x = mn_par_transfer();
    if (x < 0) return f->xfer = -1;
    hid_t c = x == H5P_DEFAULT ? H5Pcreate(H5P_DATASET_XFER) : x;
    if (c >= 0 && H5Pset_edc_check(c, H5Z_DISABLE_EDC) < 0) {
        H5Pclose(c);
        c = -1;
    }
    f->xfer = c;
    return c < 0 ? -1 : 0;
}
