/* main.c — the mnsim program: dispatches to sub-commands (git-style). No science here. */
#include <gsl/gsl_errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "h5util.h"
#include "parallel.h"
#include "params.h"
#include "plot.h"
#include "version.h"

static int cmd_help(int argc, char **argv);

const mn_command mn_commands[] = {
    {"run", mn_cmd_run, "simulate one course and write it to HDF5",
     "usage: mnsim run FILE.ini [FILE2.ini ...] [-o OUT.h5] [--set section.key=value]... "
     "[--quiet]\n"
     "       [--ensemble N [--ensemble-file U.ini | --ensemble-from F.h5] [--seed S]\n"
     "        [--threads N]]\n"
     "\n"
     "Simulates one course described by the INI file(s) (later files and --set override earlier\n"
     "values; every parameter has a default, see `mnsim params`) and writes the time series,\n"
     "events, per-session outcomes, metrics, parameters and provenance to OUT.h5\n"
     "(default: results/<name of the first INI>.h5). The file is written as OUT.h5.partial and\n"
     "renamed when complete.\n"
     "\n"
     "  -o, --output OUT.h5        output file\n"
     "  -s, --set section.key=v    override one parameter (repeatable)\n"
     "  -q, --quiet                print nothing but errors\n"
     "      --ensemble N           also run N members with parameters drawn from distributions\n"
     "                             and write the 10/50/90 % quantiles of every series as\n"
     "                             NAME_q10/_q50/_q90 (members in group `ensemble`); `mnsim plot`\n"
     "                             draws them as bands. Default distributions: the planner's\n"
     "                             log-normal spread (plan.ensemble_spread) of the uncertain "
     "rates\n"
     "      --ensemble-file U.ini  distributions: [ensemble] seed = S and lines such as\n"
     "                             collagen.synthesis_boost = lognormal 0.2 (median = run value),\n"
     "                             fibroblast.recovery_days = uniform 14 .. 28, loguniform A .. "
     "B,\n"
     "                             inflammation.resolution_per_day = normal 1 0.1\n"
     "      --ensemble-from F.h5   draw the parameters fitted by `mnsim fit` jointly from a\n"
     "                             normal of their estimate and covariance (within the fit's\n"
     "                             bounds); the nominal series use the estimate; N default 64\n"
     "      --seed S               ensemble seed (default: the file's, or 1); the ensemble is the\n"
     "                             same for any --threads\n"
     "  -t, --threads N            ensemble threads (default: all cores)\n"
     "\n"
     "Exit status: 0 success; 2 bad usage or bad input (nothing written); 1 run-time failure.\n"},
    {"check", mn_cmd_check, "validate INI file(s) without simulating or writing anything",
     "usage: mnsim check FILE.ini [FILE2.ini ...] [--set section.key=value]... [-o OUT.ini] "
     "[--quiet]\n"
     "\n"
     "Applies exactly the validation of `mnsim run` (names, numbers, bounds, duplicates, the\n"
     "schedule fitting in the course), reports every error of a file in line order and writes\n"
     "nothing, unless -o: then OUT.ini is the complete resolved parameter set. A sweep,\n"
     "sensitivity or ensemble file is checked with the loader of its command.\n"
     "Exit status 0 if valid, 2 otherwise.\n"},
    {"params", mn_cmd_params,
     "list every parameter: name, unit, default, bounds, description, source",
     "usage: mnsim params [--ini | --markdown] [--set section.key=value]... [-o FILE] [--quiet]\n"
     "                    [SECTION|NAME ...]\n"
     "\n"
     "Without options prints a table of every parameter. --ini prints a complete INI file of\n"
     "the defaults (a starting point to copy); --markdown prints the table used in docs/MODEL.md.\n"
     "Arguments restrict the listing to sections or full names; --set shows other values; -o\n"
     "writes the listing to FILE. Numbers are printed in the shortest form that reads back to\n"
     "the same double.\n"},
    {"claims", mn_cmd_claims,
     "check every claim of the source document and literature target on the simulator",
     "usage: mnsim claims [-o FILE.md] [--quiet] [C1 ... C16 L1 ... L6]\n"
     "       mnsim claims --robustness [SAMPLES]\n"
     "\n"
     "Runs the scenario of each claim of the source document (C1-C16) and literature target\n"
     "(L1-L6; docs/CLAIMS.md) and prints what was measured, the target and pass/FAIL; -o also\n"
     "writes a Markdown table. Exit status 1 if any fails.\n"
     "--robustness ranks the biological rates by how much a +-20 % change moves the C14 curve,\n"
     "varies the ten strongest jointly by +-20 % in a Latin hypercube of SAMPLES points (default\n"
     "200, seeded) and prints the fraction that keeps C14 and the 5/50/95 % percentiles of the\n"
     "best interval D; exit status 1 if fewer than 90 % keep C14.\n"},
    {"export", mn_cmd_export, "print datasets of a run or sweep file as tab-separated columns",
     MN_EXPORT_USAGE},
    {"plot", mn_cmd_plot, "render the figures of a run or sweep file with gnuplot", MN_PLOT_USAGE},
    {"gallery", mn_cmd_gallery, "simulate example scenarios and render an illustrated gallery",
     MN_GALLERY_USAGE},
    {"plan", mn_cmd_plan, "screen a patient and compare schedules; recommend an interval",
     "usage: mnsim plan --patient FILE.ini [--procedure FILE.ini] [--set section.key=value]...\n"
     "                  [--sessions N | --horizon-days H] [--interval D | --search MIN:MAX]\n"
     "                  [--compare SCHEDULE]... [--clinic-days DAYS] [--start YYYY-MM-DD]\n"
     "                  [--doctor-approved] [--threads N] [--quiet] [-o DIR]\n"
     "\n"
     "Screens the patient (pregnancy, psoriasis, cold sores, severe acne: refused, exit 3, with\n"
     "DIR/plan.md and plan.html saying why and what to do; bleeding disorder, severe illness:\n"
     "refused unless --doctor-approved, then a warning box in every report), simulates every\n"
     "candidate interval (default --search 14:42) over the horizon (default 182 days, as many\n"
     "sessions as fit) or for N sessions (+90 days follow-up), each with an ensemble of\n"
     "plan.ensemble_members parameter sets shared by all candidates, scores them against a fixed\n"
     "reference course (docs/PLANNING.md) and prints the table with 10-90 % bands, the\n"
     "recommendation (the equivalent intervals and the best one: `Recommended interval: N days`),\n"
     "its reasons and WARNING lines (range edge, PIH, sensitive skin, downtime, no gain).\n"
     "\n"
     "  --compare SCHEDULE   also simulate a schedule of your own, side by side (repeatable):\n"
     "                       DxN (every D days, N sessions) or visits separated by commas, each\n"
     "                       YYYY-MM-DD or a day number, optionally @PROCEDURE.ini for that visit\n"
     "  --clinic-days DAYS   open weekdays, e.g. Mon-Fri or Mon,Wed,Fri: sessions on closed days\n"
     "                       move to the next open day and the booked course is simulated again\n"
     "  --start DATE         date of the first session (default today)\n"
     "  -o, --output DIR     the reports (default results/<patient>_plan)\n"
     "  -t, --threads N      threads for the candidate courses (default: all cores; same plan)\n"
     "\n"
     "Writes DIR/plan.md, DIR/plan.html (printable), DIR/plan.h5 (every candidate and its\n"
     "bands), DIR/sessions.csv, DIR/sessions.ics (iCalendar, aftercare in each event),\n"
     "DIR/recommended_course.h5 and DIR/figures/ (candidates.png with bands, the course).\n"
     "Exit status: 0 planned; 2 bad usage or input; 3 refused by screening; 1 run-time failure.\n"},
    {"sweep", mn_cmd_sweep, "run a parameter sweep (grid, lhs, sobol, random) into one HDF5 file",
     "usage: mnsim sweep SWEEP.ini [-o OUT.h5] [--set section.key=value]... [--threads N] "
     "[--resume]\n"
     "                   [--trajectories] [--quiet]\n"
     "\n"
     "Runs one course per point of the design in SWEEP.ini and writes every metric, the status,\n"
     "failure day and solver statistics of each point to OUT.h5 (xarray-ready: a grid has one\n"
     "dimension per swept parameter, other designs a `point` dimension). SWEEP.ini:\n"
     "\n"
     "  [sweep]\n"
     "  base = ../default.ini          ; run INI (relative to SWEEP.ini); optional\n"
     "  design = grid                  ; grid | lhs | sobol | random (| saltelli | morris)\n"
     "  points = 1024                  ; lhs/sobol/random only\n"
     "  seed = 1                       ; lhs/random\n"
     "  schedule.interval_days = 14, 21, 28, 35   ; grid: list ...\n"
     "  schedule.sessions = 1:6:1                 ; ... or start:stop:step (stop included)\n"
     "  patient.age_years = 25 .. 65              ; lhs/sobol/random: bounds\n"
     "  pigment.clearance_days = 30 .. 300 log    ; ... uniform in log(value)\n"
     "\n"
     "The file is written as OUT.h5.partial and renamed when complete. Ctrl-C (SIGINT) or\n"
     "SIGTERM stops after the courses in flight and keeps the .partial; --resume continues it\n"
     "and gives the same data as an uninterrupted run. Data do not depend on --threads.\n"
     "\n"
     "  -o, --output OUT.h5   output file (default results/<name of SWEEP.ini>.h5)\n"
     "  -s, --set s.key=v     override a base value (repeatable; a swept parameter is refused)\n"
     "  -t, --threads N       OpenMP threads (default: all cores)\n"
     "      --resume          continue OUT.h5.partial (same sweep file, base INI and --set)\n"
     "      --trajectories    also store traj_<observable>[points..., time] on output.step_days\n"
     "  -q, --quiet           no progress or summary\n"
     "      --block N         points per block written at once (default 4096)\n"
     "      --no-write        benchmark: integrate only, write nothing (no -o)\n"
     "\n"
     "Exit status: 0 complete; 2 bad usage or bad sweep file (nothing written); 1 run-time\n"
     "failure; 130/143 interrupted by SIGINT/SIGTERM (resume with --resume).\n"},
    {"sensitivity", mn_cmd_sensitivity,
     "global sensitivity (Sobol' indices or Morris screening) of metrics to parameters",
     "usage: mnsim sensitivity SPEC.ini [-o OUT.h5] [--set section.key=value]... [--threads N]\n"
     "                         [--resume] [--quiet]\n"
     "\n"
     "Runs the courses of a Saltelli or Morris design on the sweep engine (threads, MPI,\n"
     "--resume, progress) and writes the samples and the indices to OUT.h5: first-order (S1)\n"
     "and total-effect (ST) Sobol' indices with bootstrap intervals (saltelli), or the Morris\n"
     "mu, mu*, sigma (morris), on the dimensions (metric, parameter). SPEC.ini is a sweep file:\n"
     "\n"
     "  [sweep]\n"
     "  base = ../default.ini          ; run INI (relative to SPEC.ini); optional\n"
     "  design = saltelli              ; saltelli (Sobol' indices) | morris (screening)\n"
     "  points = 256                   ; saltelli: base samples N, N (d + 2) courses;\n"
     "                                 ; morris: trajectories r, r (d + 1) courses\n"
     "  levels = 4                     ; morris only: grid levels (even)\n"
     "  seed = 1                       ; morris trajectories; default bootstrap seed\n"
     "  schedule.interval_days = 14 .. 42        ; bounds (uniform) ...\n"
     "  pigment.clearance_days = 30 .. 300 log   ; ... or uniform in log(value)\n"
     "  [sensitivity]                  ; optional\n"
     "  metrics = collagen_gain_percent, scar_severity_end   ; default: every metric\n"
     "  bootstrap = 200                ; resamples for the intervals (0: none)\n"
     "  confidence = 0.95              ; interval level\n"
     "\n"
     "Estimators and their limits: docs/ANALYSIS.md. `mnsim plot OUT.h5` draws the indices.\n"
     "\n"
     "  -o, --output OUT.h5   output file (default results/<name of SPEC.ini>.h5; written as\n"
     "                        OUT.h5.partial, renamed when complete)\n"
     "  -s, --set s.key=v     override a base value (repeatable; a varied parameter is refused)\n"
     "  -t, --threads N       OpenMP threads (default: all cores)\n"
     "      --resume          continue OUT.h5.partial\n"
     "  -q, --quiet           no progress or summary\n"
     "\n"
     "Exit status: 0 complete; 2 bad usage or bad file (nothing written); 1 run-time failure;\n"
     "130/143 interrupted (resume with --resume).\n"},
    {"fit", mn_cmd_fit, "fit model parameters to observations (weighted least squares)",
     "usage: mnsim fit FIT.ini [-o OUT.h5] [--threads N] [--quiet]\n"
     "\n"
     "Fits the parameters named in FIT.ini to the rows of its data file (day,\n"
     "observable_or_metric, value, sd[, group]; docs/FILE-FORMAT.md) by weighted least squares\n"
     "(gsl_multifit_nlinear trust region, Levenberg-Marquardt with geodesic acceleration) from\n"
     "several starts (the base values, then a Sobol' design), and prints the estimates, their\n"
     "standard errors and correlations (from the Jacobian), chi2, AIC and warnings (|r| > 0.95:\n"
     "not identifiable separately; an estimate at a bound). FIT.ini:\n"
     "\n"
     "  [fit]\n"
     "  base = ../default.ini                             ; run INI (relative); optional\n"
     "  data = published.tsv                              ; data file (relative to FIT.ini)\n"
     "  starts = 8                                        ; multistart points\n"
     "  max_iterations = 100                              ; per start\n"
     "  treated_layer.synthesis_per_day = 0.05 .. 0.5 log ; fitted, bounds, log scale\n"
     "  [group split_face]                                ; rows with group split_face\n"
     "  schedule.sessions = 3                             ; its INI overrides\n"
     "\n"
     "Writes OUT.h5 (default results/<name>.h5; as OUT.h5.partial, renamed when complete):\n"
     "estimate, std_error, correlation, covariance on `parameter`, data, model and residuals on\n"
     "`observation`, the starts, the model curves (xarray, or `mnsim export OUT.h5`).\n"
     "`mnsim plot OUT.h5` draws the data, the fitted curves with their 95 % band and the\n"
     "residuals; `mnsim run FILE.ini --ensemble-from OUT.h5` gives bands from the posterior.\n"
     "\n"
     "  -o, --output OUT.h5   output file\n"
     "  -t, --threads N       starts run in parallel (default: all cores; same result)\n"
     "  -q, --quiet           print nothing but errors and warnings\n"
     "\n"
     "Exit status: 0 fitted; 2 bad usage or bad input (nothing written); 1 run-time failure.\n"},
    {"sbml", mn_cmd_sbml, "export the model and a course as SBML (COPASI, Tellurium)",
     "usage: mnsim sbml FILE.ini [FILE2.ini ...] [-o OUT.xml] [--set section.key=value]...\n"
     "       [--quiet]\n"
     "\n"
     "Writes the model with the parameters of the INI file(s) (later files and --set override\n"
     "earlier values) and its schedule of sessions, serum and acid applications as SBML Level 3\n"
     "Version 2 (default: results/<name of the first INI>.xml; written as OUT.xml.partial and\n"
     "renamed when complete): states as rate rules, observables as assignment rules with mnsim's\n"
     "names, visits as events. Load it in COPASI or Tellurium (docs/SBML.md).\n"
     "\n"
     "  -o, --output OUT.xml       output file\n"
     "  -s, --set section.key=v    override one parameter (repeatable)\n"
     "  -q, --quiet                print nothing but errors\n"
     "\n"
     "Exit status: 0 success; 2 bad usage or bad input (nothing written); 1 run-time failure.\n"},
    {"help", cmd_help, "show help for mnsim or one of its commands",
     "usage: mnsim help [COMMAND]\n"},
    {NULL, NULL, NULL, NULL},
};

