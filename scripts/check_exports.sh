#!/usr/bin/env bash
# Checks what the export engine writes today with the real tools:
#   tests/promtool/run.sh: promtool check rules on every generated rule file and
#     promtool test rules on tests/promtool/*.test.yml (outage fires every alert, healthy traffic none),
#   tests/conformance/run.sh: the replay's alerts and budget asserted on the exported rules by
#     promtool test rules, on every example project and sample data set,
#   tests/parity/run.sh: promtool check rules on the export of every Sloth and Pyrra parity spec,
#   tests/schema/validate_exports.py  (OpenSLO v1 and Pyrra schemas, Sloth field rules).
# The files come from examples/export_fixture.rs, run now, so no stale copy is checked.
# Env: PROMTOOL (default: promtool on PATH), SLO_SCHEMAS_DIR (default: ../shared/schemas),
#      EXPORT_CHECK_DIR (default: target/export-check).
# Prints one line per check ("ok: ..." / "FAIL: ...") and exits 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."

PROMTOOL="${PROMTOOL:-promtool}"
OUT="${EXPORT_CHECK_DIR:-target/export-check}"
passed=0
failed=0
ok() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

rm -rf "$OUT" && mkdir -p "$OUT"
if cargo run --quiet -p slo-engine --example export_fixture -- "$OUT" >"$OUT/files.txt" 2>"$OUT/export.log"; then
  ok "export_fixture wrote $(wc -l <"$OUT/files.txt") files to $OUT"
else
  fail "export_fixture"
  cat "$OUT/export.log"
  echo "$passed passed, $failed failed"
  exit 1
fi

# tally LOG: counts its ok/FAIL lines and prints it.
tally() {
  echo "$1"
  passed=$((passed + $(grep -c '^ok:' <<<"$1")))
  failed=$((failed + $(grep -c '^FAIL:' <<<"$1")))
}

promtool_log=$(PROMTOOL="$PROMTOOL" tests/promtool/run.sh "$OUT" 2>&1)
promtool_status=$?
tally "$promtool_log"
if [ "$promtool_status" -ne 0 ] && ! grep -q '^FAIL:' <<<"$promtool_log"; then
  fail "tests/promtool/run.sh exited with an error"
fi

conformance_log=$(PROMTOOL="$PROMTOOL" tests/conformance/run.sh "$OUT/conformance" 2>&1)
conformance_status=$?
tally "$conformance_log"
if [ "$conformance_status" -ne 0 ] && ! grep -q '^FAIL:' <<<"$conformance_log"; then
  fail "tests/conformance/run.sh exited with an error"
fi

parity_log=$(PROMTOOL="$PROMTOOL" tests/parity/run.sh "$OUT/parity" 2>&1)
parity_status=$?
tally "$parity_log"
if [ "$parity_status" -ne 0 ] && ! grep -q '^FAIL:' <<<"$parity_log"; then
  fail "tests/parity/run.sh exited with an error"
fi

if schema_log=$(python3 tests/schema/validate_exports.py "$OUT" 2>&1); then
  status=0
else
  status=1
fi
tally "$schema_log"
if [ "$status" -ne 0 ] && ! grep -q '^FAIL:' <<<"$schema_log"; then
  fail "tests/schema/validate_exports.py exited with an error"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
