#!/usr/bin/env bash
# common_flags.sh — one set of common flags for every command, as the table in `mnsim help` (and
# the same block in README.md) says. For every command listed by `mnsim help`:
#   * -h and --help print its usage (exit 0);
#   * it has a row in the table; each common flag (-o/--output, -q/--quiet, --set, -t/--threads)
#     that the row marks "-" is refused with exit 2 and "mnsim CMD: FLAG does not apply to CMD",
#     nothing on stdout; each flag it marks as taken reaches the command's own parser (the
#     error is then about the bogus operand, never "unknown option" or "does not apply");
# and for every command that writes a file or directory:
#   * -o naming an input (by another path too) is refused with exit 2 and the input unchanged;
#   * -o naming a directory where a file is written (a file where a directory is written) is
#     refused with exit 2 before any work: no stdout, no .partial, nothing inside the directory;
#   * an existing output file is replaced and the command says "(replaced the existing file)";
#   * -q leaves stdout empty.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

help=$("$MNSIM" help)
mapfile -t cmds < <(sed -n '/^commands:/,/^$/p' <<<"$help" | awk 'NF > 1 && $1 != "commands:" { print $1 }')
[ "${#cmds[@]}" -ge 12 ] || fail "mnsim help lists ${#cmds[@]} commands: ${cmds[*]}"
table=$(sed -n '/^  command /,/^$/p' <<<"$help")
[ -n "$table" ] || fail "mnsim help has no table of common flags"

# The README carries the same conventions block as `mnsim help`, byte for byte.
readme=$(sed -n '/<!-- BEGIN FLAGS/,/<!-- END FLAGS/p' "$MNSIM_SOURCE_DIR/README.md" | sed '1,2d;$d' | sed '$d')
conventions=$(sed -n '/^Common flags/,$p' <<<"$help")
[ "$readme" = "$conventions" ] ||
    fail "README.md FLAGS block differs from mnsim help: $(diff <(echo "$readme") <(echo "$conventions"))"

# column of the row: -o (2), -q (3), --set (4), -t (5); fixed widths "  %-12s %-36s %-4s %-6s %s"
# (bash substrings: no process per lookup)
column() { # column ROW N -> COL
    case $2 in
    2) COL=${1:15:36} ;;
    3) COL=${1:52:4} ;;
    4) COL=${1:57:6} ;;
    5) COL=${1:64} ;;
    esac
    COL=${COL%%+( )}
}
shopt -s extglob nullglob dotglob

n_refused=0 n_taken=0
for cmd in "${cmds[@]}"; do
    for h in -h --help; do
        run_mnsim "$cmd" "$h"
        expect_rc 0 "$cmd $h"
        case "$cmd:$OUT" in "$cmd:usage: mnsim $cmd"* | "help:"*"usage: mnsim COMMAND"*) ;;
        *) fail "$cmd $h: no usage line: ${OUT:0:80}" ;; esac
    done
    row=
    while IFS= read -r line; do
        [[ "$line" == "  $cmd "* ]] && row=$line
    done <<<"$table"
    if [ "$cmd" = help ]; then
        [ -z "$row" ] || fail "help has a row"
    else
        [ -n "$row" ] || fail "$cmd has no row in the table of common flags (src/cli/cli_util.c)"
    fi
    k=2
    for spec in "-o|--output|o.out" "-q|--quiet|" "-s|--set|schedule.sessions=3" "-t|--threads|2"; do
        IFS='|' read -r short long value <<<"$spec"
        taken=0
        if [ -n "$row" ]; then
            column "$row" $k
            [ "$COL" = "-" ] || taken=1
        fi
        k=$((k + 1))
        label=$long
        [ "$short" = "-s" ] && label=--set
        [ "$short" != "-s" ] && label="$short/$long"
        for flag in "$short" "$long"; do
            args=("$flag")
            [ -n "$value" ] && args+=("$value")
            # a bogus operand: the command must fail on it, after its options were parsed
            run_mnsim "$cmd" "${args[@]}" no/such/input.ini
            expect_rc 2 "$cmd $flag"
            if [ "$taken" = 1 ]; then
                case "$ERR" in *"unknown option"* | *"does not apply"*)
                    fail "$cmd $flag: the table says it is taken, but: $ERR" ;; esac
                n_taken=$((n_taken + 1))
            else
                expect_err_contains "mnsim $cmd: $label does not apply to $cmd (" "$cmd $flag"
                expect_err_contains "(see \`mnsim help $cmd\`)" "$cmd $flag"
                [ -z "$OUT" ] || fail "$cmd $flag: refused, but printed: $OUT"
                n_refused=$((n_refused + 1))
            fi
        done
    done
