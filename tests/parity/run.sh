#!/usr/bin/env bash
# Sloth and Pyrra parity with the real tool: every spec in tests/parity/sloth and
# tests/parity/pyrra (our own files in the shape of each published example) is
# imported by the CLI, exported as Prometheus rules into DIR, and checked with
#   promtool check rules
# and the unit tests tests/parity/*.test.yml run on them (promtool test rules).
# Usage: tests/parity/run.sh DIR   (PROMTOOL overrides the promtool binary)
# Prints "ok: ..." or "FAIL: ..." per spec; exits 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
dir="${1:?usage: tests/parity/run.sh DIR}"
PROMTOOL="${PROMTOOL:-promtool}"
failed=0
mkdir -p "$dir"
if ! cargo build --quiet -p slo-workbench-cli 2>"$dir/build.log"; then
  echo "FAIL: building the CLI"
  cat "$dir/build.log"
  exit 1
fi
cli=target/debug/slo-workbench
shopt -s nullglob
for spec in tests/parity/sloth/*.yml tests/parity/pyrra/*.yaml; do
  name="$(basename "$(dirname "$spec")")-$(basename "${spec%.*}")"
  out="$dir/$name"
  rm -rf "$out"
  if ! log=$("$cli" export --spec "$spec" --format prometheus --out "$out" 2>&1); then
    echo "FAIL: export $spec"
    echo "$log"
    failed=1
    continue
  fi
  if log=$("$PROMTOOL" check rules "$out"/*.rules.yml 2>&1); then
    echo "ok: promtool check rules on the export of $spec"
  else
    echo "FAIL: promtool check rules on the export of $spec"
    echo "$log"
    failed=1
  fi
done
# Unit tests over those exports (each names the rule file it reads under DIR).
for t in tests/parity/*.test.yml; do
  cp "$t" "$dir/"
  if log=$(cd "$dir" && "$PROMTOOL" test rules "$(basename "$t")" 2>&1); then
    echo "ok: promtool test rules $t"
  else
    echo "FAIL: promtool test rules $t"
    echo "$log"
    failed=1
  fi
done
exit "$failed"
