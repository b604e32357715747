//! Parallelism with an off switch.
//!
//! Batch functions use rayon's global pool. Set `RAYON_NUM_THREADS` to bound the
//! number of threads, or `WARRAQ_PARALLELISM=false` (also `0`, `off`, `no`) to run
//! every batch on the calling thread. The Python binding also turns parallelism off
//! in a child process after `fork()`, because rayon's worker threads do not survive
//! a fork and using the pool there would deadlock. A call given `n_jobs` runs in a
//! pool of its own ([`Jobs`]).

use crate::{Error, Result};
use rayon::prelude::*;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

const UNSET: u8 = 0;
const ON: u8 = 1;
const OFF: u8 = 2;

static PARALLELISM: AtomicU8 = AtomicU8::new(UNSET);

/// The environment variable that turns parallelism off when set to `false`/`0`/`off`/`no`.
pub const ENV_PARALLELISM: &str = "WARRAQ_PARALLELISM";

/// Whether batch functions run in parallel.
///
/// ```
/// // Unless WARRAQ_PARALLELISM says otherwise, batches are parallel.
/// if std::env::var("WARRAQ_PARALLELISM").is_err() {
///     assert!(warraq::parallel::parallelism());
/// }
/// ```
pub fn parallelism() -> bool {
    match PARALLELISM.load(Ordering::Relaxed) {
        ON => true,
        OFF => false,
        _ => {
            let on = std::env::var(ENV_PARALLELISM)
                .map(|v| {
                    !matches!(
                        v.to_ascii_lowercase().as_str(),
                        "0" | "false" | "off" | "no"
                    )
                })
                .unwrap_or(true);
            PARALLELISM.store(if on { ON } else { OFF }, Ordering::Relaxed);
            on
        }
    }
}

/// Turns parallelism on or off for the whole process (overrides the environment).
///
/// ```
/// warraq::parallel::set_parallelism(false);
/// assert!(!warraq::parallel::parallelism());
/// warraq::parallel::set_parallelism(true);
/// ```
pub fn set_parallelism(on: bool) {
    PARALLELISM.store(if on { ON } else { OFF }, Ordering::Relaxed);
}

/// Maps `f` over `items`, in parallel when [`parallelism`] is on, keeping order.
///
/// ```
/// let squares = warraq::parallel::map(&[1, 2, 3], |x| x * x);
/// assert_eq!(squares, vec![1, 4, 9]);
/// ```
pub fn map<T, R, F>(items: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    if parallelism() && items.len() > 1 {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// Like [`map`] for a fallible `f`: the first error (in input order) is returned.
///
/// ```
/// let r: Result<Vec<i32>, String> = warraq::parallel::try_map(&[1, 2], |x| Ok(x + 1));
/// assert_eq!(r.unwrap(), vec![2, 3]);
/// ```
pub fn try_map<T, R, E, F>(items: &[T], f: F) -> Result<Vec<R>, E>
where
    T: Sync,
    R: Send,
    E: Send,
    F: Fn(&T) -> Result<R, E> + Sync + Send,
{
    if parallelism() && items.len() > 1 {
        items.par_iter().map(f).collect()
    } else {
        items.iter().map(f).collect()
    }
}

/// Number of threads batch functions use.
///
/// ```
/// assert!(warraq::parallel::current_num_threads() >= 1);
/// ```
pub fn current_num_threads() -> usize {
    if parallelism() {
        rayon::current_num_threads()
    } else {
        1
    }
}

/// Sizes rayon's global pool, the threads batch functions use, to `n` threads.
/// It takes effect only before the pool is first used (rayon builds it once per
/// process); returns whether it did. A Dask worker with `nthreads` threads calls it
/// with `nthreads`, so that worker processes × threads do not oversubscribe the
/// cores.
///
/// ```
/// // Whether or not the pool was already built, the number of threads is then fixed.
/// let took = warraq::parallel::init_num_threads(2);
/// assert!(!took || rayon::current_num_threads() == 2);
/// ```
pub fn init_num_threads(n: usize) -> bool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n.max(1))
        .build_global()
        .is_ok()
}

/// The threads one call runs on, from its `n_jobs` option: the one rule for every
/// `n_jobs` warraq takes. `None` or a negative number (joblib's `-1`) means the
/// global pool (all cores, or `RAYON_NUM_THREADS`); a positive number a pool of
/// that many threads, built once here and shared by clones; `0` is an error.
///
/// ```
/// use warraq::parallel::Jobs;
/// let two = Jobs::new(Some(2)).unwrap();
/// assert_eq!(two.install(rayon::current_num_threads), 2);
/// assert!(matches!(Jobs::new(None).unwrap(), Jobs::Global));
/// assert!(matches!(Jobs::new(Some(-1)).unwrap(), Jobs::Global));
/// assert!(Jobs::new(Some(0)).is_err());
/// ```
#[derive(Debug, Clone, Default)]
pub enum Jobs {
    /// rayon's global pool.
    #[default]
    Global,
    /// A pool built for the calls that use these jobs.
    Pool(Arc<rayon::ThreadPool>),
}

impl Jobs {
    /// The threads for `n_jobs` (see the [type docs](Jobs)); `Some(0)` is an
    /// [`Error::InvalidOption`].
    pub fn new(n_jobs: Option<i64>) -> Result<Self> {
        match n_jobs {
            Some(0) => Err(Error::invalid_option("n_jobs", "n_jobs must not be 0")),
            Some(n) if n > 0 => rayon::ThreadPoolBuilder::new()
                .num_threads(usize::try_from(n).unwrap_or(usize::MAX))
                .build()
                .map(|pool| Jobs::Pool(Arc::new(pool)))
                .map_err(|e| Error::invalid_option("n_jobs", e.to_string())),
            _ => Ok(Jobs::Global),
        }
    }

    /// Runs `f` on these threads (from the calling thread, which may be any thread):
    /// the batch functions `f` calls use this pool.
    pub fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        match self {
            Jobs::Global => f(),
            Jobs::Pool(pool) => pool.install(f),
        }
    }
}