done
# bundled and attached short forms are seen too
run_mnsim export x.h5 -qt2
expect_rc 2 "export -qt2"
expect_err_contains "mnsim export: -t/--threads does not apply to export" "export -qt2"
run_mnsim plot x.h5 --set=schedule.sessions=3
expect_rc 2 "plot --set="
expect_err_contains "mnsim plot: --set does not apply to plot" "plot --set="

# ---- outputs of every command that writes ----
printf '[schedule]\nsessions = 2\ncourse_days = 60\n' >s.ini
printf '[sweep]\nbase = s.ini\nschedule.interval_days = 14, 21\n' >sw.ini
printf '[sweep]\nbase = s.ini\ndesign = saltelli\npoints = 4\nschedule.interval_days = 14 .. 42\n[sensitivity]\nbootstrap = 0\n' >sa.ini
"$MNSIM" run s.ini -o run.h5 -q || fail "setup run"
"$MNSIM" export run.h5 --dataset treated_collagen |
    awk 'BEGIN { OFS = "\t"; print "day", "observable", "value", "sd" }
         /^[0-9]/ && ($1 == 20 || $1 == 40 || $1 == 60) { print $1, "treated_collagen", $2, 0.01 }' >data.tsv
printf '[fit]\nbase = s.ini\ndata = data.tsv\nstarts = 1\nmax_iterations = 3\ntreated_layer.synthesis_per_day = 0.05 .. 0.5 log\n' >fit.ini
mkdir adir
cp s.ini s.ini.orig

md5sum s.ini sw.ini sa.ini data.tsv fit.ini run.h5 >inputs.md5
unchanged() { # unchanged WHAT: the inputs are as they were and nothing was written
    md5sum --quiet -c inputs.md5 >/dev/null 2>&1 || fail "$1: an input was modified"
    local inside=(adir/*) partial=(*.partial* */*.partial*)
    [ "${#inside[@]}" -eq 0 ] || fail "$1: files written into adir: ${inside[*]}"
    [ "${#partial[@]}" -eq 0 ] || fail "$1: a .partial was left: ${partial[*]}"
    [ ! -e results ] || fail "$1: results/ was created"
}
refused() { # refused WHAT TEXT ARGS...
    local what=$1 text=$2
    shift 2
    run_mnsim "$@"
    expect_rc 2 "$what"
    expect_err_contains "$text" "$what"
    [ -z "$OUT" ] || fail "$what: printed on stdout (work was done?): $OUT"
    unchanged "$what"
}
# -o is an input, by the same or another path
refused "run" "is the input file s.ini" run s.ini -o ./s.ini
refused "check" "is the input file s.ini" check s.ini -o s.ini
refused "sweep" "is the input file sw.ini" sweep sw.ini -o sw.ini
refused "sweep base" "is the input file" sweep sw.ini -o ../"$(basename "$WORK")"/s.ini
refused "sensitivity" "is the input file sa.ini" sensitivity sa.ini -o sa.ini
refused "sensitivity base" "is the input file" sensitivity sa.ini -o ./s.ini
refused "fit" "is the input file fit.ini" fit fit.ini -o fit.ini
refused "fit data" "is the input file" fit fit.ini -o ./data.tsv
refused "fit base" "is the input file" fit fit.ini -o s.ini
refused "export" "is the input file run.h5" export run.h5 -o ./run.h5
refused "plot" "is the input file run.h5" plot run.h5 -o run.h5
refused "plan" "is the input file s.ini" plan --patient s.ini -o ./s.ini
# a directory where a file is written; a file where a directory is written
for c in "run s.ini" "check s.ini" "params --ini" "claims C1" "export run.h5" "sweep sw.ini" \
    "sensitivity sa.ini" "fit fit.ini"; do
    # shellcheck disable=SC2086
    refused "$c -o DIR" "-o adir is a directory" $c -o adir
    # shellcheck disable=SC2086
    refused "$c -o DIR/" "is a directory" $c -o adir/
