//! A share link as a QR code, drawn as SVG text, so the facilitator can
//! hand the project to the room from the projector with no outside service.
//!
//! The `qrcode` crate (default features off: no image dependency) places
//! the modules; this module picks the error correction (medium when the
//! link fits, else low, for the most room), says in words when a link is
//! too long for any QR code, and draws the modules as one SVG path with the
//! quiet zone the standard asks for. The SVG holds only numbers and fixed
//! text, never the link itself. Must not touch the browser.

use qrcode::types::QrError;
use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code on every side, as the standard asks.
pub const QUIET_ZONE: usize = 4;

/// Bytes the largest QR code (version 40) holds with low error correction.
pub const MAX_QR_BYTES: usize = 2953;

/// A QR code drawn as SVG.
#[derive(Debug, Clone, PartialEq)]
pub struct QrSvg {
    /// The SVG element, scalable (a `viewBox` in modules).
    pub svg: String,
    /// QR version, 1 to 40.
    pub version: i16,
    /// Modules per side, without the quiet zone.
    pub modules: usize,
}

/// Versions above this (more than 117 modules a side) are hard to scan from
/// a projector across a room: the page says so.
pub const DENSE_FROM_VERSION: i16 = 26;

impl QrSvg {
    /// "Version 12 QR code, 65 × 65 modules", and advice when it is dense.
    pub fn sentence(&self) -> String {
        let mut out = format!(
            "Version {} QR code, {} × {} modules",
            self.version, self.modules, self.modules
        );
        if self.version >= DENSE_FROM_VERSION {
            out.push_str(": dense, so bring the phone close to the screen, or share a project with fewer SLOs");
        }
        out
    }
}

/// The QR code of `text`, or why there is none.
pub fn encode(text: &str) -> Result<QrSvg, String> {
    let code = QrCode::with_error_correction_level(text, EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(text, EcLevel::L))
        .map_err(|e| match e {
            QrError::DataTooLong => format!(
                "this link is {} characters; a QR code holds at most {MAX_QR_BYTES} (version 40). Share the link or the project file instead.",
                text.len()
            ),
            other => format!("no QR code for this link: {other}"),
        })?;
    let version = match code.version() {
        qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
    };
    Ok(QrSvg {
        svg: draw(code.width(), &code.to_colors()),
        version,
        modules: code.width(),
    })
}

/// One path of unit squares, one per dark module, inside the quiet zone.
fn draw(width: usize, colors: &[Color]) -> String {
    let side = width + 2 * QUIET_ZONE;
    let mut path = String::with_capacity(colors.len() * 4);
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" role="img" aria-label="QR code of the share link" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules an SVG from `draw` holds, read back from its path,
    /// as a grid with the quiet zone: what a renderer would paint.
    fn modules_of(svg: &str) -> (usize, Vec<bool>) {
        let side: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut grid = vec![false; side * side];
        for square in d.split('M').filter(|s| !s.is_empty()) {
            let xy = square.trim_end_matches("h1v1h-1z");
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            grid[y * side + x] = true;
        }
        (side, grid)
    }

    /// What a phone would read: the SVG painted at 4 pixels a module, decoded.
    fn decode(svg: &str) -> String {
        let (side, grid) = modules_of(svg);
        let scale = 4;
        let px = side * scale;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(px, px, |x, y| {
            if grid[(y / scale) * side + x / scale] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_short_link_decodes_to_itself() {
        let link = "https://team.example/slo/#/open/eJyrVkpKLEpWsqpWyk0sSc_MS1eyUqouBQA";
        let qr = encode(link).unwrap();
        assert_eq!(decode(&qr.svg), link);
        // 68 bytes at medium correction need version 5: 37 modules a side.
        assert_eq!((qr.version, qr.modules), (5, 37));
        assert_eq!(qr.sentence(), "Version 5 QR code, 37 × 37 modules");
    }

    #[test]
    fn a_link_too_long_for_medium_correction_falls_back_to_low_and_still_decodes() {
        // 2,526 bytes: past version 40 at medium (2,331), and past version 36
        // at low (2,506), so version 37 at low: 4 × 37 + 17 = 165 modules.
        let link = format!("https://x.example/#/open/{}", "a".repeat(2500));
        let qr = encode(&link).unwrap();
        assert_eq!((qr.version, qr.modules), (37, 165));
        assert_eq!(decode(&qr.svg), link);
        assert!(qr.sentence().contains("dense"), "{}", qr.sentence());
    }

    #[test]
    fn a_link_past_version_40_is_refused_with_its_length_and_the_limit() {
        let link = "a".repeat(MAX_QR_BYTES + 1);
        let e = encode(&link).unwrap_err();
        assert!(e.contains("2954 characters") && e.contains("2953"), "{e}");
        assert!(encode(&"a".repeat(MAX_QR_BYTES)).is_ok());
    }

    #[test]
    fn the_svg_carries_numbers_only_never_the_link() {
        let qr = encode("https://x.example/#/open/<script>").unwrap();
        assert!(!qr.svg.contains("script") && !qr.svg.contains("x.example"));
    }
}
