#!/usr/bin/env bash
# Runs every test of SLO Workbench: installs what is missing (see setup.sh),
# then the native engine tests, the export validators (promtool, schemas),
# the release build, and the browser tests in headless Chromium.
# Cheap gates run first (format, clippy natively and for wasm32), so a type
# error in the UI is named in the first minutes, not after the fuzzing.
# Ends with one line "tests: N passed, M failed, K skipped" counting every check.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
ensure_test_tools
cd "$ROOT"

PASSED=0
FAILED=0
SKIPPED=0
STEP_FAILED=()
LOG_DIR="$ROOT/target/test-logs"
mkdir -p "$LOG_DIR"

count_cargo() {  # sums the "test result: ... N passed; M failed" lines of a cargo log
  local log="$1" p f
  p=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$log")
  f=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$log")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

run_step() {  # run_step NAME COMMAND...: runs, tees a log, remembers failure
  local name="$1"; shift
  say "== $name"
  if "$@" 2>&1 | tee "$LOG_DIR/$name.log"; then :; else STEP_FAILED+=("$name"); fi
}

# 0. Gates: each one a counted check, named when it fails.
gate() {  # gate NAME COMMAND...: a counted check, its output shown only when it fails
  local name="$1"; shift
  say "== gate $name"
  if "$@" >"$LOG_DIR/gate-$name.log" 2>&1; then
    echo "ok: gate $name"; PASSED=$((PASSED + 1))
  else
    tail -n 60 "$LOG_DIR/gate-$name.log"
    echo "FAIL: gate $name (full log: target/test-logs/gate-$name.log)"
    FAILED=$((FAILED + 1)); STEP_FAILED+=("gate-$name")
  fi
}
gate fmt cargo fmt --all --check
gate clippy-native cargo clippy --workspace --all-targets --color never -- -D warnings
gate clippy-wasm cargo clippy --target wasm32-unknown-unknown -p slo-workbench --all-targets --color never -- -D warnings

# 1. The engine and the CLI, natively: unit, property and CLI golden tests.
run_step engine cargo test --workspace --lib --bins --tests --examples --color never
count_cargo "$LOG_DIR/engine.log"
run_step doctests cargo test --workspace --doc --color never
count_cargo "$LOG_DIR/doctests.log"
# Benchmarks are measured with `cargo bench`, never timed here; this only keeps them compiling.
run_step benches-compile cargo test -p slo-engine --benches --no-run --color never

# 2. Exports checked by the real validators (promtool, OpenSLO and Pyrra schemas).
if [ -x scripts/check_exports.sh ]; then
  run_step exports scripts/check_exports.sh
  PASSED=$((PASSED + $(grep -c '^ok: ' "$LOG_DIR/exports.log" || true)))
  FAILED=$((FAILED + $(grep -c '^FAIL: ' "$LOG_DIR/exports.log" || true)))
  SKIPPED=$((SKIPPED + $(grep -c '^skip: ' "$LOG_DIR/exports.log" || true)))
fi

# 3. The parsers under libFuzzer, briefly (stable Rust: no sanitizer; -a keeps overflow checks).
fuzz_target() {
  local target="$1"
  (cd fuzz && mkdir -p "corpus/$target" && cargo fuzz run -s none -a "$target" "corpus/$target" "seeds/$target" -- -max_total_time="${FUZZ_SECONDS:-15}" -print_final_stats=1) \
    > "$LOG_DIR/fuzz-$target.log" 2>&1
}
for target in csv prom_json project_json spec_import share_link; do
  say "== fuzz $target (${FUZZ_SECONDS:-15} s)"
  if fuzz_target "$target"; then
    echo "ok: fuzz $target: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$LOG_DIR/fuzz-$target.log" | awk '{print $2}') inputs, no crash"
    PASSED=$((PASSED + 1))
  else
    tail -n 30 "$LOG_DIR/fuzz-$target.log"
    echo "FAIL: fuzz $target found a crash (see fuzz/artifacts/$target/)"
    FAILED=$((FAILED + 1))
  fi
done

# 4. The release bundle, then the browser tests against it.
run_step build trunk build --release --offline
if [ -f dist/app_bg.wasm ]; then
  say "release .wasm: $(stat -c %s dist/app_bg.wasm) bytes, $(gzip -9 -c dist/app_bg.wasm | wc -c) gzip"
  run_step browser bash -c 'cd tests/browser && node --test --test-concurrency=1 --test-reporter=tap'
  p=$(grep -E '^# pass [0-9]+' "$LOG_DIR/browser.log" | awk '{print $3}' | tail -1)
  f=$(grep -E '^# fail [0-9]+' "$LOG_DIR/browser.log" | awk '{print $3}' | tail -1)
  PASSED=$((PASSED + ${p:-0})); FAILED=$((FAILED + ${f:-0}))
fi

if [ ${#STEP_FAILED[@]} -gt 0 ]; then
  say "failed steps: ${STEP_FAILED[*]} (logs in target/test-logs/)"
  [ "$FAILED" -eq 0 ] && FAILED=${#STEP_FAILED[@]}
fi
echo "tests: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ "$FAILED" -eq 0 ] && [ ${#STEP_FAILED[@]} -eq 0 ]