done
for c in "plot run.h5" "gallery" "plan --patient s.ini"; do
    # shellcheck disable=SC2086
    refused "$c -o FILE" "exists and is not a directory" $c -o s.ini.orig
done
# an existing output file is replaced, and the command says so; -q prints nothing
replaced() { # replaced WHAT OUTPUT ARGS...: run twice; the second says it replaced OUTPUT
    local what=$1 out=$2
    shift 2
    rm -f "$out"
    run_mnsim "$@"
    expect_rc 0 "$what (first)"
    case "$OUT$ERR" in *replaced*) fail "$what: the first write says replaced: $OUT$ERR" ;; esac
    [ -f "$out" ] || fail "$what: $out not written"
    run_mnsim "$@"
    expect_rc 0 "$what (second)"
    case "$OUT$ERR" in *"wrote $out (replaced the existing file)"*) ;;
    *) fail "$what: the second write does not say 'wrote $out (replaced the existing file)': $OUT$ERR" ;;
    esac
    run_mnsim "$@" -q
    expect_rc 0 "$what -q"
    [ -z "$OUT" ] || fail "$what -q printed: $OUT"
}
replaced "run" r.h5 run s.ini -o r.h5
replaced "check -o" c.ini check s.ini -o c.ini
replaced "params -o" p.ini params --ini -o p.ini
replaced "export -o" e.csv export run.h5 --dataset redness --csv -o e.csv
replaced "sweep" g.h5 sweep sw.ini -o g.h5
replaced "sensitivity" sa.h5 sensitivity sa.ini -o sa.h5
replaced "fit" f.h5 fit fit.ini -o f.h5 -t 1
# claims -q keeps its count line (the table says so); -o is announced and replaced
run_mnsim claims C1 -o c.md
expect_rc 0 "claims -o"
run_mnsim claims C1 -o c.md
case "$OUT" in *"wrote c.md (replaced the existing file)"*) ;; *) fail "claims -o again: $OUT" ;; esac
# --set reaches the base values of sensitivity like sweep, and is refused for a varied parameter
run_mnsim sensitivity sa.ini -o sa2.h5 -q --set patient.age_years=50
expect_rc 0 "sensitivity --set"
"$PY" -c "import h5py,sys; v=h5py.File('sa2.h5')['parameters/patient'].attrs['age_years']; sys.exit(int(v != 50))" ||
    fail "sensitivity --set not applied to the base values"
run_mnsim sensitivity sa.ini -o sa3.h5 --set schedule.interval_days=20
expect_rc 2 "sensitivity --set on a varied parameter"
expect_err_contains "schedule.interval_days is swept by" "sensitivity --set varied"
# -t on plan gives the same plan; threads on run need --ensemble; check takes no --ensemble
"$MNSIM" plan --patient s.ini --interval 21 --sessions 2 --start 2027-01-04 -o p1 -t 1 -q || fail "plan -t 1"
"$MNSIM" plan --patient s.ini --interval 21 --sessions 2 --start 2027-01-04 -o p2 -t 2 -q || fail "plan -t 2"
cmp -s p1/plan.md p2/plan.md || fail "plan -t 1 and -t 2 differ: $(diff p1/plan.md p2/plan.md)"
run_mnsim run s.ini -t 2 -o t.h5
expect_rc 2 "run -t without --ensemble"
expect_err_contains "need --ensemble N" "run -t"
run_mnsim check s.ini --ensemble 4
expect_rc 2 "check --ensemble"
expect_err_contains "apply to run, not check" "check --ensemble"
echo "PASS common_flags ($n_taken taken and $n_refused refused flag forms over ${#cmds[@]} commands)"
