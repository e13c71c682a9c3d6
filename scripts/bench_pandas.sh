#!/usr/bin/env bash
# Compares the workbench CLI with a pandas replay of the same four window
# pairs on the same CSV. Makes a virtualenv in .venv-bench with pandas, writes
# minute rows to target/bench/minutes-N.csv for each size in ROWS (default
# 1000000; e.g. ROWS="10000 100000 1000000 10000000" for the cost curve), then
# alternates RUNS times (default 5; 3 at 10M rows):
#   - pandas: read_csv and the rolling-window replay, timed inside Python
#     (interpreter start and `import pandas` are left out, in pandas' favour)
#   - slo-workbench simulate --json on the same file: the whole process
#     (read, parse, replay, JSON), native release build at opt-level 3
# and reports medians, peak resident memory (/usr/bin/time's max RSS) and
# the ratio. The last line is the ratio at the last size.
# Engine-only figures (no parsing) come from `cargo bench -p slo-engine --bench simulate`.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${ROWS:-1000000}"
OUT=target/bench
mkdir -p "$OUT"
SPEC="$OUT/project.json"

if [ ! -x .venv-bench/bin/python ]; then
  python3 -m venv .venv-bench
fi
if ! .venv-bench/bin/python -c 'import pandas' 2>/dev/null; then
  .venv-bench/bin/pip install --quiet pandas
fi
# A project with one default SLO: 99.9% over 30 days, the Workbook alerts.
echo '{"schema_version": 1, "name": "bench", "slos": [{"id": "bench", "target": 0.999}]}' > "$SPEC"
cargo build --quiet --release -p slo-workbench-cli
BIN=target/release/slo-workbench

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| rows | CSV | slo-workbench simulate (median) | its peak RSS | pandas read_csv + replay (median) | pandas peak RSS | pandas / slo-workbench |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
ratio=""
for n in $ROWS; do
  csv="$OUT/minutes-$n.csv"
  if [ ! -f "$csv" ]; then
    .venv-bench/bin/python scripts/pandas_replay.py generate "$n" "$csv"
  fi
  runs="${RUNS:-5}"
  if [ "$n" -ge 10000000 ] && [ -z "${RUNS:-}" ]; then runs=3; fi
  : > "$OUT/cli.ms"; : > "$OUT/cli.kb"; : > "$OUT/pandas.ms"; : > "$OUT/pandas.kb"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f %M -o "$OUT/rss" .venv-bench/bin/python scripts/pandas_replay.py replay "$csv" > "$OUT/pandas.out"
    sed -n 's/.*total \([0-9]*\) ms.*/\1/p' "$OUT/pandas.out" >> "$OUT/pandas.ms"
    cat "$OUT/rss" >> "$OUT/pandas.kb"
    start=$(date +%s%N)
    /usr/bin/time -f %M -o "$OUT/rss" "$BIN" simulate --spec "$SPEC" --data "$csv" --json > "$OUT/simulate.json"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) >> "$OUT/cli.ms"
    cat "$OUT/rss" >> "$OUT/cli.kb"
  done
  cli=$(median < "$OUT/cli.ms"); pd=$(median < "$OUT/pandas.ms")
  cli_mb=$(( $(median < "$OUT/cli.kb") / 1024 )); pd_mb=$(( $(median < "$OUT/pandas.kb") / 1024 ))
  ratio=$(awk -v p="$pd" -v c="$cli" 'BEGIN { printf "%.1f", p / (c > 0 ? c : 1) }')
  size=$(awk -v b="$(stat -c %s "$csv")" 'BEGIN { printf "%.1f", b / 1e6 }')
  echo "| $n | ${size} MB | ${cli} ms ($(tr '\n' ' ' < "$OUT/cli.ms")) | ${cli_mb} MB | ${pd} ms ($(tr '\n' ' ' < "$OUT/pandas.ms")) | ${pd_mb} MB | ${ratio}x |"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
.venv-bench/bin/python - "$OUT/simulate.json" "$OUT/pandas.out" <<'PY'
import json, sys, collections
v = json.load(open(sys.argv[1]))
c = collections.Counter(f'{a["severity"]} {a["burn_rate"]}x' for a in v["alerts"])
print(f"slo-workbench: alerts per pair {dict(c)}, budget remaining at the end {v['budget_remaining']:.6f}")
print("pandas: " + " ".join(l.strip() for l in open(sys.argv[2]) if l.startswith(("alerts", "budget"))))
PY
echo "pandas / slo-workbench at the last size (median of alternated runs): ${ratio}x"
