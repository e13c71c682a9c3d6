#!/usr/bin/env bash
# Compares the workbench engine with a pandas replay of the same four window
# pairs on the same CSV. Makes a virtualenv in .venv-bench with pandas, writes
# ROWS (default 1,000,000) minute rows to target/bench/, then times:
#   - pandas: read_csv, and the rolling-window replay
#   - slo-workbench simulate on the same file (parse + replay + JSON), best of 3
# Engine-only figures (no parsing) come from `cargo bench -p slo-engine --bench simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-1000000}"
OUT=target/bench
mkdir -p "$OUT"
CSV="$OUT/minutes-$ROWS.csv"
SPEC="$OUT/project.json"

if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
fi
if ! .venv-bench/bin/python -c 'import pandas' 2>/dev/null; then
  .venv-bench/bin/pip install --quiet pandas
fi
if [ ! -f "$CSV" ]; then
  echo "writing $CSV"
  .venv-bench/bin/python scripts/pandas_replay.py generate "$ROWS" "$CSV"
fi
# A project with one default SLO: 99.9% over 30 days, the Workbook alerts.
echo '{"schema_version": 1, "name": "bench", "slos": [{"id": "bench", "target": 0.999}]}' > "$SPEC"

echo "== pandas"
.venv-bench/bin/python scripts/pandas_replay.py replay "$CSV"

echo "== slo-workbench (release build at opt-level 3)"
cargo build --quiet --release -p slo-workbench-cli
BIN=target/release/slo-workbench
best=""
for _ in 1 2 3; do
  start=$(date +%s%N)
  "$BIN" simulate --spec "$SPEC" --data "$CSV" --json > "$OUT/simulate.json"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "simulate (parse + replay + JSON): best of 3 ${best} ms"
.venv-bench/bin/python - "$OUT/simulate.json" <<'PY'
import json, sys, collections
v = json.load(open(sys.argv[1]))
c = collections.Counter(f'{a["severity"]} {a["burn_rate"]}x' for a in v["alerts"])
print(f"alerts per pair: {dict(c)}")
print(f"budget remaining at the end: {v['budget_remaining']:.6f}")
PY
