/* gallery.h — `mnsim gallery`: example scenarios simulated with the runner and rendered with the
 * gnuplot scripts, with an index (Markdown and HTML) giving a title and caption per figure. */
#ifndef MN_GALLERY_H
#define MN_GALLERY_H

#include "error.h"

/* Names of the figures, in order (NULL-terminated): redness_peels, synthesis_age, scar_size,
 * collagen_interval, pigment_sunscreen, topical_dermaplaning, full_course, interval_sessions. */
extern const char *const mn_gallery_names[];

/* Render the figures (all, or only those named) into outdir as png|svg|pdf and write
 * outdir/index.md and outdir/index.html. Returns an exit code (0, 1 runtime, 2 input). */
int mn_gallery(const char *outdir, const char *format, const char *const *only, int n_only,
               int quiet, mn_error *err);

#endif
