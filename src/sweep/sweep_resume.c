/* sweep_resume.c — continuing an interrupted sweep: the read-only identity check of the .partial
 * file, rank 0's repair of damaged chunks under MPI, the count of points already done, and the
 * state of each block as the file records it (a chunk failing its Fletcher-32 checksum makes its
 * block pending again). */
#include <hdf5.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "h5util.h"
#include "sweep_progress.h"
#include "sweep_resume.h"

int mn_sweep_resume_check(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
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
    int rc = mn_sweep_file_same_sweep(file, s, o, partial, err);
    long layout = mn_sweep_file_attr_long(file, "chunk_aligned_blocks");
    mn_h5_close_file(file); /* read-only: nothing to lose, but HDF5's exit must not crash */
    if (rc != 0) return rc;
    if (layout != 1)
        return mn_fail(err,
                       "%s: cannot resume: it was written by an older mnsim (blocks not aligned "
                       "to chunks); delete it to start again",
                       partial),
               -2;
    return 0;
}

/* A process killed while HDF5 flushes its metadata can leave chunk-index entries (and the chunks
 * they point to, already written) beyond the end-of-file address the superblock records, which
 * was to be written last: every read or rewrite of such a chunk then fails ("addr overflow") and
 * the block can never be written again. The bytes are in the file, so the recorded end is moved
 * up to the file's real size with H5Fincrement_filesize (EOA = max(EOA, EOF)): the chunks become
 * readable, and one that was cut short fails its Fletcher-32 checksum and is recomputed like any
 * damaged chunk. Called only once the file is known to be this sweep's .partial. */
int mn_sweep_resume_fix_eoa(const char *partial)
{
    hid_t f = H5Fopen(partial, H5F_ACC_RDWR, H5P_DEFAULT);
    if (f < 0) return -1;
    int rc = H5Fincrement_filesize(f, 0) < 0 ? -1 : 0;
    if (mn_h5_close_file(f) != 0) rc = -1;
    return rc;
}

/* Direct chunk writes do not exist under MPI-IO, and a collective write cannot overwrite an edge
 * chunk it cannot read back: rank 0 opens the file alone first and replaces every chunk that
 * cannot be read (a block killed mid-write) by a blank, unfiltered one. The ranks then simulate
 * those points again like any other pending ones. Chunk by chunk, so the repair does not depend
 * on the block size of this execution. */
int mn_sweep_resume_repair(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                           mn_sweep_file *f, mn_error *err)
{
    int rc = mn_sweep_file_open(s, o, partial, f, 1, err);
    mn_sweep_block b;
    if (mn_sweep_block_alloc_chunk(s, f, &b) != 0 && rc == 0) rc = mn_fail(err, "out of memory");
    long ignored[4];
    for (size_t seg = 0; seg < f->nseg && rc == 0; seg++) {
        b.lo = mn_sweep_file_seg_lo(f, seg);
        b.hi = mn_sweep_file_seg_lo(f, seg + 1);
        if (mn_sweep_block_count_status(f, &b, b.lo, b.hi, ignored) == 0 &&
            mn_sweep_block_io(f, &b, 1) == 0)
            continue;
        mn_sweep_block_blank(s, f, &b);
        if (mn_sweep_block_write_direct(f, &b, seg, seg + 1) != 0)
            rc = mn_fail(err, "%s: cannot repair the damaged chunk of points %zu-%zu", partial,
                         b.lo, b.hi - 1);
    }
    mn_sweep_block_free(&b);
    if (mn_sweep_file_close(f) != 0 && rc == 0)
        rc = mn_fail(err, "%s: closing the file failed", partial);
    return rc;
}

void mn_sweep_resume_count(mn_sweep_file *f, mn_sweep_block *b, size_t first, size_t step,
                           size_t nblocks, size_t g, volatile sig_atomic_t *stop, long counts[4],
                           int show)
{
    double t0 = mn_sweep_now_s(), last = t0;
    for (size_t k = first; k < nblocks && !*stop; k += step) {
        mn_sweep_block_count_status(f, b, mn_sweep_file_seg_lo(f, k * g),
                                    mn_sweep_file_seg_lo(f, (k + 1) * g), counts);
        double t = mn_sweep_now_s();
        if (show && t - last >= 2.0) { /* a long count (10^9 points: seconds) says so */
            last = t;
            fprintf(stderr, "sweep: resume: %zu of %zu points checked (%.0f s)\n",
                    mn_sweep_file_seg_lo(f, (k + 1) * g), mn_sweep_file_seg_lo(f, f->nseg), t - t0);
        }
    }
}

int mn_sweep_resume_block(mn_sweep_file *f, mn_sweep_block *b, long counts[4])
{
    size_t nb = b->hi - b->lo, done = 0;
    int damaged = 0;
    long before[4] = {0, 0, 0, 0};
    if (mn_sweep_block_count_status(f, b, b->lo, b->hi, before) != 0) {
        memset(b->status, 0, nb);
        damaged = 1;
    } else {
        for (int c = 1; c < 4; c++)
            counts[c] -= before[c];
        for (size_t i = 0; i < nb; i++)
            done += b->status[i] != 0;
    }
    if (done && mn_sweep_block_io(f, b, 1) != 0) { /* damaged: recompute the whole block */
        memset(b->status, 0, nb);
        done = 0;
        damaged = 1;
    }
    if (done == nb) {
        for (size_t i = 0; i < nb; i++) /* intact and complete: count it back */
            if (b->status[i] > 0 && b->status[i] < 4) counts[b->status[i]]++;
        b->hi = b->lo; /* nothing to simulate or write */
    } else if (!done) {
        mn_sweep_block_clear(b, f->ntime);
    }
    return damaged;
}
