/* sweep_file.h — the sweep output file, internal to src/sweep: its layout (point dims; one chunk
 * shape for every dataset, so each chunk holds one contiguous range of point indices), creating
 * it under a temporary name, opening it for writing (alone or by every rank), and blocks of
 * points in memory with their I/O: hyperslab writes with the status last, reads that verify the
 * checksums, and direct chunk writes that repair damaged chunks. */
#ifndef MN_SWEEP_FILE_H
#define MN_SWEEP_FILE_H

#include <hdf5.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics.h"
#include "sweep.h"

enum { MN_SWEEP_MAXR = MN_SWEEP_MAX_AXES + 1 }; /* point dims (+1 for time) */
enum { MN_SWEEP_N_STATS = 3 };                  /* steps, rhs_evals, rejected_steps */

/* The output file and its datasets. */
typedef struct {
    hid_t file;
    hid_t xfer;                  /* transfer list of block writes (collective under MPI) */
    int rank;                    /* point dims: number of grid axes, or 1 (`point`) */
    hsize_t dims[MN_SWEEP_MAXR]; /* point dims */
    size_t ntime;                /* trajectory samples (0 = no trajectories) */
    hid_t metric[M_COUNT], status, fail_day, stat[MN_SWEEP_N_STATS], traj[O_COUNT];
    hid_t point, design[MN_SWEEP_MAX_AXES]; /* non-grid: point index and swept values */
    int n_design;
    /* Every dataset has the same chunk shape over the point dims (trajectories add the whole time
     * dim): inner dims whole, dim kc partly, outer dims 1, so each chunk holds one contiguous
     * range of point indices. Blocks are runs of whole chunks: no chunk is shared by two blocks,
     * so a chunk is written once, in full, and never rewritten in place. */
    hsize_t pchunk[MN_SWEEP_MAXR];
    int kc;
    size_t nseg; /* number of chunks over the point dims */
} mn_sweep_file;

/* One block of results in memory: [lo, hi) of the linear point index. */
typedef struct {
    size_t lo, hi, cap;
    double *metric; /* M_COUNT x cap (metric-major, so each metric is contiguous) */
    signed char *status;
    double *fail_day;
    int64_t *stat;  /* MN_SWEEP_N_STATS x cap */
    double *traj;   /* O_COUNT x cap x ntime */
    double *design; /* non-grid: cap x n_axes */
    double *column; /* non-grid: one swept variable of the block */
    int64_t *index; /* non-grid: point indices of the block */
} mn_sweep_block;

/* ---- layout ---- */

/* No file open; point dims of the sweep (grid axes, or `point`); ntime trajectory samples. */
void mn_sweep_file_init(mn_sweep_file *f, const mn_sweep *s, size_t ntime);
/* Chunk shape of a new file: chunks of at most `target` points (whole inner dims first). */
void mn_sweep_file_chunking(mn_sweep_file *f, size_t target);
/* First point index of chunk `seg` (over the point dims); seg >= nseg gives the point count. */
size_t mn_sweep_file_seg_lo(const mn_sweep_file *f, size_t seg);
/* Points of one chunk (its part of dim kc times the inner dims). */
size_t mn_sweep_file_seg_points(const mn_sweep_file *f);

/* ---- the file ---- */

/* Rank 0 alone: create the file as PARTIAL.new (attributes, dimension scales, every dataset, a
 * blank first chunk so every chunk index exists), close it and rename it to `partial`. On failure
 * nothing is left behind. `dir` is the directory of the file (for disk-full hints). */
int mn_sweep_file_create(const mn_sweep *s, const mn_sweep_options *o, int threads,
                         const char *partial, const char *dir, mn_sweep_file *f, mn_error *err);
/* Open `partial` for writing: every rank together (MPI-IO under MPI), or, `alone`, this process
 * with plain HDF5. Checks that it holds this sweep. 0, -1 or -2 (another sweep: input error). */
int mn_sweep_file_open(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                       mn_sweep_file *f, int alone, mn_error *err);
/* -2 with err ("cannot resume: ...") unless the open `file` holds this sweep: a sweep file made
 * from the same sweep and base INI texts, with trajectories as asked; else 0. */
int mn_sweep_file_same_sweep(hid_t file, const mn_sweep *s, const mn_sweep_options *o,
                             const char *partial, mn_error *err);
/* A long root attribute of `file`, 0 when it is missing. */
long mn_sweep_file_attr_long(hid_t file, const char *name);
/* The transfer list of block writes (f->xfer): collective under MPI, no checksum verification
 * when a write reads a chunk back. 0 or -1. */
int mn_sweep_file_transfer(mn_sweep_file *f);
/* Close every dataset and the file (collective under MPI). 0, or -1 when the close failed. */
int mn_sweep_file_close(mn_sweep_file *f);

/* ---- blocks ---- */

/* Buffers for `cap` points (n_axes swept values each). 0 or -1 (out of memory; free anyway). */
int mn_sweep_block_alloc(mn_sweep_block *b, size_t cap, size_t ntime, int n_axes);
/* A buffer for one chunk's points, blank (see mn_sweep_block_blank). */
int mn_sweep_block_alloc_chunk(const mn_sweep *s, const mn_sweep_file *f, mn_sweep_block *b);
void mn_sweep_block_free(mn_sweep_block *b);
/* NaN metrics, failure days and trajectories, zero statistics, for the points [lo, hi). */
void mn_sweep_block_clear(mn_sweep_block *b, size_t ntime);
/* Every point of b blank: NaN values and design, status 0 (pending). */
void mn_sweep_block_blank(const mn_sweep *s, const mn_sweep_file *f, mn_sweep_block *b);

/* Write b's points [lo, hi) (data, flush, status, flush: a point counts as done only once its
 * data are on disk), or with `read` read them back, which verifies every chunk's checksum. */
int mn_sweep_block_io(mn_sweep_file *f, mn_sweep_block *b, int read);
/* Write b (chunks [s0, s1)) as plain, unfiltered chunks directly, data first, status last: the
 * repair of a damaged block. Serial HDF5 only. */
int mn_sweep_block_write_direct(mn_sweep_file *f, mn_sweep_block *b, size_t s0, size_t s1);
/* Read the status of [lo, hi) into b->status and add its points to counts[status]. */
int mn_sweep_block_count_status(mn_sweep_file *f, mn_sweep_block *b, size_t lo, size_t hi,
                                long counts[4]);

#endif
