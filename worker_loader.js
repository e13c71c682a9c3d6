// Starts the Web Worker: loads the no-modules glue Trunk builds for the
// `worker` binary, then its Wasm. Our own file rather than Trunk's loader
// shim, which passes the path in a form wasm-bindgen now warns about.
importScripts('./worker.js');
wasm_bindgen({ module_or_path: './worker_bg.wasm' });
