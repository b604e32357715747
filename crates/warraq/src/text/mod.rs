//! Text as the pipeline's stages share it.
//!
//! - [`ScalarBuf`]: texts as checked Unicode scalar values in one buffer (what a
//!   caller copying code points out of another runtime's strings fills).

mod scalars;

pub use scalars::{all_scalar_values, ScalarBuf};
