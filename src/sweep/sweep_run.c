/* sweep_run.c — running a sweep into one HDF5 file: creates (or resumes) OUT.h5.partial
 * (sweep_file.c, sweep_resume.c), then simulates contiguous blocks of point indices with OpenMP
 * (one runner per thread; a point is a pure function of its index, so data are bit-identical for
 * any thread count) and writes each block, status last. Stops cleanly between courses when asked
 * (SIGINT/SIGTERM); renames the file when complete (after fsync: mn_outfile_commit_keep). Under MPI
 * (parallel.h) rank 0 creates the file alone, then every rank opens it with MPI-IO and blocks go
 * round-robin to ranks: in each round every rank simulates its block and all write together
 * (collective I/O, which the deflated trajectories need), then agree on errors and on stopping. One
 * rank gives the same code path with no MPI at all. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "h5util.h"
#include "metrics.h"
#include "outfile.h"
#include "parallel.h"
#include "params.h"
#include "runner.h"
#include "sweep.h"
#include "sweep_file.h"
#include "sweep_progress.h"
#include "sweep_resume.h"
#include "sweep_space.h"

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

static size_t trajectory_samples(const double *p)
{
    double step = p[P_output_step_days], end = p[P_schedule_course_days];
    size_t k = 0;
    while ((double)k * step <= end)
        k++;
    return k;
}

/* ---- before anything is written ---- */

/* Input problems found before the file is touched (-2 with err): a .partial that is not a regular
 * file, one that exists without --resume or is missing with it, trajectories over a swept course
 * length. */
static int preflight(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                     mn_error *err)
{
    const int me = mn_par_rank();
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
    return 0;
}

/* Points per block before rounding to whole chunks: --block, or 4096, fewer so that every rank
 * gets several blocks, and trajectory buffers near 64 MB; sets the file's chunk shape (chunks of
 * at most 4096 points, or about 64 Ki trajectory values, never more than a block). */
static size_t plan_blocks(const mn_sweep_options *o, mn_sweep_file *f, size_t n, int R, int threads)
{
    size_t B = o->block_points ? o->block_points : 4096;
    if (!o->block_points && R > 1) { /* several blocks per rank, so every rank gets work */
        size_t per = (n + 4 * (size_t)R - 1) / (4 * (size_t)R);
        size_t least = (size_t)threads * 8;
        if (per < least) per = least;
        if (B > per) B = per;
    }
    if (f->ntime) { /* keep trajectory buffers near 64 MB */
        size_t per_point = (size_t)O_COUNT * f->ntime * sizeof(double);
        size_t cap = ((size_t)64 << 20) / per_point;
        if (cap < (size_t)threads * 4) cap = (size_t)threads * 4;
        if (B > cap) B = cap;
    }
    if (B > n) B = n;
    if (B == 0) B = 1;
    size_t target = f->ntime ? ((size_t)65536 / f->ntime > 0 ? (size_t)65536 / f->ntime : 1) : 4096;
    if (target > B) target = B;
    mn_sweep_file_chunking(f, target);
    return B;
}

/* Make the file ready on every rank: rank 0 checks a resume read-only first (a file that cannot
 * be resumed is left untouched) and repairs damaged chunks under MPI, or checks the disk space
 * and creates the file alone (plain HDF5); then every rank opens it (MPI-IO under MPI). */
static int prepare_file(const mn_sweep *s, const mn_sweep_options *o, int threads,
                        const char *partial, const char *dir, double point_bytes, mn_sweep_file *f,
                        mn_error *err)
{
    const int me = mn_par_rank();
    int rc = 0;
    if (me == 0 && o->resume) rc = mn_sweep_resume_check(s, o, partial, err);
    if (me == 0 && o->resume && rc == 0 && mn_sweep_resume_fix_eoa(partial) != 0)
        rc = mn_fail(err, "%s: cannot update the file: %s", partial,
                     mn_io_reason(partial, errno, strerror(errno)));
    if (me == 0 && o->resume && rc == 0 && mn_par_is_mpi())
        rc = mn_sweep_resume_repair(s, o, partial, f, err);
    if (me == 0 && !o->resume) rc = mn_sweep_check_space(dir, s->n_points, point_bytes, err);
    if (!o->resume && me == 0 && rc == 0)
        rc = mn_sweep_file_create(s, o, threads, partial, dir, f, err);
    rc = agree(rc, err);
    if (rc == 0) rc = mn_sweep_file_open(s, o, partial, f, 0, err);
    rc = agree(rc, err);
    if (rc == 0 && mn_sweep_file_transfer(f) != 0) rc = mn_fail(err, "HDF5: transfer list");
    return rc;
}

