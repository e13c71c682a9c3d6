#!/usr/bin/env bash
# The conformance test: the alerts and budget the replay reports are what the
# exported Prometheus rules give, checked by promtool on every example project
# and every sample data set (docs/conformance.md).
#   1. crates/engine/examples/conformance.rs writes into DIR, for each example,
#      its rules (conformance-EXAMPLE.rules.yml) and, for each sample, a
#      `promtool test rules` file (conformance-EXAMPLE-SAMPLE.test.yml);
#   2. promtool checks the rules (also windowing-*.rules.yml, written from our
#      OpenSLO files with fixed-range queries in tests/conformance/windowing)
#      and runs each test file.
# Usage: tests/conformance/run.sh DIR   (PROMTOOL overrides the promtool binary;
#   CONFORMANCE_DAYS, default 7, tells each four-week sample's story in that many days:
#   28 runs the samples as they are, about ten times slower; CONFORMANCE_JOBS, default 2,
#   promtool runs at once)
# Prints "ok: ..." or "FAIL: ..." per check (promtool's output under a failure,
# cut to 40 lines); exits 1 if any check failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
dir="${1:?usage: tests/conformance/run.sh DIR}"
PROMTOOL="${PROMTOOL:-promtool}"
failed=0

if ! command -v "$PROMTOOL" >/dev/null 2>&1; then
  echo "FAIL: promtool not found (install Debian's prometheus package or set PROMTOOL)"
  exit 1
fi
rm -rf "$dir" && mkdir -p "$dir"
# Release: the replay of 15 four-week data sets is slow unoptimised.
days="${CONFORMANCE_DAYS:-7}"
if ! cargo run --quiet --release -p slo-engine --example conformance -- "$dir" "$days" >"$dir/summary.txt" 2>"$dir/generate.log"; then
  echo "FAIL: conformance generator"
  cat "$dir/generate.log"
  exit 1
fi

for r in "$dir"/*.rules.yml; do
  if log=$("$PROMTOOL" check rules "$r" 2>&1); then
    echo "ok: promtool check rules $(basename "$r")"
  else
    echo "FAIL: promtool check rules $(basename "$r")"
    echo "$log" | head -40
    failed=1
  fi
done

# Each test file's promtool output goes to FILE.log and its status to FILE.status.
export PROMTOOL dir
awk '{print $1}' "$dir/summary.txt" | xargs -P "${CONFORMANCE_JOBS:-2}" -I{} sh -c \
  'cd "$dir" && "$PROMTOOL" test rules "$1" >"$1.log" 2>&1; echo $? >"$1.status"' _ {}

while read -r file alerts skipped budgets silenced nodata; do
  if [ "$(cat "$dir/$file.status" 2>/dev/null)" = 0 ]; then
    echo "ok: conformance $file ($days days): $alerts alert checks agree with the replay ($skipped skipped at a tie or a gap), $budgets budget checks within 1e-9, $silenced firings silenced by the traffic guard, $nodata no-data firings"
  else
    echo "FAIL: conformance $file ($days days)"
    head -40 "$dir/$file.log" 2>/dev/null
    failed=1
  fi
done <"$dir/summary.txt"
exit "$failed"
