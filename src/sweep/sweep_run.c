/* sweep_run.c — running a sweep into one HDF5 file: creates (or resumes) OUT.h5.partial with every
 * dataset shaped on the grid axes (or a `point` dim), then simulates contiguous blocks of point
 * indices with OpenMP (one runner per thread; a point is a pure function of its index, so data are
 * bit-identical for any thread count) and writes each block as a hyperslab union, status last.
 * Stops cleanly between courses when asked (SIGINT/SIGTERM); renames the file when complete.
 * Under MPI (parallel.h) rank 0 creates the file alone, then every rank opens it with MPI-IO and
 * blocks go round-robin to ranks: in each round every rank simulates its block and all write
 * together (collective I/O, which the deflated trajectories need), then agree on errors and on
 * stopping. One rank gives the same code path with no MPI at all. */
#include <errno.h>
#include <hdf5.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "h5util.h"
#include "metrics.h"
#include "parallel.h"
#include "params.h"
#include "runfile.h"
#include "runner.h"
#include "schedule.h"
#include "sweep.h"

enum { MAXR = MN_SWEEP_MAX_AXES + 1 };
enum { N_STATS = 3 };
#define TRAJ_COMPRESSION 0.35 /* compressed / raw size of trajectories (shuffle + deflate 1) */
static const char *stat_names[N_STATS] = {"steps", "rhs_evals", "rejected_steps"};
static const char *stat_desc[N_STATS] = {"accepted integrator steps of the course",
                                         "right-hand-side evaluations of the course",
                                         "rejected integrator steps of the course"};

/* The output file and its datasets. */
typedef struct {
    hid_t file;
    hid_t xfer;         /* transfer list of block writes (collective under MPI) */
    int rank;           /* point dims: number of grid axes, or 1 (`point`) */
    hsize_t dims[MAXR]; /* point dims */
    size_t ntime;       /* trajectory samples (0 = no trajectories) */
    hid_t metric[M_COUNT], status, fail_day, stat[N_STATS], traj[O_COUNT];
    hid_t point, design[MN_SWEEP_MAX_AXES]; /* non-grid: point index and swept values */
    int n_design;
    /* Every dataset has the same chunk shape over the point dims (trajectories add the whole time
     * dim): inner dims whole, dim kc partly, outer dims 1, so each chunk holds one contiguous
     * range of point indices. Blocks are runs of whole chunks: no chunk is shared by two blocks,
     * so a chunk is written once, in full, and never rewritten in place. */
    hsize_t pchunk[MAXR];
    int kc;
    size_t nseg; /* number of chunks over the point dims */
} out_file;

/* One block of results in memory: [lo, hi) of the linear point index. */
typedef struct {
    size_t lo, hi, cap;
    double *metric; /* M_COUNT x cap (metric-major, so each metric is contiguous) */
    signed char *status;
    double *fail_day;
    int64_t *stat;  /* N_STATS x cap */
    double *traj;   /* O_COUNT x cap x ntime */
    double *design; /* non-grid: cap x n_axes */
    double *column; /* non-grid: one swept variable of the block */
    int64_t *index; /* non-grid: point indices of the block */
} block_buf;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- selections: a contiguous linear range of a row-major N-D array as a hyperslab union ---- */