/* ---- the worker loop ---- */

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

/* One execution's shared state: what the rounds read and update. */
typedef struct {
    const mn_sweep *s;
    const mn_sweep_options *o;
    const char *partial, *dir;
    int me, R, threads;
    size_t n, g, nblocks, rounds; /* points; chunks per block; blocks; rounds of R blocks */
    double point_bytes;
    mn_sweep_file f;
    mn_sweep_block b;
    mn_runner **runners;
    mn_design_state *ds;
    volatile sig_atomic_t *stop;
    long counts[4];            /* this rank's points by status, over the whole file */
    size_t done_before;        /* every rank, before this execution */
    size_t done_now, done_all; /* this rank / every rank, as of the last round */
    size_t first_index;        /* lowest failing point of this rank in this execution */
    char first_failure[512];
    mn_sweep_progress pg;
} sweep_exec;

/* Simulate the pending points of the block in memory (OpenMP threads, one runner each); stops
 * taking new courses once *stop is set. round_start: done_now when the round began. */
static void simulate_block(sweep_exec *x, size_t round_start)
{
    const mn_sweep *s = x->s;
    mn_sweep_block *b = &x->b;
    const size_t nb = b->hi - b->lo, ntime = x->f.ntime;
#pragma omp parallel num_threads(x->threads) if (nb > 0)
    {
        mn_runner *w = x->runners[omp_get_thread_num()];
        double p[P_COUNT];
        mn_result res;
#pragma omp for schedule(dynamic, 4)
        for (size_t j = 0; j < nb; j++) {
            if (b->status[j] != 0 || *x->stop) continue;
            size_t i = b->lo + j;
            if (s->design == MN_DESIGN_GRID) {
                mn_sweep_grid_point(s, i, p);
            } else {
                memcpy(p, s->base, sizeof p);
                for (int k = 0; k < s->n_axes; k++)
                    p[s->axes[k].id] = b->design[j * (size_t)s->n_axes + (size_t)k];
            }
            traj_sink sink = {.row = b->traj + j * ntime, .stride = b->cap * ntime, .ntime = ntime};
            mn_observer ob = {
                .step_days = p[P_output_step_days], .sample = sample_cb, .user = &sink};
            memset(&res, 0, sizeof res);
            if (!w) {
                res.status = MN_COURSE_SOLVER_FAILED;
                res.fail_day = 0;
                snprintf(res.message, sizeof res.message, "out of memory");
            } else {
                mn_run_course(w, p, ntime ? &ob : NULL, &res);
            }
            if (res.status == MN_COURSE_OK) {
                for (int m = 0; m < M_COUNT; m++)
                    b->metric[(size_t)m * b->cap + j] = res.metrics[m];
            } else if (res.status == MN_COURSE_SOLVER_FAILED) {
                b->fail_day[j] = res.fail_day; /* later samples stay NaN */
            }
            if (res.status != MN_COURSE_OK) {
#pragma omp critical(mn_sweep_first_failure)
                if (i < x->first_index) { /* the lowest index: independent of threads/ranks */
                    x->first_index = i;
                    snprintf(x->first_failure, sizeof x->first_failure, "point %zu: %.480s", i,
                             res.message);
                }
            }
            b->stat[j] = (int64_t)res.steps;
            b->stat[b->cap + j] = (int64_t)res.rhs_evals;
            b->stat[2 * b->cap + j] = (int64_t)res.rejected_steps;
            b->status[j] = (signed char)res.status;
            size_t d;
#pragma omp atomic capture
            d = ++x->done_now;
            if (omp_get_thread_num() == 0) { /* rank 0's rate stands for every rank's */
                size_t est = x->done_all + (d - round_start) * (size_t)x->R;
                size_t left = x->n - x->done_before;
                mn_sweep_progress_show(&x->pg, est < left ? est : left, 0);
            }
        }
    }
}

