/* sweep_space.c — disk space of a sweep: the per-point size estimate, the checks before the sweep
 * and before each block, and the "the disk is full" hint of a failed write (mn_io_reason). */
#include <math.h>
#include <stdio.h>
#include <sys/statvfs.h>

#include "h5util.h"
#include "metrics.h"
#include "sweep_file.h"
#include "sweep_space.h"

/* Bytes of file per point, an upper bound for an uninterrupted sweep (a resume can add the space
 * of the chunks it rewrites), from the chunk layout f (mn_sweep_file_chunking or the file's):
 *
 *   raw   = bytes of one point's values, uncompressed: 8 per metric, 1 status, 8 failure day,
 *           8 per solver statistic, 8 x O_COUNT x ntime of trajectories, 8 x (1 + axes) of
 *           point index and design values (non-grid)
 *   D     = datasets holding per-point values (M_COUNT + 2 + stats + trajectories + design)
 *   C     = points per chunk, S = chunks (nseg; edge chunks are stored at full size)
 *   total = raw x C x (S + 1) x 1.001           every chunk at its raw size, plus the blank first
 *                                               chunk written unfiltered at creation (the file
 *                                               keeps its space); deflate's worst case adds
 *                                               < 0.1 % (zlib deflateBound)
 *         + S x D x 160                         per chunk and dataset: checksum (4), deflate
 *                                               header (13), v1 B-tree entry in a node at least
 *                                               half full (2 x 64)
 *         + D x 4096                            per dataset: the B-tree root node (2096) and its
 *                                               object header
 *   per point = total / points
 *
 * No credit is taken for compression (trajectories usually shrink to about 1/3, so real files are
 * 2-4 times smaller): the refusal must never let a sweep start that cannot end. */
double mn_sweep_bytes_per_point(const mn_sweep *s, const mn_sweep_file *f)
{
    double raw = 8.0 * M_COUNT + 1 + 8 + 8.0 * MN_SWEEP_N_STATS;
    double datasets = M_COUNT + 2 + MN_SWEEP_N_STATS;
    if (s->design != MN_DESIGN_GRID) {
        raw += 8.0 * (1 + s->n_axes);
        datasets += 1 + s->n_axes;
    }
    if (f->ntime) {
        raw += 8.0 * O_COUNT * (double)f->ntime;
        datasets += O_COUNT;
    }
    double C = (double)mn_sweep_file_seg_points(f), S = (double)f->nseg;
    double n = s->n_points > 0 ? (double)s->n_points : 1;
    double total = raw * C * (S + 1) * 1.001 + S * datasets * 160 + datasets * 4096;
    return total / n;
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