static void print_overview(FILE *out)
{
    fprintf(out,
            "mnsim %s — simulator of skin healing after microneedling\n\n"
            "usage: mnsim COMMAND [ARGS...]   (mnsim help COMMAND for details)\n\n"
            "commands:\n",
            MNSIM_VERSION);
    for (const mn_command *c = mn_commands; c->name; c++)
        fprintf(out, "  %-12s %s\n", c->name, c->summary);
    fprintf(out, "\n  --version  print the version and exit\n\n");
    mn_print_common_flags(out); /* one table of the common flags, with the output policy */
}

int mn_print_help(const char *name)
{
    for (const mn_command *c = mn_commands; c->name; c++)
        if (strcmp(c->name, name) == 0) {
            fputs(c->usage, stdout);
            return 0;
        }
    fprintf(stderr, "mnsim: unknown command '%s' (see `mnsim help`)\n", name);
    return MN_EXIT_INPUT;
}

static int cmd_help(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--help") != 0 && strcmp(argv[1], "-h") != 0)
        return mn_print_help(argv[1]);
    print_overview(stdout);
    return 0;
}

static int run_main(int argc, char **argv);

int main(int argc, char **argv)
{
    mn_h5_start(); /* before any HDF5 call: mnsim shuts HDF5 down itself (mn_h5_finish) */
    if (mn_par_init(&argc, &argv) != 0) { /* MPI build: MPI_Init; serial build: nothing */
        fprintf(stderr, "mnsim: error: cannot initialise MPI\n");
        return MN_EXIT_RUNTIME;
    }
    int rc = run_main(argc, argv);
    mn_h5_finish();
    mn_par_finalize();
    return rc;
}