/* Write the block of round-block k (every rank: collectively under MPI, an empty selection when
 * it has nothing). A damaged block (or, resuming, one whose write fails on a damaged chunk) is
 * written again chunk by chunk, unfiltered. */
static int write_block(sweep_exec *x, size_t k, int damaged, mn_error *err)
{
    mn_sweep_block *b = &x->b;
    if (x->o->no_write || !(mn_par_is_mpi() || b->hi > b->lo)) return 0;
    int direct = damaged && !mn_par_is_mpi();
    int wrc = direct ? -1 : mn_sweep_block_io(&x->f, b, 0);
    if (wrc != 0 && x->o->resume && !mn_par_is_mpi())
        wrc = mn_sweep_block_write_direct(&x->f, b, k * x->g, (k + 1) * x->g);
    if (wrc != 0)
        return mn_fail(err, "%s: writing points %zu-%zu failed%s", x->partial, b->lo, b->hi - 1,
                       mn_sweep_disk_hint(x->dir));
    return 0;
}

/* One round: this rank's block k = t R + me (or none): what the file says about it (resume),
 * its design values, a disk-space check, the simulation, the write, and the agreement of every
 * rank. 0, or an error every rank shares. */
static int run_round(sweep_exec *x, size_t t, mn_error *err)
{
    mn_sweep_block *b = &x->b;
    const size_t k = t * (size_t)x->R + (size_t)x->me;
    b->lo = k < x->nblocks ? mn_sweep_file_seg_lo(&x->f, k * x->g) : 0;
    b->hi = k < x->nblocks ? mn_sweep_file_seg_lo(&x->f, (k + 1) * x->g) : 0;
    const size_t round_start = x->done_now;
    int damaged = 0, rc = 0;
    memset(b->status, 0, b->hi - b->lo);
    if (x->o->resume && b->hi > b->lo)
        damaged = mn_sweep_resume_block(&x->f, b, x->counts);
    else if (b->hi > b->lo)
        mn_sweep_block_clear(b, x->f.ntime);
    size_t nb = b->hi - b->lo;
    if (nb && x->s->design != MN_DESIGN_GRID &&
        mn_sweep_design(x->s, b->lo, b->hi, b->design, &x->ds, err) != 0)
        rc = -1;
    /* refuse to start a block the disk cannot hold: the file stays resumable */
    if (rc == 0 && nb && !x->o->no_write)
        rc = mn_sweep_check_block_space(x->dir, nb, x->point_bytes, err);
    if ((rc = agree(rc, err)) != 0) return rc;
    simulate_block(x, round_start);
    for (size_t i = 0; i < nb; i++)
        if (b->status[i] > 0 && b->status[i] < 4) x->counts[b->status[i]]++;
    rc = agree(write_block(x, k, damaged, err), err);
    x->done_all = (size_t)mn_par_sum_long((long)x->done_now);
    mn_sweep_progress_show(&x->pg, x->done_all, 0);
    return rc;
}

/* ---- the execution ---- */

/* A resumed file in which no point is done (e.g. the disk filled during the very first block) is
 * created again rather than repaired: the failed first write can leave a chunk index that points
 * past the end of the file the superblock records, which no write can get past, and nothing in it
 * is worth keeping. The new file replaces the old one only once complete (mn_sweep_file_create
 * renames it over the .partial), so a failure here leaves the old file as it was. It keeps the
 * old file's chunk shape (f->pchunk, read when it was opened), so the block plan stays valid. */
