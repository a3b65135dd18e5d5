#!/usr/bin/env bash
# readme_usage.sh — the README can be followed top to bottom: the lines between
# <!-- BEGIN USAGE --> and <!-- END USAGE --> run in order (then the "editing a figure" snippet,
# with EDITOR=true) in a copy of the checkout (its files as they are now, in a fresh git
# repository) after the demo's run (results/default.h5), with build/mnsim the binary under test.
# Each exits 0; afterwards `git status --porcelain --ignored` shows nothing outside results/ and
# build folders, and results/default.h5 is the demo's, unchanged. Lines marked "(slow" (the C14
# robustness scan, the MPI build and mpirun) are listed and skipped.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null && git -C "$MNSIM_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1 ||
    { echo "SKIP: no git, or the source is not a git checkout"; exit 77; }
readme=$MNSIM_SOURCE_DIR/README.md
usage=$(sed -n '/^<!-- BEGIN USAGE -->$/,/^<!-- END USAGE -->$/p' "$readme" | grep -v '^<!--' | grep -v '^```')
edit=$(sed -n '/^<!-- BEGIN FIGURE EDIT -->$/,/^<!-- END FIGURE EDIT -->$/p' "$readme" | grep -v '^<!--' | grep -v '^```')
[ "$(grep -c . <<<"$usage")" -ge 15 ] || fail "README usage block between the markers is too short: $usage"
[ -n "$edit" ] || fail "README has no FIGURE EDIT block"

# a copy of the checkout: every tracked file as it is in the working tree, committed afresh
copy=$WORK/checkout
mkdir "$copy"
(cd "$MNSIM_SOURCE_DIR" && git ls-files -z | xargs -0 cp --parents -t "$copy") 2>/dev/null ||
    (cd "$MNSIM_SOURCE_DIR" && git ls-files -z | while IFS= read -r -d '' f; do
        [ -e "$f" ] && cp --parents "$f" "$copy"
    done)
cp "$MNSIM_SOURCE_DIR/.gitignore" "$copy/"
cd "$copy"
git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm copy ||
    fail "cannot make the copy a git repository"
mkdir build && ln -s "$MNSIM" build/mnsim
export PATH="$copy/build:$PATH"
# the demo's run, as scripts/demo leaves it
build/mnsim run params/default.ini -q || fail "demo run"
demo_sum=$(md5sum results/default.h5)

n=0 skipped=()
while IFS= read -r line; do
    [ -n "${line// /}" ] || continue
    case "$line" in *"(slow"*) skipped+=("$line"); continue ;; esac
    n=$((n + 1))
    set +e
    bash -c "set -o pipefail; $line" >"$WORK/line.out" 2>&1 </dev/null
    rc=$?
    set -e
    [ "$rc" -eq 0 ] || fail "README usage line $n exits $rc: $line
$(tail -5 "$WORK/line.out")"
done <<<"$usage"
# the figure-editing snippet, with a no-op editor: its figure must appear
set +e
EDITOR=true bash -c "set -eo pipefail
$edit" >"$WORK/edit.out" 2>&1 </dev/null
rc=$?
set -e
[ "$rc" -eq 0 ] || fail "README figure-editing snippet exits $rc: $(tail -5 "$WORK/edit.out")"
[ -s results/panels.png ] || fail "the figure-editing snippet made no results/panels.png"
sessions=$(build/mnsim export results/default.h5 --group sessions --dataset day | awk '/^[0-9]/ { printf "%s ", $2 }')
[ "$sessions" = "0 28 56 84 112 140 " ] || fail "session days of the demo run: '$sessions'"

[ "$(md5sum results/default.h5)" = "$demo_sum" ] || fail "a usage line replaced the demo's results/default.h5"
stray=$(git status --porcelain --ignored --untracked-files=all | awk '{ print $NF }' | grep -v -E '^(results/|build[^/]*/)' || true)
[ -z "$stray" ] || fail "usage lines left files outside results/ and build folders:
$stray"
for line in "${skipped[@]}"; do echo "skipped (slow): $line"; done
[ "${#skipped[@]}" -le 3 ] || fail "more than 3 lines marked slow"
echo "PASS readme_usage ($n lines run, ${#skipped[@]} slow ones skipped)"