static int run_main(int argc, char **argv)
{
    gsl_set_error_handler_off(); /* GSL codes are mapped to our errors, never abort() */
    mn_h5_quiet();
    /* Keep the command line as typed for provenance: getopt_long permutes argv in place. */
    static char *typed[4096];
    mn_argc = argc < 4096 ? argc : 4095;
    for (int i = 0; i < mn_argc; i++)
        typed[i] = argv[i];
    mn_argv = typed;
    if (argc < 2) {
        print_overview(stderr);
        return MN_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("mnsim %s (git %s)\n", MNSIM_VERSION, MNSIM_GIT_COMMIT);
        return 0;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_overview(stdout);
        return 0;
    }
    for (const mn_command *c = mn_commands; c->name; c++)
        if (strcmp(c->name, argv[1]) == 0) {
            if (c->main != cmd_help && mn_wants_help(argc - 1, argv + 1))
                return mn_print_help(c->name);
            int rc = mn_refuse_common_flags(c->name, argc - 1, argv + 1);
            return rc ? rc : c->main(argc - 1, argv + 1);
        }
    const char *names[64];
    size_t n = 0;
    for (const mn_command *c = mn_commands; c->name && n < 64; c++)
        names[n++] = c->name;
    const char *hint = mn_closest_name(argv[1], names, n);
    if (hint) { /* a likely slip: one line, not the overview */
        fprintf(stderr, "mnsim: unknown command '%s' (did you mean '%s'? see `mnsim help`)\n",
                argv[1], hint);
        return MN_EXIT_INPUT;
    }
    fprintf(stderr, "mnsim: unknown command '%s'\n\n", argv[1]);
    print_overview(stderr);
    return MN_EXIT_INPUT;
}
