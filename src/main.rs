//! One binary, two faces: in the browser it mounts the Leptos app; natively it
//! is the `slo-workbench` command-line tool over the same engine.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    slo_workbench::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(slo_workbench::cli::run(std::env::args().skip(1).collect()));
}
