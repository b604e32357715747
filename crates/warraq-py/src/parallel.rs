//! The size of the threads batch functions use (`wq::parallel`), for
//! `warraq.dask`'s worker plugin and the tests.

use pyo3::prelude::*;

/// Sizes the thread pool of batch functions to `n` threads when it has not been
/// used yet in this process; returns whether it took effect (the
/// `warraq.dask` worker plugin calls it with the worker's thread count).
#[pyfunction]
pub fn init_num_threads(n: usize) -> bool {
    wq::parallel::init_num_threads(n)
}

/// The number of threads batch functions use in this process.
///
/// >>> from warraq._warraq import current_num_threads
/// >>> current_num_threads() >= 1
/// True
#[pyfunction]
pub fn current_num_threads() -> usize {
    wq::parallel::current_num_threads()
}
