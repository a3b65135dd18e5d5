/* plot.c — the gnuplot driver (find gnuplot and the scripts, temporary data files, run a script
 * and report its failures) and the figures of run and sweep files for `mnsim plot`. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plot.h"
#include "h5util.h"
#include "metrics.h"
#include "outfile.h"

#ifndef MNSIM_SOURCE_DIR
#define MNSIM_SOURCE_DIR "."
#endif

/* ---------------------------------------------------------------- driver */

static int find_on_path(const char *prog, char *out, size_t size)
{
    if (strchr(prog, '/')) {
        snprintf(out, size, "%s", prog);
        return access(prog, X_OK) == 0 ? 0 : -1;
    }
    const char *path = getenv("PATH");
    if (!path || !*path) path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        const char *colon = strchr(path, ':');
        size_t len = colon ? (size_t)(colon - path) : strlen(path);
        snprintf(out, size, "%.*s/%s", (int)len, len ? path : ".", prog);
        if (access(out, X_OK) == 0) return 0;
        path += len + (colon ? 1 : 0);
    }
    snprintf(out, size, "%s", prog);
    return -1;
}

int mn_mkdir_p(const char *dir, mn_error *err)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", dir);
    for (char *s = buf + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return mn_fail(err, "cannot create directory %s: %s", buf, strerror(errno));
        *s = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        return mn_fail(err, "cannot create directory %s: %s", buf, strerror(errno));
    struct stat st;
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
        return mn_fail(err, "%s exists and is not a directory", buf);
    return 0;
}

int mn_plotter_init(mn_plotter *pl, const char *format, mn_error *err)
{
    memset(pl, 0, sizeof *pl);
    const char *fmt = format ? format : "png";
    if (strcmp(fmt, "png") == 0)
        snprintf(pl->term, sizeof pl->term, "pngcairo");
    else if (strcmp(fmt, "svg") == 0)
        snprintf(pl->term, sizeof pl->term, "svg");
    else if (strcmp(fmt, "pdf") == 0)
        snprintf(pl->term, sizeof pl->term, "pdfcairo");
    else
        return mn_fail(err, "unknown format '%s' (expected png, svg or pdf)", fmt);
    snprintf(pl->ext, sizeof pl->ext, "%s", fmt);
    const char *gp = getenv("MNSIM_GNUPLOT");
    find_on_path(gp && *gp ? gp : "gnuplot", pl->gnuplot, sizeof pl->gnuplot);
    const char *sd = getenv("MNSIM_SCRIPTS_DIR");
    if (sd && *sd)
        snprintf(pl->scripts, sizeof pl->scripts, "%s", sd);
    else
        snprintf(pl->scripts, sizeof pl->scripts, "%s/scripts", MNSIM_SOURCE_DIR);
    char probe[1200];
    snprintf(probe, sizeof probe, "%s/style.gp", pl->scripts);
    if (access(probe, R_OK) != 0)
        return mn_fail(err,
                       "gnuplot scripts not found: no %s (set MNSIM_SCRIPTS_DIR to the "
                       "directory holding the mnsim .gp scripts)",
                       probe);
    const char *tmp = getenv("TMPDIR");
    snprintf(pl->tmpdir, sizeof pl->tmpdir, "%s/mnsim-plot-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(pl->tmpdir)) {
        pl->tmpdir[0] = '\0';
        return mn_fail(err, "cannot create a temporary directory: %s", strerror(errno));
    }
    return 0;
}

void mn_plotter_done(mn_plotter *pl)
{
    if (!pl->tmpdir[0]) return;
    DIR *d = opendir(pl->tmpdir);
    if (d) {
        struct dirent *e;
        char path[2048];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
            snprintf(path, sizeof path, "%s/%s", pl->tmpdir, e->d_name);
            unlink(path);
        }
        closedir(d);
    }
    rmdir(pl->tmpdir);
    pl->tmpdir[0] = '\0';
}

int mn_plot_data(mn_plotter *pl, const mn_table *t, const mn_table_format *fmt, char *path,
                 size_t size, mn_error *err)
{
    snprintf(path, size, "%s/data%03d.tsv", pl->tmpdir, pl->n_data++);
    return mn_table_save(path, t, fmt, err);
}