static int restart_empty(sweep_exec *x, mn_error *err)
{
    int rc = mn_sweep_file_close(&x->f) != 0
                 ? mn_fail(err, "%s: closing the file failed: %s", x->partial,
                           mn_io_reason(x->partial, 0, "HDF5 error"))
                 : 0;
    rc = agree(rc, err);
    mn_par_barrier();
    if (rc == 0 && x->me == 0)
        rc = mn_sweep_file_create(x->s, x->o, x->threads, x->partial, x->dir, &x->f, err);
    rc = agree(rc, err);
    if (rc == 0) rc = mn_sweep_file_open(x->s, x->o, x->partial, &x->f, 0, err);
    rc = agree(rc, err);
    if (rc == 0 && mn_sweep_file_transfer(&x->f) != 0) rc = mn_fail(err, "HDF5: transfer list");
    return agree(rc, err);
}

/* Set up x: file layout, blocks, buffers, runners, the file itself and the resume count. */
static int start(sweep_exec *x, mn_error *err)
{
    const mn_sweep *s = x->s;
    const mn_sweep_options *o = x->o;
    mn_sweep_file *f = &x->f;
    mn_sweep_file_init(f, s, o->trajectories ? trajectory_samples(s->base) : 0);
    size_t B = plan_blocks(o, f, x->n, x->R, x->threads);
    x->point_bytes = mn_sweep_bytes_per_point(s, f); /* this execution's chunk layout */
    int rc = o->no_write
                 ? 0
                 : prepare_file(s, o, x->threads, x->partial, x->dir, x->point_bytes, f, err);
    if (rc == 0 && o->resume) x->point_bytes = mn_sweep_bytes_per_point(s, f); /* file's chunks */
    /* blocks are runs of g whole chunks: block k is chunks [k g, (k + 1) g) */
    size_t seg_points = mn_sweep_file_seg_points(f);
    x->g = B / seg_points > 0 ? B / seg_points : 1;
    B = x->g * seg_points;
    if (B > x->n) B = x->n;
    /* blocks go round-robin to ranks: block k to rank k mod R */
    x->nblocks = (f->nseg + x->g - 1) / x->g;
    x->rounds = (x->nblocks + (size_t)x->R - 1) / (size_t)x->R;

    x->runners = calloc((size_t)x->threads, sizeof *x->runners);
    int oom = mn_sweep_block_alloc(&x->b, B, f->ntime, s->n_axes) != 0 || !x->runners;
    if (rc == 0 && oom) rc = mn_fail(err, "out of memory");
    for (int t = 0; t < x->threads && rc == 0; t++)
        if (!(x->runners[t] = mn_runner_new())) rc = mn_fail(err, "out of memory");

    /* points already done (resume): every rank counts its own blocks; a status chunk that fails
     * its checksum counts as pending (its block is simulated again) */
    if (rc == 0 && o->resume)
        mn_sweep_resume_count(f, &x->b, (size_t)x->me, (size_t)x->R, x->nblocks, x->g, x->stop,
                              x->counts, !o->quiet && x->me == 0);
    rc = agree(rc, err);
    long c = x->counts[1] + x->counts[2] + x->counts[3];
    x->done_before = (size_t)mn_par_sum_long(c);
    if (rc == 0 && o->resume && x->me == 0)
        rc = mn_sweep_check_space(x->dir, x->n - x->done_before, x->point_bytes, err);
    rc = agree(rc, err);
    if (rc == 0 && o->resume && !o->no_write && x->done_before == 0) rc = restart_empty(x, err);
    return rc;
}

/* Totals of the execution into sum: courses simulated, the first failure over every rank, the
 * points by status over the whole file, interrupted or not. */
static void summarize(sweep_exec *x, int rc, mn_sweep_summary *sum)
{
    x->done_all = (size_t)mn_par_sum_long((long)x->done_now);
    mn_sweep_progress_show(&x->pg, x->done_all, 1);
    sum->done_now = x->done_all;
    sum->seconds = mn_sweep_now_s() - x->pg.t0;
    /* the first failure over every rank: the lowest failing index */
    long first = mn_par_min_long(x->first_index == SIZE_MAX ? LONG_MAX : (long)x->first_index);
    if (first != LONG_MAX) {
        long owner = mn_par_min_long((long)x->first_index == first ? x->me : LONG_MAX);
        mn_par_bcast(x->first_failure, sizeof x->first_failure, (int)owner);
    }
    snprintf(sum->first_failure, sizeof sum->first_failure, "%s", x->first_failure);
    /* totals over the whole file: the counts of the resume scan, corrected block by block */
    if (rc == 0 && !x->o->no_write) {
        sum->ok = (size_t)mn_par_sum_long(x->counts[MN_COURSE_OK]);
        sum->invalid = (size_t)mn_par_sum_long(x->counts[MN_COURSE_INVALID]);
        sum->failed = (size_t)mn_par_sum_long(x->counts[MN_COURSE_SOLVER_FAILED]);
        sum->pending = x->n - sum->ok - sum->invalid - sum->failed;
    }
    if (x->o->no_write) sum->pending = x->n - x->done_all;
    sum->interrupted = rc == 0 && sum->pending > 0;
}

