/* cli_sweep.c — `mnsim sweep SWEEP.ini -o OUT.h5`: options, SIGINT/SIGTERM handling (stop after
 * the courses in flight, keep OUT.h5.partial, say how to resume), and the final summary.
 * Under MPI every rank runs this; only rank 0 prints (errors are agreed by every rank). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parallel.h"
#include "params.h"
#include "sweep.h"

static volatile sig_atomic_t stop_signal = 0;

static void on_signal(int sig)
{
    stop_signal = sig;
}

static int parse_positive(const char *text, long *v)
{
    char *end = NULL;
    long x = strtol(text, &end, 10);
    if (end == text || *end != '\0' || x < 1) return -1;
    *v = x;
    return 0;
}

static int parse_and_run(int argc, char **argv);

int mn_cmd_sweep(int argc, char **argv)
{
    /* only rank 0 speaks: every error is the same on every rank (run failures are agreed) */
    if (mn_par_rank() != 0 && !freopen("/dev/null", "w", stderr)) return MN_EXIT_RUNTIME;
    /* getopt may permute argv: provenance uses mn_argv, the copy main() kept as typed */
    return parse_and_run(argc, argv);
}

static int run_sweep(const char *file, mn_sweep_options *o, char **sets, int n_sets);

static int parse_and_run(int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"threads", required_argument, NULL, 't'},
                                             {"resume", no_argument, NULL, 'r'},
                                             {"trajectories", no_argument, NULL, 'T'},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"no-write", no_argument, NULL, 'N'},
                                             {"block", required_argument, NULL, 'b'},
                                             {"set", required_argument, NULL, 's'},
                                             {NULL, 0, NULL, 0}};
    mn_sweep_options o = {.argc = mn_argc, .argv = mn_argv};
    const char *file = NULL;
    char *sets[256];
    int n_sets = 0;
    optind = 1;
    opterr = 0;
    int c;
    long v;
    while ((c = getopt_long(argc, argv, "o:t:qs:", longopts, NULL)) != -1) {
        if (c == 'o')
            o.output = optarg;
        else if (c == 's') {
            if (n_sets == (int)(sizeof sets / sizeof *sets))
                return mn_usage_error("sweep", "--set: at most %d assignments",
                                      (int)(sizeof sets / sizeof *sets));
            sets[n_sets++] = optarg;
        } else if (c == 't') {
            if (parse_positive(optarg, &v) != 0 || v > 4096)
                return mn_usage_error("sweep", "--threads: '%s' is not a whole number in [1, 4096]",
                                      optarg);
            o.threads = (int)v;
        } else if (c == 'b') {
            if (parse_positive(optarg, &v) != 0)
                return mn_usage_error("sweep", "--block: '%s' is not a positive whole number",
                                      optarg);
            o.block_points = (size_t)v;
        } else if (c == 'r')
            o.resume = 1;
        else if (c == 'T')
            o.trajectories = 1;
        else if (c == 'q')
            o.quiet = 1;
        else if (c == 'N')
            o.no_write = 1;
        else
            return mn_usage_error("sweep", "unknown option or missing value: '%s'",
                                  argv[optind - 1]);
    }
    if (optind < argc) file = argv[optind++];
    if (!file) return mn_usage_error("sweep", "missing the sweep file");
    if (optind < argc) return mn_usage_error("sweep", "unexpected argument '%s'", argv[optind]);
    if (o.no_write && (o.resume || o.output))
        return mn_usage_error("sweep",
                              "--no-write writes nothing: it takes neither -o nor --resume");
    static char dflt[4096];
    if (!o.output && !o.no_write) { /* default: results/<name of the sweep file>.h5 */
        mn_default_output(file, ".h5", dflt, sizeof dflt);
        o.output = dflt;
    }
    if (!o.output) o.output = "(none)";
    const char *inputs[] = {file};
    int rc = o.no_write ? 0 : mn_check_output("sweep", o.output, 0, inputs, 1);
    if (rc) return rc;
    return run_sweep(file, &o, sets, n_sets);
}

/* --set on a sweep: the base values (defaults + base INI) take the assignment; a swept parameter
 * cannot be set. The assignments are appended to the stored base INI text as comment lines, so
 * that --resume with other --set values is refused like a changed base INI. */