void mn_gp_str(char *vars, size_t size, const char *name, const char *value)
{
    size_t len = strlen(vars);
    if (len + 1 >= size) return;
    len += (size_t)snprintf(vars + len, size - len, "%s='", name);
    for (const char *s = value; *s && len + 4 < size; s++) {
        if (*s == '\'') vars[len++] = '\''; /* '' is a quote inside '...' */
        vars[len++] = *s;
    }
    vars[len] = '\0';
    if (len + 3 < size) strcat(vars, "'; ");
}

void mn_gp_num(char *vars, size_t size, const char *name, double value)
{
    size_t len = strlen(vars);
    if (len + 1 >= size) return;
    if (isfinite(value))
        snprintf(vars + len, size - len, "%s=%.10g; ", name, value);
    else
        snprintf(vars + len, size - len, "%s=NaN; ", name);
}

void mn_axis_label(const mn_col *c, char *buf, size_t size)
{
    if (!c->units[0] || strcmp(c->units, "1") == 0)
        snprintf(buf, size, "%s", c->name);
    else
        snprintf(buf, size, "%s [%s]", c->name, c->units);
    for (char *s = buf; *s; s++) /* underscores would become subscripts (enhanced text) */
        if (*s == '_') *s = ' ';
}

static void tail_of_file(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) return;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    long from = n > (long)size - 1 ? n - ((long)size - 1) : 0;
    fseek(f, from, SEEK_SET);
    size_t got = fread(buf, 1, size - 1, f);
    buf[got] = '\0';
    fclose(f);
    while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == ' '))
        buf[--got] = '\0';
}

int mn_plot_run(const mn_plotter *pl, const char *script, const char *vars, const char *out,
                mn_error *err)
{
    char script_path[1200], all[16384], errpath[1100], tmp[4200];
    snprintf(script_path, sizeof script_path, "%s/%s", pl->scripts, script);
    if (access(script_path, R_OK) != 0)
        return mn_fail(err, "gnuplot script %s not found (MNSIM_SCRIPTS_DIR)", script_path);
    if (access(pl->gnuplot, X_OK) != 0)
        return mn_fail(err,
                       "cannot render %s with script %s: gnuplot not found (looked for '%s'; "
                       "install gnuplot-nox with scripts/setup or set MNSIM_GNUPLOT)",
                       out, script_path, pl->gnuplot);
    all[0] = '\0';
    snprintf(all, sizeof all, "%s", vars ? vars : "");
    mn_gp_str(all, sizeof all, "term", pl->term);
    /* gnuplot writes OUT.partial; renamed to OUT once complete (never a truncated figure under
     * its final name) */
    mn_partial_name(out, tmp, sizeof tmp);
    mn_gp_str(all, sizeof all, "out", tmp);
    snprintf(errpath, sizeof errpath, "%s/gnuplot.stderr", pl->tmpdir);
    unlink(out);
    unlink(tmp);
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return mn_fail(err, "cannot start gnuplot: %s", strerror(errno));
    if (pid == 0) {
        int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            dup2(fd, 2);
            close(fd);
        }
        int nul = open("/dev/null", O_RDWR);
        if (nul >= 0) {
            dup2(nul, 0);
            dup2(nul, 1);
            close(nul);
        }
        execl(pl->gnuplot, pl->gnuplot, "-e", all, script_path, (char *)NULL);
        fprintf(stderr, "cannot execute %s: %s\n", pl->gnuplot, strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return mn_fail(err, "waiting for gnuplot: %s", strerror(errno));
    char msg[1200];
    tail_of_file(errpath, msg, sizeof msg);
    unlink(errpath);
    struct stat st;
    const char *said = msg[0] ? msg : "(nothing)";
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        unlink(tmp);
        return mn_fail(err,
                       "gnuplot (%s) failed on script %s (%s %d) writing %s%s%s; gnuplot said:\n%s",
                       pl->gnuplot, script_path, WIFEXITED(status) ? "exit status" : "signal",
                       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), out,
                       mn_io_reason(out, 0, "")[0] ? ": " : "", mn_io_reason(out, 0, ""), said);
    }
    if (stat(tmp, &st) != 0 || st.st_size == 0) {
        unlink(tmp);
        return mn_fail(err, "gnuplot script %s wrote no figure %s%s%s; gnuplot said:\n%s",
                       script_path, out, mn_io_reason(out, 0, "")[0] ? ": " : "",
                       mn_io_reason(out, 0, ""), said);
    }
    if (!mn_figure_complete(tmp, pl->ext)) {
        unlink(tmp);
        return mn_fail(
            err, "gnuplot script %s wrote an incomplete figure %s (%s); gnuplot said:\n%s",
            script_path, out, mn_io_reason(out, 0, "truncated: no end marker of the format"), said);
    }
    return mn_outfile_commit(tmp, out, err);
}

