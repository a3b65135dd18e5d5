/* sweep_resume.h — continuing an interrupted sweep (internal to src/sweep): the read-only check
 * that OUT.h5.partial holds this sweep, the MPI-only repair of damaged chunks by rank 0, the
 * count of the points already done, and what the file says about one block (done, partly done,
 * or damaged and to be simulated again). */
#ifndef MN_SWEEP_RESUME_H
#define MN_SWEEP_RESUME_H

#include <signal.h>
#include <stddef.h>

#include "sweep_file.h"

/* Check that `partial` holds this sweep, reading it only: a file that cannot be resumed is left
 * exactly as it was. Returns 0, -1 (cannot open: err) or -2 (another sweep: err). */
int mn_sweep_resume_check(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                          mn_error *err);
/* After a kill during a metadata flush: move the superblock's end-of-file address up to the file's
 * real size when it lags (chunks written past it), so those chunks can be read and rewritten.
 * Rank 0 alone, after mn_sweep_resume_check. 0, or -1 when the file cannot be updated. */
int mn_sweep_resume_fix_eoa(const char *partial);
/* Rank 0 alone, before the ranks of an MPI run open a resumed file: replace every chunk that
 * cannot be read by a blank chunk whose points are pending. Opens and closes f. 0 or -1. */
int mn_sweep_resume_repair(const mn_sweep *s, const mn_sweep_options *o, const char *partial,
                           mn_sweep_file *f, mn_error *err);
/* Add the points of blocks first, first + step, ... (< nblocks; block k is chunks [k g, (k+1) g))
 * to counts[status], reading their status through b; stops early when *stop is set. With `show`,
 * a count that lasts says how far it is every 2 s on stderr. */
void mn_sweep_resume_count(mn_sweep_file *f, mn_sweep_block *b, size_t first, size_t step,
                           size_t nblocks, size_t g, volatile sig_atomic_t *stop, long counts[4],
                           int show);
/* What the file holds for block b ([lo, hi) set, b->status zero): its status and data read back
 * (checksums verified). Its points leave counts (mn_sweep_resume_count added them); a block done
 * in full is counted back and emptied (b->hi = b->lo); a damaged one is cleared, all pending.
 * Returns 1 when a chunk of the block was damaged, else 0. */
int mn_sweep_resume_block(mn_sweep_file *f, mn_sweep_block *b, long counts[4]);

#endif
