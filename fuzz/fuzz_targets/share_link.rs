//! Any share-link payload decodes to a project that passes the validation
//! gate, or to a message; never a panic. The bytes are tried as the payload
//! itself and as deflated JSON wrapped the way the encoder wraps it, so the
//! fuzzer reaches the inflate limit and the project reader too.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use slo_engine::share::decode;
use slo_engine::validate::check_project;

fuzz_target!(|data: &[u8]| {
    let raw = String::from_utf8_lossy(data);
    let wrapped = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(data, 1));
    for payload in [raw.as_ref(), wrapped.as_str()] {
        if let Ok(p) = decode(payload) {
            assert_eq!(check_project(&p), Ok(()));
        }
    }
});
