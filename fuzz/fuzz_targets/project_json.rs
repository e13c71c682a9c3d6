//! Any text read as a project file (or a saved workspace) yields a project
//! that passes the validation gate, or a diagnostic; never a panic. A project
//! it returns survives the project file round trip unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slo_engine::export::{export, ExportFormat};
use slo_engine::import::project_from_json;
use slo_engine::validate::check_project;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = if text.trim_start().starts_with('{') {
        text.into_owned()
    } else {
        format!("{{{text}")
    };
    if let Ok(p) = project_from_json(&text) {
        assert_eq!(check_project(&p), Ok(()));
        let file = export(&p, None, ExportFormat::Project).expect("a project file");
        assert_eq!(project_from_json(&file[0].content), Ok(p));
    }
});