static int select_range(hid_t space, int rank, const hsize_t *dims, size_t lo, size_t hi,
                        size_t ntime)
{
    hsize_t S[MAXR], idx[MAXR], start[MAXR], count[MAXR];
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
static int io_range(const out_file *f, hid_t dset, hid_t mem_type, void *buf, size_t lo, size_t hi,
                    size_t inner, int read)
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

static hid_t create_var(const out_file *f, const char *name, hid_t file_type, hid_t mem_type,
                        const void *fill, int with_time)
{
    hsize_t dims[MAXR + 1], chunk[MAXR + 1];
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
static int create_design(const mn_sweep *s, out_file *f, hid_t point_scale)
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

static int create_file(const mn_sweep *s, const mn_sweep_options *o, int threads,
                       const char *partial, out_file *f, mn_error *err)
{
    f->file = H5Fcreate(partial, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    if (f->file < 0) return mn_fail(err, "%s: cannot create the file", partial);
    int rc = 0;
    rc |= mn_h5_provenance(f->file, "sweep", "mnsim parameter sweep", o->argc, o->argv);
    rc |= mn_h5_write_parameters((long)f->file, s->base);
    char *swept = join_names(s, 0), *full = join_names(s, 1);
    if (!swept || !full)
        rc = -1;
    else {
        rc |= mn_h5_attr_str(f->file, "design", mn_design_name(s->design));
        rc |= mn_h5_attr_str(f->file, "swept", swept);
        rc |= mn_h5_attr_str(f->file, "swept_parameters", full);
    }
    free(swept);
    free(full);
    rc |= mn_h5_attr_str(f->file, "sweep_text", s->text);
    rc |= mn_h5_attr_str(f->file, "sweep_file", s->path);
    rc |= mn_h5_attr_str(f->file, "base_ini", s->base_path);
    rc |= mn_h5_attr_str(f->file, "base_ini_text", s->base_text);
    rc |= mn_h5_attr_long(f->file, "seed", (long)s->seed);
    rc |= mn_h5_attr_long(f->file, "points", (long)s->n_points);
    rc |= mn_h5_attr_long(f->file, "trajectories", o->trajectories);
    /* blocks are runs of whole chunks, data flushed before status (resume relies on both) */
    rc |= mn_h5_attr_long(f->file, "chunk_aligned_blocks", 1);
    /* the execution that created the file (a resume may use other counts; data never depend on
     * them) */
    rc |= mn_h5_attr_long(f->file, "mpi_ranks", mn_par_size());
    rc |= mn_h5_attr_long(f->file, "threads_per_rank", threads);
    if (rc) return mn_fail(err, "%s: writing attributes: HDF5 error", partial);

    /* dimension scales */
    hid_t scales[MAXR], time_scale = -1;
    int n_scales = 0;
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
                scales[n_scales++] = d;
                rc |= mn_h5_describe(d, pi->unit, name, desc);
                if (pi->kind == MN_ENUM) rc |= mn_h5_attr_str(d, "choices", pi->choices);
                rc |= mn_h5_make_scale(d, ax->dim);
            }
        }
    } else {
        int64_t zero = 0;
        hid_t d = create_var(f, "point", H5T_STD_I64LE, H5T_NATIVE_INT64, &zero, 0);
        if (d < 0)
            rc = -1;
        else {
            scales[n_scales++] = d;
            rc |= mn_h5_describe(d, "1", "design point index",
                                 "index of the point in the design (0-based)");
            rc |= mn_h5_make_scale(d, "point");
        }
        if (rc == 0) rc = create_design(s, f, d);
    }
    if (f->ntime && rc == 0) {
        double *t = malloc(f->ntime * sizeof *t);
        if (!t) rc = -1;
        for (size_t k = 0; t && k < f->ntime; k++)
            t[k] = (double)k * s->base[P_output_step_days];
        time_scale = t ? mn_h5_dataset_1d(f->file, "time", f->ntime, t) : -1;
        free(t);
        if (time_scale < 0)
            rc = -1;
        else {
            rc |= mn_h5_describe(time_scale, "day", "time since the start of the simulation",
                                 "days from day 0 of each course (output.step_days grid)");
            rc |= mn_h5_attr_str(time_scale, "axis", "T");
            rc |= mn_h5_make_scale(time_scale, "time");
        }
    }
    /* variables */
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
    for (int k = 0; k < N_STATS && rc == 0; k++) {
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
    hsize_t chunk[MAXR + 1];
    int rank = dcpl < 0 ? -1 : H5Pget_chunk(dcpl, MAXR + 1, chunk);
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
static size_t seg_lo(const out_file *f, size_t seg)
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
static int chunk_layout(out_file *f)
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

/* Check that `partial` holds this sweep, reading it only: a file that cannot be resumed is left
 * exactly as it was. Returns 0, -1 (cannot open: err) or -2 (another sweep: err). */
static int check_resumable(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                           mn_error *err)
{
    struct stat st;
    if (stat(partial, &st) == 0 && st.st_size == 0)
        return mn_fail(err,
                       "%s: cannot resume: the file is empty (its creation failed, e.g. on a full "
                       "disk); delete it to start again",
                       partial),
               -2;
    hid_t file = H5Fopen(partial, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0)
        return mn_fail(err,
                       "%s: cannot resume: not a readable HDF5 file (damaged or truncated); it was "
                       "left as it is; delete it to start again",
                       partial),
               -2;
    char *text = mn_h5_read_attr_str_alloc(file, "sweep_text");
    char *base = mn_h5_read_attr_str_alloc(file, "base_ini_text");
    char kind[64] = "";
    mn_h5_read_attr_str(file, "mnsim_file_kind", kind, sizeof kind);
    int same = text && base && strcmp(kind, "sweep") == 0 && strcmp(text, s->text) == 0 &&
               strcmp(base, s->base_text) == 0;
    long traj = 0, layout = 0;
    hid_t a = H5Aopen(file, "trajectories", H5P_DEFAULT);
    if (a >= 0) {
        H5Aread(a, H5T_NATIVE_LONG, &traj);
        H5Aclose(a);
    }
    a = H5Aexists(file, "chunk_aligned_blocks") > 0
            ? H5Aopen(file, "chunk_aligned_blocks", H5P_DEFAULT)
            : -1;
    if (a >= 0) {
        H5Aread(a, H5T_NATIVE_LONG, &layout);
        H5Aclose(a);
    }
    H5Fclose(file);
    free(text);
    free(base);
    if (!same)
        return mn_fail(err,
                       "%s: cannot resume: it was started from a different sweep file or "
                       "base INI than %s (the stored sweep_text/base_ini_text differ); delete it "
                       "to start again",
                       partial, s->path),
               -2;
    if ((traj != 0) != (o->trajectories != 0))
        return mn_fail(err, "%s: cannot resume: it was started %s --trajectories; resume %s it",
                       partial, traj ? "with" : "without", traj ? "with" : "without"),
               -2;
    if (layout != 1)
        return mn_fail(err,
                       "%s: cannot resume: it was written by an older mnsim (blocks not aligned "
                       "to chunks); delete it to start again",
                       partial),
               -2;
    return 0;
}

/* Open `partial` for writing: every rank together (MPI-IO under MPI), or, `alone`, this process
 * with plain HDF5 (rank 0's repair before a resume under MPI). */
static int open_file(const mn_sweep *s, const mn_sweep_options *o, const char *partial, out_file *f,
                     int alone, mn_error *err)
{
    hid_t fapl = alone ? H5Pcreate(H5P_FILE_ACCESS) : bounded_file_access();
    f->file = fapl < 0 ? -1 : H5Fopen(partial, H5F_ACC_RDWR, fapl);
    if (fapl >= 0) H5Pclose(fapl);
    if (f->file < 0) return mn_fail(err, "%s: cannot open the file", partial);
    char *text = mn_h5_read_attr_str_alloc(f->file, "sweep_text");
    char *base = mn_h5_read_attr_str_alloc(f->file, "base_ini_text");
    char kind[64] = "";
    mn_h5_read_attr_str(f->file, "mnsim_file_kind", kind, sizeof kind);
    int same = text && base && strcmp(kind, "sweep") == 0 && strcmp(text, s->text) == 0 &&
               strcmp(base, s->base_text) == 0;
    free(text);
    free(base);
    if (!same)
        return mn_fail(err,
                       "%s: cannot resume: it was started from a different sweep file or "
                       "base INI than %s (the stored sweep_text/base_ini_text differ); delete it "
                       "to start again",
                       partial, s->path),
               -2;
    long traj = 0;
    hid_t a = H5Aopen(f->file, "trajectories", H5P_DEFAULT);
    if (a >= 0) {
        H5Aread(a, H5T_NATIVE_LONG, &traj);
        H5Aclose(a);
    }
    if ((traj != 0) != (o->trajectories != 0))
        return mn_fail(err, "%s: cannot resume: it was started %s --trajectories; resume %s it",
                       partial, traj ? "with" : "without", traj ? "with" : "without"),
               -2;
    int rc = 0;
    for (int m = 0; m < M_COUNT; m++)
        rc |= (f->metric[m] = open_var(f->file, mn_metric_table[m].name)) < 0;
    rc |= (f->status = open_var(f->file, "status")) < 0;
    rc |= (f->fail_day = open_var(f->file, "failure_day")) < 0;
    for (int k = 0; k < N_STATS; k++)
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
    hsize_t dims[MAXR];
    int rank = H5Sget_simple_extent_dims(space, dims, NULL);
    H5Sclose(space);
    if (rank != f->rank || memcmp(dims, f->dims, sizeof(hsize_t) * (size_t)rank) != 0)
        return mn_fail(err, "%s: cannot resume: its shape does not match the sweep", partial);
    /* blocks are runs of the file's chunks, whatever the block size of this execution */
    hid_t dcpl = H5Dget_create_plist(f->status);
    int crank = dcpl < 0 ? -1 : H5Pget_chunk(dcpl, MAXR, f->pchunk);
    if (dcpl >= 0) H5Pclose(dcpl);
    if (crank != f->rank || chunk_layout(f) != 0)
        return mn_fail(err, "%s: cannot resume: unexpected chunk layout", partial);
    return 0;
}

static int close_file(out_file *f)
{
    if (f->file < 0) return 0;
    for (int m = 0; m < M_COUNT; m++)
        if (f->metric[m] >= 0) H5Dclose(f->metric[m]);
    if (f->status >= 0) H5Dclose(f->status);
    if (f->fail_day >= 0) H5Dclose(f->fail_day);
    for (int k = 0; k < N_STATS; k++)
        if (f->stat[k] >= 0) H5Dclose(f->stat[k]);
    for (int k = 0; k < O_COUNT; k++)
        if (f->traj[k] >= 0) H5Dclose(f->traj[k]);
    if (f->point >= 0) H5Dclose(f->point);
    for (int k = 0; k < f->n_design; k++)
        if (f->design[k] >= 0) H5Dclose(f->design[k]);
    f->status = f->fail_day = f->point = -1;
    for (int m = 0; m < M_COUNT; m++)
        f->metric[m] = -1;
    for (int k = 0; k < N_STATS; k++)
        f->stat[k] = -1;
    for (int k = 0; k < O_COUNT; k++)
        f->traj[k] = -1;
    f->n_design = 0;
    int rc = H5Fclose(f->file) < 0 ? -1 : 0;
    if (rc) mn_h5_mark_failed_close();
    f->file = -1;
    if (f->xfer != H5P_DEFAULT) H5Pclose(f->xfer);
    f->xfer = H5P_DEFAULT;
    return rc;
}

/* ---- blocks ---- */

static int block_io(out_file *f, block_buf *b, int read)
{
    int rc = 0;
    for (int m = 0; m < M_COUNT && rc == 0; m++)
        rc = io_range(f, f->metric[m], H5T_NATIVE_DOUBLE, b->metric + (size_t)m * b->cap, b->lo,
                      b->hi, 0, read);
    if (rc == 0)
        rc = io_range(f, f->fail_day, H5T_NATIVE_DOUBLE, b->fail_day, b->lo, b->hi, 0, read);
    for (int k = 0; k < N_STATS && rc == 0; k++)
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
static int write_block_direct(out_file *f, block_buf *b, size_t s0, size_t s1)
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
            hsize_t off[MAXR + 1] = {0};
            size_t row = seg / per_row;
            off[f->kc] = (hsize_t)((seg % per_row) * ck);
            for (int k = f->kc - 1; k >= 0; k--) {
                off[k] = (hsize_t)(row % (size_t)f->dims[k]);
                row /= (size_t)f->dims[k];
            }
            size_t from = seg_lo(f, seg) - b->lo, cnt = seg_lo(f, seg + 1) - seg_lo(f, seg);
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
            for (int k = 0; k < N_STATS; k++)
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

static void block_clear(block_buf *b, size_t ntime)
{
    size_t n = b->hi - b->lo;
    for (int m = 0; m < M_COUNT; m++)
        for (size_t i = 0; i < n; i++)
            b->metric[(size_t)m * b->cap + i] = NAN;
    for (size_t i = 0; i < n; i++)
        b->fail_day[i] = NAN;
    memset(b->stat, 0, N_STATS * b->cap * sizeof *b->stat);
    for (size_t i = 0; i < O_COUNT * b->cap * ntime; i++)
        b->traj[i] = NAN;
}

static int count_status(out_file *f, block_buf *b, size_t lo, size_t hi, long counts[4]);

/* Blank every point of b: NaN values and design, status 0 (pending). */
static void block_blank(const mn_sweep *s, const out_file *f, block_buf *b)
{
    block_clear(b, f->ntime);
    memset(b->status, 0, b->cap);
    for (size_t i = 0; i < b->cap * (size_t)(s->n_axes > 0 ? s->n_axes : 1); i++)
        b->design[i] = NAN;
}

/* A block buffer for one chunk's points, blank: NaN values, status 0 (pending). */
static int blank_chunk_alloc(const mn_sweep *s, const out_file *f, block_buf *b)
{
    size_t cap = (size_t)f->pchunk[f->kc]; /* the points of one chunk */
    for (int k = f->kc + 1; k < f->rank; k++)
        cap *= (size_t)f->dims[k];
    size_t nt = f->ntime ? f->ntime : 1, d = (size_t)(s->n_axes > 0 ? s->n_axes : 1);
    memset(b, 0, sizeof *b);
    b->cap = cap;
    b->metric = malloc((size_t)M_COUNT * cap * sizeof *b->metric);
    b->status = malloc(cap);
    b->fail_day = malloc(cap * sizeof *b->fail_day);
    b->stat = malloc((size_t)N_STATS * cap * sizeof *b->stat);
    b->traj = malloc((size_t)O_COUNT * cap * nt * sizeof *b->traj);
    b->design = malloc(cap * d * sizeof *b->design);
    b->column = malloc(cap * sizeof *b->column);
    b->index = malloc(cap * sizeof *b->index);
    if (!b->metric || !b->status || !b->fail_day || !b->stat || !b->traj || !b->design ||
        !b->column || !b->index)
        return -1;
    b->hi = cap;
    block_blank(s, f, b);
    return 0;
}

static void block_free(block_buf *b)
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
static int write_blank_first_chunk(const mn_sweep *s, out_file *f)
{
    block_buf b;
    int rc = blank_chunk_alloc(s, f, &b);
    if (rc == 0) {
        b.lo = 0;
        b.hi = seg_lo(f, 1);
        rc = write_block_direct(f, &b, 0, 1);
    }
    block_free(&b);
    return rc;
}

/* Before the ranks of an MPI run open a resumed file together, rank 0 opens it alone and replaces
 * every chunk that cannot be read (a block killed mid-write) by a blank, unfiltered chunk whose
 * points are pending: direct chunk writes do not exist under MPI-IO, and a collective write
 * cannot overwrite an edge chunk it cannot read back. The ranks then simulate those points
 * again like any other pending ones. Chunk by chunk, so the repair does not depend on the block
 * size of this execution. */
static int repair_damaged_chunks(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                                 out_file *f, mn_error *err)
{
    int rc = open_file(s, o, partial, f, 1, err);
    block_buf b;
    if (blank_chunk_alloc(s, f, &b) != 0 && rc == 0) rc = mn_fail(err, "out of memory");
    long ignored[4];
    for (size_t seg = 0; seg < f->nseg && rc == 0; seg++) {
        b.lo = seg_lo(f, seg);
        b.hi = seg_lo(f, seg + 1);
        if (count_status(f, &b, b.lo, b.hi, ignored) == 0 && block_io(f, &b, 1) == 0) continue;
        block_blank(s, f, &b);
        if (write_block_direct(f, &b, seg, seg + 1) != 0)
            rc = mn_fail(err, "%s: cannot repair the damaged chunk of points %zu-%zu", partial,
                         b.lo, b.hi - 1);
    }
    block_free(&b);
    if (close_file(f) != 0 && rc == 0) rc = mn_fail(err, "%s: closing the file failed", partial);
    return rc;
}

typedef struct {
    double *row; /* O_COUNT rows of stride cap*ntime; this point's offset applied */
    size_t stride, ntime, k;
} traj_sink;

static void sample_cb(void *user, double t, const double *y, const double *obs)
{
    (void)t;
    (void)y;
    traj_sink *s = user;
    if (s->k < s->ntime)
        for (int o = 0; o < O_COUNT; o++)
            s->row[(size_t)o * s->stride + s->k] = obs[o];
    s->k++;
}

/* ---- progress ---- */

typedef struct {
    int enabled, tty;
    double t0, last;
    size_t total, base; /* points in the file / done before this execution */
    int last_decile;
} progress;

static void progress_show(progress *pg, size_t done_now, int final)
{
    if (!pg->enabled) return;
    double t = now_s(), el = t - pg->t0;
    size_t done = pg->base + done_now;
    double frac = pg->total ? (double)done / (double)pg->total : 1.0;
    double rate = el > 0 ? (double)done_now / el : 0.0;
    double eta = rate > 0 ? (double)(pg->total - done) / rate : 0.0;
    if (pg->tty) {
        if (!final && t - pg->last < 0.2) return;
        pg->last = t;
        char bar[41];
        int fill = (int)(frac * 40);
        for (int i = 0; i < 40; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[40] = '\0';
        fprintf(stderr, "\r[%s] %5.1f%% %zu/%zu  %.0f courses/s  ETA %.0f s  ", bar, 100 * frac,
                done, pg->total, rate, eta);
        if (final) fputc('\n', stderr);
        fflush(stderr);
    } else {
        int decile = (int)(frac * 10);
        /* 100 % only from the final call: after the last write, at the summary's time */
        if (decile > pg->last_decile && (decile < 10 || final)) {
            pg->last_decile = decile;
            fprintf(stderr, "sweep: %3d%% (%zu/%zu points, %.0f courses/s, ETA %.0f s)\n",
                    decile * 10, done, pg->total, rate, eta);
        }
    }
}

/* ---- the run ---- */

static size_t trajectory_samples(const double *p)
{
    double step = p[P_output_step_days], end = p[P_schedule_course_days];
    size_t k = 0;
    while ((double)k * step <= end)
        k++;
    return k;
}

/* Collective: every rank returns the rc (and gets the message) of the lowest rank whose rc is not
 * 0, or 0 when every rank succeeded. The identity with one rank. */
static int agree(int rc, mn_error *err)
{
    long who = mn_par_min_long(rc ? (long)mn_par_rank() : LONG_MAX);
    if (who == LONG_MAX) return 0;
    mn_par_bcast(&rc, sizeof rc, (int)who);
    mn_par_bcast(err, sizeof *err, (int)who);
    return rc;
}

/* Read the status of block [lo, hi) and count its points by status (counts[status]). */
static int count_status(out_file *f, block_buf *b, size_t lo, size_t hi, long counts[4])
{
    if (io_range(f, f->status, H5T_NATIVE_SCHAR, b->status, lo, hi, 0, 1) != 0) return -1;
    for (size_t i = 0; i < hi - lo; i++)
        if (b->status[i] >= 0 && b->status[i] < 4) counts[b->status[i]]++;
    return 0;
}

/* ---- disk space ---- */

/* Bytes one point adds to the file: every per-point value, trajectories at the compression deflate
 * typically reaches on them (measured: about 1/3 of the raw size; docs/FILE-FORMAT.md), plus 4 %
 * for chunk checksums and indexes. An estimate: the block-by-block check below has the last say. */
static double bytes_per_point(const mn_sweep *s, const out_file *f)
{
    double b = 8.0 * M_COUNT + 1 + 8 + 8.0 * N_STATS;
    if (s->design != MN_DESIGN_GRID) b += 8.0 * (1 + s->n_axes);
    b += 8.0 * O_COUNT * (double)f->ntime * TRAJ_COMPRESSION;
    return 1.04 * b;
}

static double free_bytes(const char *dir)
{
    struct statvfs v;
    if (statvfs(dir, &v) != 0) return INFINITY; /* unknown: let the writes tell */
    return (double)v.f_bavail * (double)v.f_frsize;
}

/* " (disk full: N bytes free on DIR)" when the file system of dir is (nearly) full, else "". */
static const char *disk_hint(const char *dir)
{
    static char hint[4400];
    double avail = free_bytes(dir);
    hint[0] = '\0';
    if (avail < (double)(1 << 20))
        snprintf(hint, sizeof hint, " (disk full: %.0f bytes free on %s)", avail, dir);
    return hint;
}

enum { SPACE_MARGIN = 1 << 20 }; /* metadata flushed on close, chunk indexes */

static int check_space(const char *dir, size_t points, double per_point, mn_error *err)
{
    double need = (double)points * per_point + SPACE_MARGIN, avail = free_bytes(dir);
    if (avail >= need) return 0;
    return mn_fail(err,
                   "not enough disk space for the sweep: it needs about %.1f MB (%zu points x "
                   "%.0f bytes), and %s has %.1f MB free",
                   need / 1e6, points, per_point, dir, avail / 1e6);
}

static int check_block_space(const char *dir, size_t points, double per_point, mn_error *err)
{
    double need = 2.0 * (double)points * per_point + SPACE_MARGIN, avail = free_bytes(dir);
    if (avail >= need) return 0;
    return mn_fail(err,
                   "disk full: %s has %.1f MB free and the next block needs about %.1f MB; the "
                   "points done so far are kept: free some space, then continue with --resume",
                   dir, avail / 1e6, need / 1e6);
}

/* Transfer list of block writes: collective under MPI; checksums are not verified when a write
 * reads a chunk back (a damaged edge chunk is being overwritten, not trusted). */
static hid_t transfer_list(void)
{
    hid_t x = mn_par_transfer();
    if (x < 0) return -1;
    hid_t c = x == H5P_DEFAULT ? H5Pcreate(H5P_DATASET_XFER) : x;
    if (c >= 0 && H5Pset_edc_check(c, H5Z_DISABLE_EDC) < 0) {
        H5Pclose(c);
        return -1;
    }
    return c;
}

int mn_sweep_run(const mn_sweep *s, const mn_sweep_options *o, mn_sweep_summary *sum, mn_error *err)
{
    memset(sum, 0, sizeof *sum);
    const int me = mn_par_rank(), R = mn_par_size();
    char partial[4200];
    mn_partial_name(o->output, partial, sizeof partial);
    struct stat st;
    if (!o->no_write && me == 0 && stat(partial, &st) == 0 && !S_ISREG(st.st_mode))
        return mn_fail(err, "%s exists and is not a regular file", partial), -2;
    if (!o->no_write) {
        /* rank 0 looks, so no rank sees the file another rank is about to create */
        int exists = me == 0 && stat(partial, &st) == 0;
        mn_par_bcast(&exists, sizeof exists, 0);
        if (exists && !o->resume)
            return mn_fail(err,
                           "%s exists (an interrupted sweep?): continue it with --resume, or "
                           "delete it to start again",
                           partial),
                   -2;
        if (!exists && o->resume)
            return mn_fail(err, "nothing to resume: %s does not exist", partial), -2;
    }
    if (o->trajectories)
        for (int k = 0; k < s->n_axes; k++)
            if (s->axes[k].id == P_schedule_course_days || s->axes[k].id == P_output_step_days) {
                char name[160];
                mn_param_name(s->axes[k].id, name, sizeof name);
                return mn_fail(err,
                               "%s:%d: --trajectories needs the same time grid for every "
                               "point, but %s is swept",
                               s->path, s->axes[k].line, name),
                       -2;
            }

    out_file f;
    memset(&f, 0, sizeof f);
    f.file = -1;
    f.xfer = H5P_DEFAULT;
    f.status = f.fail_day = f.point = -1;
    for (int m = 0; m < M_COUNT; m++)
        f.metric[m] = -1;
    for (int k = 0; k < N_STATS; k++)
        f.stat[k] = -1;
    for (int k = 0; k < O_COUNT; k++)
        f.traj[k] = -1;
    if (s->design == MN_DESIGN_GRID) {
        f.rank = s->n_axes;
        for (int k = 0; k < s->n_axes; k++)
            f.dims[k] = s->axes[k].n_values;
    } else {
        f.rank = 1;
        f.dims[0] = s->n_points;
    }
    f.ntime = o->trajectories ? trajectory_samples(s->base) : 0;

    int threads = o->threads > 0 ? o->threads : omp_get_max_threads();
    mn_par_bcast(&threads, sizeof threads, 0); /* one count for the whole run (provenance) */
    size_t n = s->n_points;
    size_t B = o->block_points ? o->block_points : 4096;
    if (!o->block_points && R > 1) { /* several blocks per rank, so every rank gets work */
        size_t per = (n + 4 * (size_t)R - 1) / (4 * (size_t)R);
        size_t least = (size_t)threads * 8;
        if (per < least) per = least;
        if (B > per) B = per;
    }
    if (f.ntime) { /* keep trajectory buffers near 64 MB */
        size_t per_point = (size_t)O_COUNT * f.ntime * sizeof(double);
        size_t cap = ((size_t)64 << 20) / per_point;
        if (cap < (size_t)threads * 4) cap = (size_t)threads * 4;
        if (B > cap) B = cap;
    }
    if (B > n) B = n;
    if (B == 0) B = 1;
    /* chunks of at most 4096 points (trajectories: about 64 Ki values), never more than a block */
    size_t target = f.ntime ? ((size_t)65536 / f.ntime > 0 ? (size_t)65536 / f.ntime : 1) : 4096;
    if (target > B) target = B;
    chunk_shape(f.rank, f.dims, (hsize_t)target, f.pchunk);
    chunk_layout(&f);

    const double point_bytes = bytes_per_point(s, &f);
    char copy[4200], dir[4200];
    snprintf(copy, sizeof copy, "%s", partial);
    snprintf(dir, sizeof dir, "%s", dirname(copy)); /* dirname may modify and return copy */
    mn_design_state *ds = NULL;
    int rc = 0;
    if (!o->no_write) {
        /* rank 0 creates the file alone (attributes, scales: plain HDF5), then every rank opens it
         * (MPI-IO under MPI). A resume is checked read-only first: a file that cannot be resumed
         * is left untouched. */
        if (me == 0 && o->resume) rc = check_resumable(s, o, partial, err);
        if (me == 0 && o->resume && rc == 0 && mn_par_is_mpi())
            rc = repair_damaged_chunks(s, o, partial, &f, err);
        if (me == 0 && !o->resume) rc = check_space(dir, n, point_bytes, err);
        if (!o->resume && me == 0 && rc == 0) {
            /* created under a temporary name and renamed once its structure is on disk: a kill
             * during creation leaves no .partial that cannot be resumed */
            char creating[4300];
            snprintf(creating, sizeof creating, "%s.new", partial);
            rc = create_file(s, o, threads, creating, &f, err);
            if (rc == 0 && write_blank_first_chunk(s, &f) != 0)
                rc = mn_fail(err, "%s: creating the file failed%s", creating, disk_hint(dir));
            if (close_file(&f) != 0 && rc == 0)
                rc = mn_fail(err, "%s: creating the file failed%s", creating, disk_hint(dir));
            if (rc == 0 && rename(creating, partial) != 0)
                rc = mn_fail(err, "cannot rename %s to %s: %s", creating, partial, strerror(errno));
            if (rc != 0) remove(creating); /* nothing computed: leave nothing behind */
        }
        rc = agree(rc, err);
        if (rc == 0) rc = open_file(s, o, partial, &f, 0, err);
        rc = agree(rc, err);
        if (rc == 0 && (f.xfer = transfer_list()) < 0) rc = mn_fail(err, "HDF5: transfer list");
    }
    /* blocks are runs of g whole chunks: block k is chunks [k g, (k + 1) g) */
    size_t inner = 1;
    for (int k = f.kc + 1; k < f.rank; k++)
        inner *= (size_t)f.dims[k];
    size_t seg_points = (size_t)f.pchunk[f.kc] * inner;
    size_t g = B / seg_points > 0 ? B / seg_points : 1;
    B = g * seg_points;
    if (B > n) B = n;
    /* blocks go round-robin to ranks: block k to rank k mod R */
    const size_t nblocks = (f.nseg + g - 1) / g, rounds = (nblocks + (size_t)R - 1) / (size_t)R;

    block_buf b = {.cap = B};
    b.metric = malloc((size_t)M_COUNT * B * sizeof *b.metric);
    b.status = malloc(B);
    b.fail_day = malloc(B * sizeof *b.fail_day);
    b.stat = malloc((size_t)N_STATS * B * sizeof *b.stat);
    b.traj = malloc((size_t)O_COUNT * B * (f.ntime ? f.ntime : 1) * sizeof *b.traj);
    b.design = malloc(B * (size_t)s->n_axes * sizeof *b.design);
    b.column = malloc(B * sizeof *b.column);
    b.index = malloc(B * sizeof *b.index);
    mn_runner **runners = calloc((size_t)threads, sizeof *runners);
    if (rc == 0 && (!b.metric || !b.status || !b.fail_day || !b.stat || !b.traj || !b.design ||
                    !b.column || !b.index || !runners))
        rc = mn_fail(err, "out of memory");
    for (int t = 0; t < threads && rc == 0; t++)
        if (!(runners[t] = mn_runner_new())) rc = mn_fail(err, "out of memory");

    volatile sig_atomic_t no_stop = 0;
    volatile sig_atomic_t *stop = o->stop ? o->stop : &no_stop;
    /* points already done (resume): every rank counts its own blocks; a status chunk that fails
     * its checksum counts as pending (its block is simulated again) */
    long counts[4] = {0, 0, 0, 0};
    for (size_t k = (size_t)me; k < nblocks && rc == 0 && o->resume && !*stop; k += (size_t)R)
        count_status(&f, &b, seg_lo(&f, k * g), seg_lo(&f, (k + 1) * g), counts);
    rc = agree(rc, err);
    size_t done_before = (size_t)mn_par_sum_long(counts[1] + counts[2] + counts[3]);
    if (rc == 0 && o->resume && me == 0) rc = check_space(dir, n - done_before, point_bytes, err);
    rc = agree(rc, err);
    sum->total = n;
    sum->done_before = done_before;
    sum->threads = threads;

    progress pg = {.enabled = !o->quiet && me == 0,
                   .tty = isatty(2),
                   .t0 = now_s(),
                   .total = n,
                   .base = done_before,
                   .last_decile = (int)(10.0 * (double)done_before / (double)(n ? n : 1))};
    size_t done_now = 0, done_all = 0; /* this rank / every rank, as of the last round */
    size_t first_index = SIZE_MAX;     /* lowest failing point of this rank in this execution */
    char first_failure[512] = "";
    int stopping = mn_par_any(*stop != 0);

    for (size_t t = 0; t < rounds && rc == 0 && !stopping; t++) {
        size_t k = t * (size_t)R + (size_t)me;
        b.lo = k < nblocks ? seg_lo(&f, k * g) : 0;
        b.hi = k < nblocks ? seg_lo(&f, (k + 1) * g) : 0;
        size_t nb = b.hi - b.lo, round_start = done_now;
        int damaged = 0;
        memset(b.status, 0, nb);
        if (o->resume && nb) {
            /* what the file says is done: status, then every dataset of the block, each chunk
             * checked against its Fletcher-32 checksum; a damaged block is simulated again */
            size_t done = 0;
            long before[4] = {0, 0, 0, 0};
            if (count_status(&f, &b, b.lo, b.hi, before) != 0) {
                memset(b.status, 0, nb);
                damaged = 1;
            } else {
                for (int c = 1; c < 4; c++)
                    counts[c] -= before[c];
                for (size_t i = 0; i < nb; i++)
                    done += b.status[i] != 0;
            }
            if (done && block_io(&f, &b, 1) != 0) { /* damaged: recompute the whole block */
                memset(b.status, 0, nb);
                done = 0;
                damaged = 1;
            }
            if (done == nb) {
                for (size_t i = 0; i < nb; i++) /* intact and complete: count it back */
                    if (b.status[i] > 0 && b.status[i] < 4) counts[b.status[i]]++;
                b.hi = b.lo, nb = 0; /* nothing to simulate or write */
            } else if (!done) {
                block_clear(&b, f.ntime);
            }
        } else if (nb) {
            block_clear(&b, f.ntime);
        }
        if (rc == 0 && nb && s->design != MN_DESIGN_GRID &&
            mn_sweep_design(s, b.lo, b.hi, b.design, &ds, err) != 0)
            rc = -1;
        /* refuse to start a block the disk cannot hold: the file stays resumable */
        if (rc == 0 && nb && !o->no_write) rc = check_block_space(dir, nb, point_bytes, err);
        if ((rc = agree(rc, err)) != 0) break;
#pragma omp parallel num_threads(threads) if (nb > 0)
        {
            mn_runner *w = runners[omp_get_thread_num()];
            double p[P_COUNT];
            mn_result res;
#pragma omp for schedule(dynamic, 4)
            for (size_t j = 0; j < nb; j++) {
                if (b.status[j] != 0 || *stop) continue;
                size_t i = b.lo + j;
                if (s->design == MN_DESIGN_GRID) {
                    mn_sweep_grid_point(s, i, p);
                } else {
                    memcpy(p, s->base, sizeof p);
                    for (int k = 0; k < s->n_axes; k++)
                        p[s->axes[k].id] = b.design[j * (size_t)s->n_axes + (size_t)k];
                }
                traj_sink sink = {
                    .row = b.traj + j * f.ntime, .stride = b.cap * f.ntime, .ntime = f.ntime};
                mn_observer ob = {
                    .step_days = p[P_output_step_days], .sample = sample_cb, .user = &sink};
                memset(&res, 0, sizeof res);
                if (!w) {
                    res.status = MN_COURSE_SOLVER_FAILED;
                    res.fail_day = 0;
                    snprintf(res.message, sizeof res.message, "out of memory");
                } else {
                    mn_run_course(w, p, f.ntime ? &ob : NULL, &res);
                }
                if (res.status == MN_COURSE_OK) {
                    for (int m = 0; m < M_COUNT; m++)
                        b.metric[(size_t)m * b.cap + j] = res.metrics[m];
                } else if (res.status == MN_COURSE_SOLVER_FAILED) {
                    b.fail_day[j] = res.fail_day; /* later samples stay NaN */
                }
                if (res.status != MN_COURSE_OK) {
#pragma omp critical(mn_sweep_first_failure)
                    if (i < first_index) { /* the lowest index: independent of threads/ranks */
                        first_index = i;
                        snprintf(first_failure, sizeof first_failure, "point %zu: %.480s", i,
                                 res.message);
                    }
                }
                b.stat[j] = (int64_t)res.steps;
                b.stat[b.cap + j] = (int64_t)res.rhs_evals;
                b.stat[2 * b.cap + j] = (int64_t)res.rejected_steps;
                b.status[j] = (signed char)res.status;
                size_t d;
#pragma omp atomic capture
                d = ++done_now;
                if (omp_get_thread_num() == 0) { /* rank 0's rate stands for every rank's */
                    size_t est = done_all + (d - round_start) * (size_t)R;
                    progress_show(&pg, est < n - done_before ? est : n - done_before, 0);
                }
            }
        }
        for (size_t i = 0; i < nb; i++)
            if (b.status[i] > 0 && b.status[i] < 4) counts[b.status[i]]++;
        /* every rank writes (collectively under MPI; an empty selection when it has nothing) */
        if (!o->no_write && (mn_par_is_mpi() || nb > 0)) {
            /* a damaged block (or, resuming, one whose write fails on a damaged chunk) is written
             * again chunk by chunk, unfiltered */
            int direct = damaged && !mn_par_is_mpi();
            int wrc = direct ? -1 : block_io(&f, &b, 0);
            if (wrc != 0 && o->resume && !mn_par_is_mpi())
                wrc = write_block_direct(&f, &b, k * g, (k + 1) * g);
            if (wrc != 0)
                rc = mn_fail(err, "%s: writing points %zu-%zu failed%s", partial, b.lo, b.hi - 1,
                             disk_hint(dir));
        }
        rc = agree(rc, err);
        done_all = (size_t)mn_par_sum_long((long)done_now);
        progress_show(&pg, done_all, 0);
        stopping = mn_par_any(*stop != 0); /* every rank finished its block: stop together */
    }
    done_all = (size_t)mn_par_sum_long((long)done_now);
    progress_show(&pg, done_all, 1);
    sum->done_now = done_all;
    sum->seconds = now_s() - pg.t0;
    /* the first failure over every rank: the lowest failing index */
    long first = mn_par_min_long(first_index == SIZE_MAX ? LONG_MAX : (long)first_index);
    if (first != LONG_MAX) {
        long owner = mn_par_min_long((long)first_index == first ? me : LONG_MAX);
        mn_par_bcast(first_failure, sizeof first_failure, (int)owner);
    }
    snprintf(sum->first_failure, sizeof sum->first_failure, "%s", first_failure);

    /* totals over the whole file: the counts of the resume scan, corrected block by block */
    if (rc == 0 && !o->no_write) {
        sum->ok = (size_t)mn_par_sum_long(counts[MN_COURSE_OK]);
        sum->invalid = (size_t)mn_par_sum_long(counts[MN_COURSE_INVALID]);
        sum->failed = (size_t)mn_par_sum_long(counts[MN_COURSE_SOLVER_FAILED]);
        sum->pending = n - sum->ok - sum->invalid - sum->failed;
    }
    if (o->no_write) sum->pending = n - done_all;
    sum->interrupted = rc == 0 && sum->pending > 0;

    for (int t = 0; t < threads && runners; t++)
        mn_runner_free(runners[t]);
    free(runners);
    free(b.metric);
    free(b.status);
    free(b.fail_day);
    free(b.stat);
    free(b.traj);
    free(b.design);
    free(b.column);
    free(b.index);
    mn_sweep_design_free(ds);
    if (close_file(&f) != 0 && rc == 0) /* collective under MPI */
        rc = mn_fail(err, "%s: closing the file failed%s", partial, disk_hint(dir));
    mn_par_barrier();
    /* rank 0 renames (or removes) once every rank has closed the file */
    int rename_rc = 0;
    if (me == 0 && rc == 0 && !o->no_write && !sum->interrupted && rename(partial, o->output) != 0)
        rename_rc = mn_fail(err, "cannot rename %s to %s: %s", partial, o->output, strerror(errno));
    rename_rc = agree(rename_rc, err);
    if (rc == 0) rc = rename_rc;
    if (me == 0 && rc != 0 && !o->resume && !o->no_write && done_all == 0)
        remove(partial); /* nothing computed: leave nothing behind */
    return rc;
}