/* ---------------------------------------------------------------- run files */

static const char *const run_panel_columns[] = {"redness",
                                                "collagen_synthesis_rate",
                                                "treated_collagen",
                                                "treated_collagen_matured",
                                                "epidermal_thickness",
                                                "scar_severity",
                                                "pigment",
                                                "barrier",
                                                "topical_uptake"};

/* The days of a run's sessions (events/day where events/kind is 0), at most max of them;
 * returns how many (0 when the events have no readable kind/day: no lines drawn). */
static int session_day_list(long f, double *days, int max)
{
    mn_table ev = {0};
    mn_error err = {{0}};
    const char *names[] = {"kind", "day"};
    int n = 0;
    if (mn_export_load(f, "events", names, 2, &ev, &err) == 0 && ev.rank == 1 && ev.n_cols == 2)
        for (size_t i = 0; i < ev.dims[0] && n < max; i++)
            if (ev.cols[0].v[i] == 0) days[n++] = ev.cols[1].v[i];
    mn_table_free(&ev);
    return n;
}

/* The session days as a space-separated list (gnuplot's vlines). */
static void session_days(long f, char *buf, size_t size)
{
    double days[1024];
    int n = session_day_list(f, days, 1024);
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && len + 32 < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%.10g", len ? " " : "", days[i]);
}

enum { OVERLAY_MAX_SESSIONS = 8 };

/* Redness against the days since each session, one curve per session (the first
 * OVERLAY_MAX_SESSIONS): how the reaction changes from session to session. `run` is the run's
 * time series with redness as its first column (the panels' table). The window is 1.5x the
 * longest time any session stays above the visible threshold `thr` (at least 3 days; 14 without
 * a threshold), and never beyond the shortest gap to the next session or the end. Linear
 * interpolation between the samples (exact where the session days fall on the sample grid, as
 * by default); the sample at a session's instant holds the state just after it. Returns 1 and
 * fills *t, 0 if the run has no session, -1 on error. */
static int session_overlay(long f, const mn_table *run, double thr, mn_table *t, int *n_shown,
                           int *n_sessions, mn_error *err)
{
    double days[1024];
    int n = session_day_list(f, days, 1024);
    *n_sessions = n;
    if (n == 0) return 0;
    size_t nt = run->dims[0];
    const double *time = run->axes[0].v, *red = run->cols[0].v;
    double gap = INFINITY, visible = 0.0;
    for (int i = 0; i < n; i++) {
        double next = i + 1 < n ? days[i + 1] : time[nt - 1];
        if (next - days[i] > 0 && next - days[i] < gap) gap = next - days[i];
        for (size_t j = 0; j < nt && time[j] < next; j++)
            if (time[j] >= days[i] && red[j] > thr) visible = fmax(visible, time[j] - days[i]);
    }
    double window = isfinite(thr) ? fmax(3.0, 1.5 * visible) : 14.0;
    if (window > gap) window = gap;
    double step = nt > 1 ? time[1] - time[0] : 1.0;
    size_t nk = (size_t)floor(window / step + 1e-9) + 1;
    if (nk > 1 && (double)(nk - 1) * step >= gap - 1e-9) nk--; /* not the next session's jump */
    int shown = n < OVERLAY_MAX_SESSIONS ? n : OVERLAY_MAX_SESSIONS;
    double *tau = malloc(nk * sizeof *tau), *v = malloc(nk * sizeof *v);
    int rc = tau && v && nt > 1 ? 0 : mn_fail(err, "out of memory");
    for (size_t k = 0; rc == 0 && k < nk; k++)
        tau[k] = (double)k * step;
    if (rc == 0)
        rc = mn_table_set_axis(t, 0, "days_after_session", "day", "days after the session", nk, tau,
                               err);
    for (int i = 0; rc == 0 && i < shown; i++) {
        for (size_t k = 0; k < nk; k++) {
            double x = days[i] + tau[k];
            size_t j = (size_t)floor((x - time[0]) / step + 1e-9); /* time[j] <= x */
            if (j >= nt - 1) j = nt - 2;
            double w = (x - time[j]) / (time[j + 1] - time[j]);
            v[k] = w <= 1e-9 ? red[j] : (1 - w) * red[j] + w * red[j + 1];
        }
        char col[32];
        snprintf(col, sizeof col, "session_%d", i + 1);
        if (mn_table_add(t, col, "1", "erythema index", v, err) < 0) rc = -1;
    }
    free(tau), free(v);
    *n_shown = shown;
    return rc == 0 ? 1 : -1;
}

