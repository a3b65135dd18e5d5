#!/usr/bin/env bash
# tests/cli/claims.sh — `mnsim claims` as README shows it: one line per claim C1..C16 starting
# with its id and pass, a closing count, exit 0; -o writes a Markdown table with a row per claim;
# a single claim can be asked for; an unknown argument is a usage error (exit 2).
set -euo pipefail
bin=${MNSIM:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$("$bin" claims -o "$tmp/claims.md") || fail "mnsim claims exited $?"
for i in $(seq 1 16); do
  printf '%s\n' "$out" | grep -Eq "^C$i +pass " || fail "no passing line for C$i"
done
[ "$(printf '%s\n' "$out" | grep -Ec '^C[0-9]+ ')" -eq 16 ] || fail "expected 16 claim lines"
printf '%s\n' "$out" | grep -qx "16 of 16 claims pass" || fail "missing the closing count"
[ "$(grep -c '^| C[0-9]* |' "$tmp/claims.md")" -eq 16 ] || fail "Markdown table does not have 16 rows"
one=$("$bin" claims C14)
printf '%s\n' "$one" | grep -Eq '^C14 +pass gain at day 182 peaks at D = 2[1-8] days' || fail "C14 alone: $one"
set +e; err=$("$bin" claims C99 2>&1); rc=$?; set -e
[ $rc -eq 2 ] && printf '%s' "$err" | grep -q "unknown argument 'C99'" || fail "bad claim id: $rc $err"
echo "claims: ok"