int mn_sweep_apply_sets(mn_sweep *s, char **sets, int n_sets, mn_error *err)
{
    for (int i = 0; i < n_sets; i++) {
        double p[P_COUNT];
        memcpy(p, s->base, sizeof p);
        if (mn_param_set_arg(p, sets[i], err) != 0) return -1;
        char name[160];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(sets[i], "= \t"), sets[i]);
        int id = mn_param_find(name);
        for (int k = 0; k < s->n_axes; k++)
            if (s->axes[k].id == id) {
                return mn_fail(err, "--set %s: %s is swept by %s:%d; set a swept parameter there",
                               sets[i], name, s->path, s->axes[k].line);
            }
        memcpy(s->base, p, sizeof p);
        size_t len = strlen(s->base_text), add = strlen(sets[i]) + 16;
        char *t = realloc(s->base_text, len + add);
        if (!t) return mn_fail(err, "out of memory");
        snprintf(t + len, add, "\n; --set %s\n", sets[i]);
        s->base_text = t;
    }
    return 0;
}

static int run_sweep(const char *file, mn_sweep_options *op, char **sets, int n_sets)
{
    mn_error err = {{0}};
    mn_sweep s;
    if (mn_sweep_load(file, &s, &err) != 0) return mn_input_error(&err);
    if (mn_sweep_apply_sets(&s, sets, n_sets, &err) != 0) {
        mn_sweep_free(&s);
        return mn_input_error(&err);
    }
    const char *base_input[] = {s.base_path};
    int rc = op->no_write || !s.base_path[0]
                 ? 0
                 : mn_check_output("sweep", op->output, 0, base_input, 1);
    if (rc == 0) rc = mn_sweep_execute("sweep", file, &s, op);
    mn_sweep_free(&s);
    return rc;
}

int mn_sweep_execute(const char *command, const char *file, const mn_sweep *sp,
                     const mn_sweep_options *op)
{
    mn_sweep_options o = *op;
    mn_error err = {{0}};
    const mn_sweep *s = sp;
    int replaced = !o.no_write && !o.resume && mn_output_exists(o.output);
    if (!o.no_write && mn_make_parent_dir(o.output, &err) != 0) return mn_runtime_error(&err);

    struct sigaction sa, old_int, old_term, old_usr1;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    stop_signal = 0;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sigaction(SIGUSR1, &sa, &old_usr1); /* mpirun forwards SIGUSR1 to every rank */
    o.stop = &stop_signal;

    mn_sweep_summary sum;
    int rc = mn_sweep_run(s, &o, &sum, &err);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGUSR1, &old_usr1, NULL);
    int sig = (int)-mn_par_min_long(-(long)stop_signal); /* the signal any rank received */
    if (rc != 0) {
        return rc == -2 ? mn_input_error(&err) : mn_runtime_error(&err);
    }
    size_t done = sum.total - sum.pending;
    if (sum.interrupted) {
        char launcher[64] = "";
        if (mn_par_is_mpi()) snprintf(launcher, sizeof launcher, "mpirun -np %d ", mn_par_size());
        fprintf(stderr,
                "interrupted: %zu of %zu points done; resume with: %smnsim %s %s -o %s "
                "--resume%s\n",
                done, sum.total, launcher, command, file, o.output,
                o.trajectories ? " --trajectories" : "");
        return 128 + (sig > 0 ? sig : SIGINT); /* 130 SIGINT, 143 SIGTERM, 138 SIGUSR1 */
    }
    if (!o.quiet) {
        /* the rate of the progress line: courses simulated by this execution / wall-clock
         * seconds since it started (writing included), printed alike */
        double rate = sum.seconds > 0 ? (double)sum.done_now / sum.seconds : 0.0;
        fprintf(stderr, "%s: %zu courses in %.2f s (%.0f courses/s, ", command, sum.done_now,
                sum.seconds, rate);
        if (mn_par_is_mpi())
            fprintf(stderr, "%d MPI ranks x %d threads)", mn_par_size(), sum.threads);
        else
            fprintf(stderr, "%d threads)", sum.threads);
        if (!o.no_write)
            fprintf(stderr, "; %zu ok, %zu invalid, %zu solver failed; wrote %s%s", sum.ok,
                    sum.invalid, sum.failed, o.output,
                    replaced ? " (replaced the existing file)" : "");
        fputc('\n', stderr);
        if (sum.first_failure[0]) fprintf(stderr, "  first failure: %s\n", sum.first_failure);
    }
    return MN_EXIT_OK;
}