/* A file name for an enhanced-text title: "_" would start a subscript, so escape it. */
static void title_safe(const char *in, char *out, size_t size)
{
    size_t n = 0;
    for (; *in && n + 3 < size; in++) {
        if (*in == '_' || *in == '^' || *in == '{' || *in == '}' || *in == '@' || *in == '&' ||
            *in == '~')
            out[n++] = '\\';
        out[n++] = *in;
    }
    out[n] = '\0';
}

static int announce(int quiet, const char *out)
{
    if (!quiet) printf("wrote %s\n", out);
    return 0;
}

static int plot_run(mn_plotter *pl, long f, const char *path, const char *outdir,
                    const char *const *names, int n_names, int quiet, mn_error *err)
{
    mn_table t = {0};
    /* a run with --ensemble also has the 10 % and 90 % quantiles of each panel series (bands) */
    enum { NP = sizeof run_panel_columns / sizeof *run_panel_columns };
    const char *cols[3 * NP];
    char qnames[2 * NP][96];
    int ncols = 0;
    double members = NAN;
    int bands = mn_export_attr_double(f, "/", "ensemble_members", &members) == 0;
    for (int i = 0; i < NP; i++) {
        cols[ncols++] = run_panel_columns[i];
        if (!bands) continue;
        snprintf(qnames[2 * i], sizeof qnames[0], "%s_q10", run_panel_columns[i]);
        snprintf(qnames[2 * i + 1], sizeof qnames[0], "%s_q90", run_panel_columns[i]);
        cols[ncols++] = qnames[2 * i];
        cols[ncols++] = qnames[2 * i + 1];
    }
    if (mn_export_load(f, "/", cols, ncols, &t, err) != 0) return MN_EXIT_INPUT;
    char data[1200], sessions[8192], vars[16384], out[4200], title[1000];
    int rc = mn_plot_data(pl, &t, NULL, data, sizeof data, err);
    if (rc) {
        mn_table_free(&t);
        return MN_EXIT_RUNTIME;
    }
    session_days(f, sessions, sizeof sessions);
    double thr = NAN, pthr = NAN;
    mn_export_attr_double(f, "/parameters/inflammation", "visible_threshold", &thr);
    mn_export_attr_double(f, "/parameters/pigment", "visible_threshold", &pthr);
    /* the redness figure's overlay of the sessions, from the panels' series */
    mn_table ov = {0};
    int shown = 0, n_sess = 0, has = session_overlay(f, &t, thr, &ov, &shown, &n_sess, err);
    mn_table_free(&t);
    if (has < 0) {
        mn_table_free(&ov);
        return MN_EXIT_RUNTIME;
    }
    char base[300];
    title_safe(strrchr(path, '/') ? strrchr(path, '/') + 1 : path, base, sizeof base);

    vars[0] = '\0';
    mn_gp_str(vars, sizeof vars, "data", data);
    mn_gp_str(vars, sizeof vars, "sessions", sessions);
    snprintf(title, sizeof title, "mnsim course: %s", base);
    mn_gp_str(vars, sizeof vars, "title", title);
    if (isfinite(thr)) mn_gp_num(vars, sizeof vars, "threshold", thr);
    if (isfinite(pthr)) mn_gp_num(vars, sizeof vars, "pigment_threshold", pthr);
    if (bands) mn_gp_num(vars, sizeof vars, "bands", members);
    snprintf(out, sizeof out, "%s/panels.%s", outdir, pl->ext);
    if (mn_plot_run(pl, "run_panels.gp", vars, out, err) != 0) {
        mn_table_free(&ov);
        return MN_EXIT_RUNTIME;
    }
    announce(quiet, out);

    /* redness after each session, the sessions overlaid on the days since each (the whole
     * course without sessions), against the visible threshold */
    vars[0] = '\0';
    if (has) {
        char ycols[256] = "", titles[256] = "";
        for (int i = 0; i < shown; i++) {
            snprintf(ycols + strlen(ycols), sizeof ycols - strlen(ycols), "%ssession_%d",
                     i ? " " : "", i + 1);
            snprintf(titles + strlen(titles), sizeof titles - strlen(titles), "%ssession %d",
                     i ? "|" : "", i + 1);
        }
        rc = mn_plot_data(pl, &ov, NULL, data, sizeof data, err);
        mn_table_free(&ov);
        if (rc) return MN_EXIT_RUNTIME;
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "x", "days_after_session");
        mn_gp_str(vars, sizeof vars, "ycols", ycols);
        mn_gp_str(vars, sizeof vars, "titles", titles);
        if (shown < n_sess)
            snprintf(title, sizeof title, "Redness after each session: the first %d of %d (%s)",
                     shown, n_sess, base);
        else
            snprintf(title, sizeof title, "Redness after each session (%s)", base);
        mn_gp_str(vars, sizeof vars, "xlabel", "days after the session");
        mn_gp_num(vars, sizeof vars, "shade_n", 1); /* the first session's visible days */
    } else {
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "x", "time");
        mn_gp_str(vars, sizeof vars, "ycols", "redness");
        mn_gp_str(vars, sizeof vars, "titles", "redness");
        snprintf(title, sizeof title, "Redness (%s)", base);
        mn_gp_str(vars, sizeof vars, "xlabel", "time [day]");
    }
    mn_gp_str(vars, sizeof vars, "title", title);
    mn_gp_str(vars, sizeof vars, "ylabel", "erythema index [1]");
    mn_gp_str(vars, sizeof vars, "yrange", "[0:*]");
    if (isfinite(thr)) {
        mn_gp_num(vars, sizeof vars, "threshold", thr);
        mn_gp_str(vars, sizeof vars, "threshold_title", "visible above");
    }
    snprintf(out, sizeof out, "%s/redness.%s", outdir, pl->ext);
    if (mn_plot_run(pl, "lines.gp", vars, out, err) != 0) return MN_EXIT_RUNTIME;
    announce(quiet, out);

    /* one figure per requested observable (or state) */
    for (int i = 0; i < n_names; i++) {
        mn_table o = {0};
        if (mn_export_load(f, "/", &names[i], 1, &o, err) != 0) return MN_EXIT_INPUT;
        if (o.rank != 1 || strcmp(o.axes[0].name, "time") != 0) {
            mn_table_free(&o);
            return mn_fail(err, "'%s' is not a time series; plot observables or states", names[i]),
                   MN_EXIT_INPUT;
        }
        char ylabel[400];
        mn_axis_label(&o.cols[0], ylabel, sizeof ylabel);
        rc = mn_plot_data(pl, &o, NULL, data, sizeof data, err);
        mn_table_free(&o);
        if (rc) return MN_EXIT_RUNTIME;
        vars[0] = '\0';
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "x", "time");
        mn_gp_str(vars, sizeof vars, "ycols", names[i]);
        mn_gp_str(vars, sizeof vars, "vlines", sessions);
        snprintf(title, sizeof title, "%s", names[i]);
        for (char *s = title; *s; s++)
            if (*s == '_') *s = ' ';
        snprintf(title + strlen(title), sizeof title - strlen(title), " (%s)", base);
        mn_gp_str(vars, sizeof vars, "title", title);
        mn_gp_str(vars, sizeof vars, "xlabel", "time [day]");
        mn_gp_str(vars, sizeof vars, "ylabel", ylabel);
        if (strcmp(names[i], "redness") == 0 && isfinite(thr)) {
            mn_gp_num(vars, sizeof vars, "threshold", thr);
            mn_gp_str(vars, sizeof vars, "threshold_title", "visible above");
        }
        snprintf(out, sizeof out, "%s/%s.%s", outdir, names[i], pl->ext);
        if (mn_plot_run(pl, "lines.gp", vars, out, err) != 0) return MN_EXIT_RUNTIME;
        announce(quiet, out);
    }
    return 0;
}

