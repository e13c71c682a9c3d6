//! Two pieces of work at once where the build has threads (feature
//! `threads`: the CLI), one after the other where it has none (the Wasm
//! app). Callers split work only where the halves are independent.

/// Runs `a` and `b`, on two threads with the feature `threads`.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "threads")]
    {
        std::thread::scope(|scope| {
            let second = scope.spawn(b);
            let first = a();
            match second.join() {
                Ok(done) => (first, done),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }
    #[cfg(not(feature = "threads"))]
    {
        (a(), b())
    }
}
