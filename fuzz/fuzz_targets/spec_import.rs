//! Any text given to the spec importer (OpenSLO, Sloth, Pyrra YAML or a
//! project file) yields a project that passes the validation gate, or
//! diagnostics; never a panic, and every export of it is text or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::import_spec;
use slo_engine::validate::check_project;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(imported) = import_spec(&text) {
        assert_eq!(check_project(&imported.project), Ok(()));
        for format in ExportFormat::ALL {
            let _ = export(&imported.project, None, format);
        }
    }
});