/* ---------------------------------------------------------------- sweep files */

/* the treated layer's matured new collagen first: the gain the summaries and the planner report
 * (collagen_gain_percent is the whole dermis' mass, a fraction of a per cent) */
static const char *const sweep_default_metrics[] = {"matured_collagen_gain_percent",
                                                    "collagen_gain_percent", "redness_visible_days",
                                                    "peak_synthesis_ratio", "pigment_peak"};

/* Blank out points whose status is not 1 (OK). */
static void mask_status(long f, mn_table *t)
{
    mn_table s = {0};
    mn_error err = {{0}};
    const char *name[] = {"status"};
    if (mn_export_load(f, "/", name, 1, &s, &err) != 0) return;
    size_t n = mn_table_rows(t);
    if (mn_table_rows(&s) == n && s.rank == t->rank)
        for (int j = 0; j < t->n_cols; j++)
            for (size_t i = 0; i < n; i++)
                if (s.cols[0].v[i] != 1) t->cols[j].v[i] = NAN;
    mn_table_free(&s);
}

static int all_nan(const double *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isnan(v[i])) return 0;
    return 1;
}

/* Half the smallest spacing between coordinates (the half-width of a heat-map cell). */
double mn_half_spacing(const mn_col *axis, size_t n)
{
    double h = INFINITY;
    for (size_t i = 1; i < n; i++) {
        double d = fabs(axis->v[i] - axis->v[i - 1]);
        if (d > 0 && d < h) h = d;
    }
    return isfinite(h) ? h / 2 : 0.5;
}

