#!/usr/bin/env bash
# tests/cli/claims.sh — `mnsim claims` as README shows it: one line per claim C1..C16 and
# literature target L1..L6 starting with its id and pass, a closing count, exit 0; -o writes a Markdown table with a row per claim;
# a single claim can be asked for; an unknown argument is a usage error (exit 2).
set -euo pipefail
bin=${MNSIM:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
out=$("$bin" claims -o "$tmp/claims.md") || fail "mnsim claims exited $?"
for id in $(seq -f 'C%g' 1 16) $(seq -f 'L%g' 1 6); do
  grep -Eq "^$id +pass " <<<"$out" || fail "no passing line for $id"
done
[ "$(grep -Ec '^[CL][0-9]+ ' <<<"$out")" -eq 22 ] || fail "expected 22 lines"
grep -qx "22 of 22 claims and literature targets pass" <<<"$out" || fail "missing the closing count"
[ "$(grep -c '^| [CL][0-9]* |' "$tmp/claims.md")" -eq 22 ] || fail "Markdown table does not have 22 rows"
one=$("$bin" claims C14)
grep -Eq '^C14 +pass gain at day 182 peaks at D = 2[1-8] days' <<<"$one" || fail "C14 alone: $one"
set +e; err=$("$bin" claims C99 2>&1); rc=$?; set -e
[ $rc -eq 2 ] && grep -q "unknown argument 'C99'" <<<"$err" || fail "bad claim id: $rc $err"
echo "claims: ok"
