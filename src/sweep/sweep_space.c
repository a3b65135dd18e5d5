/* sweep_space.c — disk space of a sweep: the per-point size estimate, the checks before the sweep
 * and before each block, and the "the disk is full" hint of a failed write (mn_io_reason). */
#include <math.h>
#include <stdio.h>
#include <sys/statvfs.h>

#include "h5util.h"
#include "metrics.h"
#include "sweep_file.h"
#include "sweep_space.h"

#define TRAJ_COMPRESSION 0.35 /* compressed / raw size of trajectories (shuffle + deflate 1) */

/* Bytes one point adds to the file: every per-point value, trajectories at the compression deflate
 * typically reaches on them (measured: about 1/3 of the raw size; docs/FILE-FORMAT.md), plus 4 %
 * for chunk checksums and indexes. An estimate: the block-by-block check below has the last say. */
double mn_sweep_bytes_per_point(const mn_sweep *s, size_t ntime)
{
    double b = 8.0 * M_COUNT + 1 + 8 + 8.0 * MN_SWEEP_N_STATS;
    if (s->design != MN_DESIGN_GRID) b += 8.0 * (1 + s->n_axes);
    b += 8.0 * O_COUNT * (double)ntime * TRAJ_COMPRESSION;
    return 1.04 * b;
}

static double free_bytes(const char *dir)
{
    struct statvfs v;
    if (statvfs(dir, &v) != 0) return INFINITY; /* unknown: let the writes tell */
    return (double)v.f_bavail * (double)v.f_frsize;
}

const char *mn_sweep_disk_hint(const char *dir)
{
    static char hint[4600];
    char inside[4300];
    snprintf(inside, sizeof inside, "%s/.", dir);  /* mn_io_reason looks at its directory: dir */
    const char *why = mn_io_reason(inside, 0, ""); /* the wording of every other command */
    snprintf(hint, sizeof hint, "%s%s", why[0] ? ": " : "", why);
    return hint;
}

enum { SPACE_MARGIN = 1 << 20 }; /* metadata flushed on close, chunk indexes */

int mn_sweep_check_space(const char *dir, size_t points, double per_point, mn_error *err)
{
    double need = (double)points * per_point + SPACE_MARGIN, avail = free_bytes(dir);
    if (avail >= need) return 0;
    return mn_fail(err,
                   "not enough disk space for the sweep: it needs about %.1f MB (%zu points x "
                   "%.0f bytes), and %s has %.1f MB free",
                   need / 1e6, points, per_point, dir, avail / 1e6);
}

int mn_sweep_check_block_space(const char *dir, size_t points, double per_point, mn_error *err)
{
    double need = 2.0 * (double)points * per_point + SPACE_MARGIN, avail = free_bytes(dir);
    if (avail >= need) return 0;
    return mn_fail(err,
                   "the disk is full (%.1f MB free on %s, and the next block needs about %.1f "
                   "MB); the points done so far are kept: free some space, then continue with "
                   "--resume",
                   avail / 1e6, dir, need / 1e6);
}