static int plot_sweep_metric(mn_plotter *pl, long f, const char *metric, const char *design,
                             const char *swept, const char *base, const char *outdir, int quiet,
                             mn_error *err)
{
    char data[1200], vars[16384], out[4200], title[1000], xl[400], yl[400], zl[400];
    mn_table t = {0};
    int grid = strcmp(design, "grid") == 0;
    if (grid) {
        if (mn_export_load(f, "/", &metric, 1, &t, err) != 0) return MN_EXIT_INPUT;
    } else {
        /* the metric and every swept parameter along `point` */
        const char *names[MN_TABLE_MAX_RANK * 4 + 1];
        char copy[2048];
        int n = 0;
        names[n++] = metric;
        snprintf(copy, sizeof copy, "%s", swept);
        for (char *s = strtok(copy, " "); s && n < (int)(sizeof names / sizeof *names);
             s = strtok(NULL, " "))
            names[n++] = s;
        if (mn_export_load(f, "/", names, n, &t, err) != 0) return MN_EXIT_INPUT;
    }
    mask_status(f, &t);
    /* the metric's description as the title ("Total time with visible redness over the course"),
     * its name where it has none */
    const char *description = mn_metric_description(metric);
    snprintf(title, sizeof title, "%s", description ? description : metric);
    for (char *s = title; *s; s++)
        if (*s == '_') *s = ' ';
    if (title[0] >= 'a' && title[0] <= 'z') title[0] = (char)(title[0] - 'a' + 'A');
    snprintf(title + strlen(title), sizeof title - strlen(title), " (%s)", base);
    mn_axis_label(&t.cols[0], zl, sizeof zl);
    int rc = 0;
    if (all_nan(t.cols[0].v, mn_table_rows(&t))) {
        if (!quiet) printf("skipped %s: no finite value\n", metric);
    } else if (!grid) {
        char params[2048] = "", plabels[4096] = "";
        for (int j = 1; j < t.n_cols; j++) {
            mn_axis_label(&t.cols[j], xl, sizeof xl);
            snprintf(params + strlen(params), sizeof params - strlen(params), "%s%s",
                     j > 1 ? " " : "", t.cols[j].name);
            snprintf(plabels + strlen(plabels), sizeof plabels - strlen(plabels), "%s%s",
                     j > 1 ? "|" : "", xl);
        }
        if (t.n_cols < 2)
            rc = mn_fail(err, "sweep file: no swept parameter found (attribute swept)");
        if (rc == 0) rc = mn_plot_data(pl, &t, NULL, data, sizeof data, err);
        vars[0] = '\0';
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "params", params);
        mn_gp_str(vars, sizeof vars, "plabels", plabels);
        mn_gp_str(vars, sizeof vars, "z", metric);
        mn_gp_str(vars, sizeof vars, "zlabel", zl);
        mn_gp_str(vars, sizeof vars, "title", title);
        snprintf(out, sizeof out, "%s/%s.%s", outdir, metric, pl->ext);
        if (rc == 0) rc = mn_plot_run(pl, "scatter.gp", vars, out, err);
        if (rc == 0) announce(quiet, out);
    } else if (t.rank == 1) {
        mn_axis_label(&t.axes[0], xl, sizeof xl);
        rc = mn_plot_data(pl, &t, NULL, data, sizeof data, err);
        vars[0] = '\0';
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "x", t.axes[0].name);
        mn_gp_str(vars, sizeof vars, "y", metric);
        mn_gp_str(vars, sizeof vars, "xlabel", xl);
        mn_gp_str(vars, sizeof vars, "ylabel", zl);
        mn_gp_str(vars, sizeof vars, "title", title);
        snprintf(out, sizeof out, "%s/%s.%s", outdir, metric, pl->ext);
        if (rc == 0) rc = mn_plot_run(pl, "sweep_lines.gp", vars, out, err);
        if (rc == 0) announce(quiet, out);
    } else if (t.rank == 2) {
        /* heat map: first axis on x, second on y */
        mn_axis_label(&t.axes[0], xl, sizeof xl);
        mn_axis_label(&t.axes[1], yl, sizeof yl);
        rc = mn_plot_data(pl, &t, NULL, data, sizeof data, err);
        vars[0] = '\0';
        mn_gp_str(vars, sizeof vars, "data", data);
        mn_gp_str(vars, sizeof vars, "x", t.axes[0].name);
        mn_gp_str(vars, sizeof vars, "y", t.axes[1].name);
        mn_gp_str(vars, sizeof vars, "z", metric);
        mn_gp_str(vars, sizeof vars, "xlabel", xl);
        mn_gp_str(vars, sizeof vars, "ylabel", yl);
        mn_gp_str(vars, sizeof vars, "zlabel", zl);
        mn_gp_str(vars, sizeof vars, "title", title);
        if (t.dims[0] > 12 || t.dims[1] > 12) mn_gp_num(vars, sizeof vars, "cells", 0);
        for (int a = 0; a < 2; a++) {
            char list[2048] = "";
            for (size_t i = 0; i < t.dims[a] && t.dims[a] <= 16; i++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%.6g", i ? " " : "",
                         t.axes[a].v[i]);
            if (list[0]) mn_gp_str(vars, sizeof vars, a ? "yvalues" : "xvalues", list);
        }
        mn_gp_num(vars, sizeof vars, "dx", mn_half_spacing(&t.axes[0], t.dims[0]));
        mn_gp_num(vars, sizeof vars, "dy", mn_half_spacing(&t.axes[1], t.dims[1]));
        snprintf(out, sizeof out, "%s/%s_heatmap.%s", outdir, metric, pl->ext);
        if (rc == 0) rc = mn_plot_run(pl, "heatmap.gp", vars, out, err);
        if (rc == 0) announce(quiet, out);
        /* a family of lines when one axis has few values: that axis becomes the family */
        int fam = t.dims[1] <= t.dims[0] ? 1 : 0, xa = 1 - fam;
        if (rc == 0 && t.dims[fam] <= 6) {
            mn_table_format order = {0};
            order.order[0] = fam;
            order.order[1] = xa;
            char family[1024] = "", famlabel[300];
            for (size_t i = 0; i < t.dims[fam]; i++)
                snprintf(family + strlen(family), sizeof family - strlen(family), "%s%.6g",
                         i ? " " : "", t.axes[fam].v[i]);
            snprintf(famlabel, sizeof famlabel, "%s", t.axes[fam].name);
            for (char *s = famlabel; *s; s++)
                if (*s == '_') *s = ' ';
            mn_axis_label(&t.axes[xa], xl, sizeof xl);
            rc = mn_plot_data(pl, &t, &order, data, sizeof data, err);
            vars[0] = '\0';
            mn_gp_str(vars, sizeof vars, "data", data);
            mn_gp_str(vars, sizeof vars, "x", t.axes[xa].name);
            mn_gp_str(vars, sizeof vars, "y", metric);
            mn_gp_str(vars, sizeof vars, "family", family);
            mn_gp_str(vars, sizeof vars, "famlabel", famlabel);
            mn_gp_str(vars, sizeof vars, "xlabel", xl);
            mn_gp_str(vars, sizeof vars, "ylabel", zl);
            mn_gp_str(vars, sizeof vars, "title", title);
            snprintf(out, sizeof out, "%s/%s_lines.%s", outdir, metric, pl->ext);
            if (rc == 0) rc = mn_plot_run(pl, "sweep_lines.gp", vars, out, err);
            if (rc == 0) announce(quiet, out);
        }
    } else {
        if (!quiet)
            printf("skipped %s: a %d-D grid (plot handles 1-D and 2-D grids; use `mnsim export`)\n",
                   metric, t.rank);
    }
    mn_table_free(&t);
    return rc ? MN_EXIT_RUNTIME : 0;
}

