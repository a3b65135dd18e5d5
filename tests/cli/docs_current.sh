#!/usr/bin/env bash
# tests/cli/docs_current.sh — the files derived from the parameter registry are current:
# params/default.ini equals `mnsim params --ini` (after its header) and the parameter table of
# docs/MODEL.md equals `mnsim params --markdown`.
set -euo pipefail
src=${MNSIM_SOURCE_DIR:?}; bin=${MNSIM:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
"$bin" params --ini > "$tmp/ini"
tail -n +6 "$src/params/default.ini" | diff -q - "$tmp/ini" >/dev/null \
  || fail "params/default.ini is stale: run scripts/gen-docs"
"$bin" params --markdown > "$tmp/md"
sed -n '/<!-- BEGIN PARAMETERS/,/<!-- END PARAMETERS/p' "$src/docs/MODEL.md" | sed '1d;$d' | diff -q - "$tmp/md" >/dev/null \
  || fail "docs/MODEL.md parameter table is stale: run scripts/gen-docs"
echo "docs and default.ini are current"
