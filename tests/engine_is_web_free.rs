//! Guards the engine/UI split: a native build of the crate must not compile
//! Leptos, web-sys, wasm-bindgen or any other browser crate.

use std::process::Command;

/// The host triple, as `rustc -vV` reports it.
fn host_target() -> String {
    let out = Command::new("rustc").arg("-vV").output().expect("rustc runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host")
}

#[test]
fn native_build_pulls_in_no_web_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = host_target();
    let out = Command::new(cargo)
        .args(["tree", "--offline", "--edges", "normal,build", "--prefix", "none", "--format", "{p}", "--target", &host])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(out.status.success(), "cargo tree failed: {}", String::from_utf8_lossy(&out.stderr));
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.contains("serde "), "the tree lists the engine's own dependencies");
    for web in ["leptos", "web-sys", "wasm-bindgen", "js-sys", "gloo-", "console_error_panic_hook"] {
        let found: Vec<&str> = tree.lines().filter(|l| l.starts_with(web)).collect();
        assert!(found.is_empty(), "native build depends on {web}: {found:?}");
    }
}

#[test]
fn wasm_build_does_use_leptos() {
    // The counterpart, so the guard above cannot pass by listing nothing.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["tree", "--offline", "--edges", "normal", "--prefix", "none", "--format", "{p}", "--target", "wasm32-unknown-unknown"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.lines().any(|l| l.starts_with("leptos ")), "wasm32 build depends on leptos");
}