static int plot_sweep(mn_plotter *pl, long f, const char *path, const char *outdir,
                      const char *const *names, int n_names, int quiet, mn_error *err)
{
    char design[64] = "grid", swept[2048] = "";
    mn_export_attr_str(f, "/", "design", design, sizeof design);
    mn_export_attr_str(f, "/", "swept", swept, sizeof swept);
    char base[300];
    title_safe(strrchr(path, '/') ? strrchr(path, '/') + 1 : path, base, sizeof base);
    int n_done = 0;
    if (n_names == 0) {
        for (size_t i = 0; i < sizeof sweep_default_metrics / sizeof *sweep_default_metrics; i++) {
            const char *m = sweep_default_metrics[i];
            hid_t probe = H5Lexists((hid_t)f, m, H5P_DEFAULT);
            if (probe <= 0) continue;
            int rc = plot_sweep_metric(pl, f, m, design, swept, base, outdir, quiet, err);
            if (rc) return rc;
            n_done++;
        }
        if (n_done == 0)
            return mn_fail(err,
                           "%s: none of the default metrics is in this sweep file; name them "
                           "with --observable",
                           path),
                   MN_EXIT_INPUT;
        return 0;
    }
    for (int i = 0; i < n_names; i++) {
        int rc = plot_sweep_metric(pl, f, names[i], design, swept, base, outdir, quiet, err);
        if (rc) return rc;
    }
    return 0;
}

