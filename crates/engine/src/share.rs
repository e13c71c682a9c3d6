//! Share links: the project compressed into the URL fragment
//! (`#/open/<payload>`), which browsers never send to a server.
//!
//! Pasted data is not part of `Project`, so links never carry it. The
//! payload is the project file JSON, deflated (miniz_oxide) and written in
//! URL-safe base64 without padding. Decoding goes through
//! `import::project_from_json` (limits, upgrade chain and validation gate),
//! so links made by older versions open too and a crafted one is refused.
//! Must not touch browser storage: the UI decides when to decode.

use crate::import::project_from_json;
use crate::limits::MAX_SHARE_INFLATED_BYTES;
use crate::model::{Project, SCHEMA_VERSION};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;

/// Longest payload a link may carry; links much beyond this break in chat
/// tools and some browsers' address bars.
pub use crate::limits::MAX_SHARE_CHARS;

/// The fragment payload after `#/open/`.
pub fn encode(project: &Project) -> Result<String, String> {
    let mut p = project.clone();
    p.schema_version = SCHEMA_VERSION;
    let compact = serde_json::to_string(&p).map_err(|e| e.to_string())?;
    let deflated = miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), 9);
    let payload = URL_SAFE_NO_PAD.encode(deflated);
    if payload.len() > MAX_SHARE_CHARS {
        return Err(format!(
            "this project is too large for a share link ({} characters compressed; the limit is {MAX_SHARE_CHARS}). Download the project file and share that instead.",
            payload.len()
        ));
    }
    Ok(payload)
}

/// The project a payload holds.
pub fn decode(payload: &str) -> Result<Project, String> {
    let payload = payload.trim().trim_start_matches("#/open/");
    if payload.is_empty() {
        return Err("the share link holds no project".into());
    }
    if payload.len() > MAX_SHARE_CHARS * 2 {
        return Err(format!(
            "the share link is longer than any this workbench writes ({} characters)",
            payload.len()
        ));
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload).map_err(|e| {
        format!("the share link is damaged (not URL-safe base64: {e}); copy it again in full")
    })?;
    // Inflating stops at the limit, so memory stays bounded whatever the link says.
    let json =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_SHARE_INFLATED_BYTES)
            .map_err(|e| match e.status {
                TINFLStatus::HasMoreOutput => format!(
                    "the share link holds more than a project may: its data inflates past {MAX_SHARE_INFLATED_BYTES} bytes, the limit"
                ),
                _ => "the share link is damaged (its data does not decompress); copy it again in full"
                    .to_string(),
            })?;
    let text = String::from_utf8(json)
        .map_err(|_| "the share link is damaged (not UTF-8 text)".to_string())?;
    project_from_json(&text)
        .map_err(|d| format!("the share link holds no valid project: {}", d.message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slo;

    #[test]
    fn a_project_survives_the_link() {
        let p = Project {
            name: "Shop \"{{x}}\" é".into(),
            slos: vec![Slo::default()],
            ..Project::default()
        };
        let link = encode(&p).unwrap();
        assert!(
            link.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "{link}"
        );
        assert_eq!(decode(&link).unwrap(), p);
        assert_eq!(decode(&format!("#/open/{link}")).unwrap(), p);
    }

    #[test]
    fn a_project_too_large_is_refused_with_the_limit_named() {
        // Incompressible text: distinct pseudo-random words.
        let mut x: u64 = 0x9e3779b97f4a7c15;
        let noise: String = (0..20_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from(b'a' + (x % 26) as u8)
            })
            .collect();
        let p = Project {
            description: noise,
            ..Project::default()
        };
        let e = encode(&p).unwrap_err();
        assert!(e.contains("8000") && e.contains("project file"), "{e}");
    }

    #[test]
    fn a_small_link_that_inflates_past_the_limit_is_refused_naming_it() {
        let big = format!(
            r#"{{"slos": [{}{{}}]}}"#,
            "{},".repeat(MAX_SHARE_INFLATED_BYTES)
        );
        let link = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(big.as_bytes(), 9));
        assert!(link.len() < MAX_SHARE_CHARS, "{}", link.len());
        let e = decode(&link).unwrap_err();
        assert!(
            e.contains("more than a project may") && e.contains("1048576"),
            "{e}"
        );
    }

    #[test]
    fn a_link_goes_through_the_validation_gate() {
        let p = r#"{"slos": [{"target": 1.5}]}"#;
        let link = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(p.as_bytes(), 9));
        let e = decode(&link).unwrap_err();
        assert!(e.contains("slos[0].target"), "{e}");
    }

    #[test]
    fn damaged_links_say_so() {
        assert!(decode("").unwrap_err().contains("no project"));
        assert!(decode("!!!").unwrap_err().contains("base64"));
        assert!(decode("AAAA").unwrap_err().contains("damaged"));
        let not_json = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1]", 6));
        assert!(decode(&not_json).unwrap_err().contains("no valid project"));
    }
}
