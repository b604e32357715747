//! Running core calls from Python: release the GIL for long work, keep
//! parallelism safe across `fork()`.

use pyo3::prelude::*;

/// Inputs longer than this many bytes are processed with the GIL released; shorter
/// ones are faster to process than to release and re-acquire the GIL for.
pub const DETACH_THRESHOLD: usize = 16 * 1024;

/// Runs `f` with the GIL released when `len` (bytes of input) is large.
pub fn detach_if<T, F>(py: Python<'_>, len: usize, f: F) -> T
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    if len >= DETACH_THRESHOLD {
        py.detach(f)
    } else {
        f()
    }
}

#[allow(unsafe_code)]
extern "C" fn after_fork_in_child() {
    // rayon's worker threads do not exist in a forked child; using the global pool
    // there would block forever, so batches run on the calling thread instead.
    wq::parallel::set_parallelism(false);
}

/// Registers [`after_fork_in_child`] with `pthread_atfork` (once per process).
pub fn install_fork_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        #[allow(unsafe_code)]
        // SAFETY: registering a handler that only stores to an atomic is async-signal-safe.
        unsafe {
            libc::pthread_atfork(None, None, Some(after_fork_in_child));
        }
    });
}