/* Every --observable name of a run or sweep file, checked before anything is written: an unknown
 * or unsuitable name is refused (exit 2) with no figure rendered and no directory made. */
static int check_names(long f, const char *kind, const char *const *names, int n_names,
                       mn_error *err)
{
    int run = strcmp(kind, "run") == 0;
    if (!run && strcmp(kind, "sweep") != 0) return 0;
    for (int i = 0; i < n_names; i++) {
        mn_table t = {0};
        if (mn_export_load(f, "/", &names[i], 1, &t, err) != 0) return -1;
        int series = t.rank == 1 && strcmp(t.axes[0].name, "time") == 0;
        mn_table_free(&t);
        if (run && !series)
            return mn_fail(err, "'%s' is not a time series; plot observables or states", names[i]);
    }
    return 0;
}

int mn_plot_file(const char *path, const char *outdir, const char *format, const char *const *names,
                 int n_names, int quiet, mn_error *err)
{
    char kind[64];
    long f = mn_export_open(path, kind, sizeof kind, err);
    if (f < 0) return MN_EXIT_INPUT;
    mn_plotter pl;
    int rc = 0;
    struct stat st;
    int existed = stat(outdir, &st) == 0; /* a directory made here is removed again if empty */
    if (mn_plotter_init(&pl, format, err) != 0) {
        rc = MN_EXIT_INPUT;
    } else if (check_names(f, kind, names, n_names, err) != 0) {
        rc = MN_EXIT_INPUT;
    } else if (mn_mkdir_p(outdir, err) != 0) {
        rc = MN_EXIT_RUNTIME;
    } else if (strcmp(kind, "run") == 0) {
        rc = plot_run(&pl, f, path, outdir, names, n_names, quiet, err);
    } else if (strcmp(kind, "sweep") == 0) {
        rc = plot_sweep(&pl, f, path, outdir, names, n_names, quiet, err);
    } else if (strcmp(kind, "sensitivity") == 0) {
        rc = mn_plot_sensitivity(&pl, f, path, outdir, quiet, err);
    } else if (strcmp(kind, "fit") == 0) {
        rc = mn_plot_fit(&pl, f, path, outdir, quiet, err);
    } else {
        mn_fail(err, "%s is an mnsim '%s' file; plot knows run, sweep, sensitivity and fit files",
                path, kind);
        rc = MN_EXIT_INPUT;
    }
    mn_plotter_done(&pl);
    mn_export_close(f);
    if (rc != 0 && !existed) rmdir(outdir); /* fails, leaving it, unless it is empty */
    return rc;
}
