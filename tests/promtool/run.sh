#!/usr/bin/env bash
# Runs promtool on rule files the engine wrote into DIR:
#   promtool check rules DIR/*.rules.yml
#   promtool test rules  tests/promtool/*.test.yml (copied into DIR, whose rule_files they name)
# Usage: tests/promtool/run.sh DIR   (PROMTOOL overrides the promtool binary)
# Prints "ok: ..." or "FAIL: ..." per check, with promtool's output under a failure;
# exits 1 if any check failed. scripts/check_exports.sh writes DIR and calls this.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${1:?usage: tests/promtool/run.sh DIR}"
PROMTOOL="${PROMTOOL:-promtool}"
failed=0

if ! command -v "$PROMTOOL" >/dev/null 2>&1; then
  echo "FAIL: promtool not found (install Debian's prometheus package or set PROMTOOL)"
  exit 1
fi

shopt -s nullglob
rules=("$dir"/*.rules.yml)
if [ ${#rules[@]} -eq 0 ]; then
  echo "FAIL: no *.rules.yml in $dir"
  exit 1
fi
for r in "${rules[@]}"; do
  if log=$("$PROMTOOL" check rules "$r" 2>&1); then
    echo "ok: promtool check rules $r"
  else
    echo "FAIL: promtool check rules $r"
    echo "$log"
    failed=1
  fi
done

for t in "$here"/*.test.yml; do
  cp "$t" "$dir/"
  name="tests/promtool/$(basename "$t")"
  if log=$(cd "$dir" && "$PROMTOOL" test rules "$(basename "$t")" 2>&1); then
    echo "ok: promtool test rules $name"
  else
    echo "FAIL: promtool test rules $name"
    echo "$log"
    failed=1
  fi
done
exit "$failed"
