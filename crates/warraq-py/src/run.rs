//! Running core calls from Python: release the GIL for long work, keep
//! parallelism safe across `fork()`.
//!
//! **The rule.** Whenever you have a block of code that may take long (reading
//! files, a pass over a corpus, a batch of texts or documents, fitting or
//! transforming), wrap it in one of the helpers here instead of running it with
//! the GIL held: [`detached`] for one call (it releases the GIL, so that other
//! Python threads run and the core's threads never wait for it, and maps the
//! core's error to its exception; [`detached_ok`] for a call that cannot fail),
//! [`pipeline`] for a stream of batches that need the GIL between them (it
//! overlaps the conversions with the work and honours Ctrl-C between batches), and
//! [`detach_if`] for a call on one input that is usually small (it releases the GIL
//! only when the input is long enough to pay for it). The work inside touches no
//! Python object: extract the arguments first, convert the result after (as
//! polars' `enter_polars` asks).

use crate::errors::IntoPyResult;
use pyo3::prelude::*;

/// Inputs longer than this many bytes are processed with the GIL released; shorter
/// ones are faster to process than to release and re-acquire the GIL for.
pub const DETACH_THRESHOLD: usize = 16 * 1024;

/// Runs the long core call `f` with the GIL released and maps its error.
pub fn detached<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    F: FnOnce() -> wq::Result<T> + Send,
    T: Send,
{
    py.detach(f).py(py)
}

/// [`detached`] for a long core call that cannot fail.
pub fn detached_ok<T, F>(py: Python<'_>, f: F) -> T
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    py.detach(f)
}

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

/// Runs a stream of batches through three stages so that the two that need the GIL
/// overlap the one that does not:
///
/// - `prepare` (this thread, with the GIL) makes the next batch, or `None` at the
///   end: typically reading Python objects into Rust data;
/// - `work` (a helper thread, without the GIL) is the long core call on a batch,
///   itself parallel;
/// - `finish` (this thread, with the GIL) takes each result in order: typically
///   making Python objects, or reporting progress.
///
/// While batch k is worked on, this thread finishes batch k − 1 and prepares batch
/// k + 1, so the serial conversions under the GIL no longer leave the other cores
/// idle. At most three batches exist at once. Ctrl-C is checked between batches; on
/// an error (or Ctrl-C) the batch being worked on is waited for with the GIL
/// released, and the error returned. The helper thread lives only inside this call,
/// so no thread outlives it (nothing to deadlock after `fork()`).
pub fn pipeline<P: Send, W: Send>(
    py: Python<'_>,
    mut prepare: impl FnMut() -> PyResult<Option<P>>,
    work: impl Fn(P) -> W + Sync,
    mut finish: impl FnMut(W) -> PyResult<()>,
) -> PyResult<()> {
    let Some(first) = prepare()? else {
        return Ok(());
    };
    let work = &work;
    std::thread::scope(|scope| {
        let mut running = scope.spawn(move || work(first));
        loop {
            let next = py.check_signals().and_then(|()| prepare());
            let done = join(py, running);
            let Some(batch) = next? else {
                return finish(done);
            };
            running = scope.spawn(move || work(batch));
            if let Err(e) = finish(done) {
                join(py, running);
                return Err(e);
            }
        }
    })
}

/// Waits for a helper thread with the GIL released; its panic goes on here (and
/// becomes a `PanicException` at the boundary).
fn join<T: Send>(py: Python<'_>, handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    py.detach(|| handle.join())
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}