/* Free x, close the file (collective under MPI), then rank 0 finalises (o->finalise) and renames
 * the complete file, or removes one in which nothing was computed after a failure. */
static int finish(sweep_exec *x, int rc, const mn_sweep_summary *sum, mn_error *err)
{
    const mn_sweep_options *o = x->o;
    for (int t = 0; t < x->threads && x->runners; t++)
        mn_runner_free(x->runners[t]);
    free(x->runners);
    mn_sweep_block_free(&x->b);
    mn_sweep_design_free(x->ds);
    if (mn_sweep_file_close(&x->f) != 0 && rc == 0) /* collective under MPI */
        rc = mn_fail(err, "%s: closing the file failed%s", x->partial, mn_sweep_disk_hint(x->dir));
    mn_par_barrier();
    /* rank 0 renames (or removes) once every rank has closed the file */
    int rename_rc = 0;
    if (x->me == 0 && rc == 0 && !o->no_write && !sum->interrupted) {
        if (o->finalise) rename_rc = o->finalise(x->partial, o->finalise_user, err);
        if (rename_rc == 0) /* fsync, rename, dir fsync */
            rename_rc = mn_outfile_commit_keep(x->partial, o->output, err);
    }
    rename_rc = agree(rename_rc, err);
    if (rc == 0) rc = rename_rc;
    if (x->me == 0 && rc != 0 && !o->resume && !o->no_write && x->done_all == 0)
        remove(x->partial); /* nothing computed: leave nothing behind */
    return rc;
}

int mn_sweep_run(const mn_sweep *s, const mn_sweep_options *o, mn_sweep_summary *sum, mn_error *err)
{
    memset(sum, 0, sizeof *sum);
    char partial[4200], copy[4200], dir[4200];
    mn_partial_name(o->output, partial, sizeof partial);
    int rc = preflight(s, o, partial, err);
    if (rc != 0) return rc;
    snprintf(copy, sizeof copy, "%s", partial);
    snprintf(dir, sizeof dir, "%s", dirname(copy)); /* dirname may modify and return copy */

    static volatile sig_atomic_t no_stop = 0;
    sweep_exec *x = calloc(1, sizeof *x);
    if (!x) return mn_fail(err, "out of memory");
    *x = (sweep_exec){.s = s,
                      .o = o,
                      .partial = partial,
                      .dir = dir,
                      .me = mn_par_rank(),
                      .R = mn_par_size(),
                      .threads = o->threads > 0 ? o->threads : omp_get_max_threads(),
                      .n = s->n_points,
                      .stop = o->stop ? o->stop : &no_stop,
                      .first_index = SIZE_MAX};
    mn_par_bcast(&x->threads, sizeof x->threads, 0); /* one count for the whole run (provenance) */

    rc = start(x, err);
    sum->total = x->n;
    sum->done_before = x->done_before;
    sum->threads = x->threads;
    mn_sweep_progress_start(&x->pg, !o->quiet && x->me == 0, x->n, x->done_before);
    int stopping = mn_par_any(*x->stop != 0);
    for (size_t t = 0; t < x->rounds && rc == 0 && !stopping; t++) {
        rc = run_round(x, t, err);
        stopping = mn_par_any(*x->stop != 0); /* every rank finished its block: stop together */
    }
    summarize(x, rc, sum);
    rc = finish(x, rc, sum, err);
    free(x);
    return rc;
}
