//! The page's entry point: mounts the Leptos app. Trunk builds it as `app`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    slo_workbench::ui::mount();
}

/// Natively there is no page to mount; the command-line tool is the
/// `slo-workbench` binary of the `slo-workbench-cli` crate.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the SLO Workbench app runs in the browser (bash scripts/serve.sh); the CLI is `cargo run --release -p slo-workbench-cli`");
    std::process::exit(2);
}
