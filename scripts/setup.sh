#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already present.
# Sourced by scripts/serve.sh and scripts/test.sh; safe to run again (a second run is fast).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$ROOT/.tools/node_modules/.bin:$PATH"

TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132.0.0"
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing Trunk $TRUNK_VERSION (about 10 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes)"
    # Not --locked: its lockfile wants a webpki-roots release the registry mirror lacks.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_wasm_opt() {
  # Debian's binaryen (108) is too old for what rustc emits; npm's 132 works.
  if ! wasm-opt --version 2>/dev/null | grep -q "version 132"; then
    say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into .tools/"
    npm install --prefix "$ROOT/.tools" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

apt_install() {
  # apt-get update once, only when something is missing.
  if [ -z "${APT_UPDATED:-}" ]; then
    apt-get update -qq; APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_crates() {
  # Every crate any later step needs, for every target (the host and wasm32)
  # and the fuzz workspace, before the first build: later steps may then run
  # offline, and nothing depends on what an earlier run left in the cache.
  say "fetching crates (cargo fetch; fast when cached)"
  (cd "$ROOT" && cargo fetch --quiet)
  (cd "$ROOT/fuzz" && cargo fetch --quiet)
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_crates
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_opt
}

ensure_cargo_fuzz() {
  if ! cargo fuzz --version 2>/dev/null | grep -q "0.13"; then
    say "installing cargo-fuzz 0.13 (about 2 minutes)"
    cargo install cargo-fuzz --version 0.13.2 --locked
  fi
}

ensure_test_tools() {
  ensure_build_tools
  ensure_cargo_fuzz
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v promtool >/dev/null || missing+=(prometheus)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
  # The prometheus package starts a server on install; tests need only promtool.
  if command -v systemctl >/dev/null; then systemctl stop prometheus 2>/dev/null || true; fi
  python3 -c 'import jsonschema, yaml' 2>/dev/null || pip install -q jsonschema PyYAML
  if [ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ] || [ ! -d "$ROOT/tests/browser/node_modules/axe-core" ]; then
    say "installing the browser tests' npm dev dependencies"
    (cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund >/dev/null)
  fi
}
