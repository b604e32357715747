//! The binding's calls that the compiler cannot check: CPython's C API where pyo3
//! has no safe wrapper fast enough, and mimalloc's options. Each `unsafe` block
//! states beside it why it is sound; nothing outside this file (and `run.rs`'s
//! fork handler) is `unsafe`.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use wq::text::ScalarBuf;

/// Appends the code points of `s` to `buf`, copied straight out of the string
/// (`PyUnicode_AsUCS4`) and checked by `buf` as they are. `Ok(Err(_))`: `s` holds
/// a lone surrogate, and nothing was added.
pub fn push_code_points(s: &Bound<'_, PyString>, buf: &mut ScalarBuf) -> PyResult<wq::Result<()>> {
    let n = s.len()?;
    buf.push_with(n, |room| {
        if n == 0 {
            return Ok(());
        }
        #[expect(unsafe_code, reason = "CPython's copy of a str's code points")]
        // SAFETY: `s` is a live str (the borrow holds a reference); `room` is `n`
        // initialised `u32`s, and `PyUnicode_AsUCS4` writes the `n` code points of
        // `s` into them and nothing beyond (no NUL: `copy_null` is 0). It sets a
        // Python error when it fails.
        let copied = unsafe {
            pyo3::ffi::PyUnicode_AsUCS4(
                s.as_ptr(),
                room.as_mut_ptr(),
                n as pyo3::ffi::Py_ssize_t,
                0,
            )
        };
        if copied.is_null() {
            return Err(PyErr::fetch(s.py()));
        }
        Ok(())
    })
}

/// The UTF-8 of a Python `str`, in a bytes object of its own: made only by
/// [`of`](Self::of), so that its bytes are known to be UTF-8.
pub struct EncodedUtf8<'py>(Bound<'py, PyBytes>);

impl<'py> EncodedUtf8<'py> {
    /// `s.encode("utf-8")`: an error (a `UnicodeEncodeError`) for a lone surrogate.
    pub fn of(s: &Bound<'py, PyString>) -> PyResult<Self> {
        s.encode_utf8().map(EncodedUtf8)
    }

    /// The text, without checking the bytes again (a second pass over every
    /// batch, on the thread that every other one waits for).
    pub fn as_str(&self) -> &str {
        let bytes = self.0.as_bytes();
        debug_assert!(std::str::from_utf8(bytes).is_ok());
        #[expect(unsafe_code, reason = "skips checking UTF-8 that CPython encoded")]
        // SAFETY: the bytes are the output of `str.encode("utf-8")` with strict
        // errors (what `encode_utf8` calls), which either raises (a lone surrogate:
        // then there is no `EncodedUtf8`) or returns valid UTF-8; pyo3's own
        // `PyString::to_str` relies on the same guarantee.
        unsafe {
            std::str::from_utf8_unchecked(bytes)
        }
    }
}

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the crate names no constant
/// for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Makes mimalloc return freed pages to the system at once, unless the user set
/// `MIMALLOC_PURGE_DELAY`. Its default keeps them for a second, during which the
/// pages a call freed (a chunk of parsed documents, a batch's counts) count in the
/// process's memory next to the Python objects made from them, at no gain in speed
/// (figures: `crates/warraq/src/vectors/count/PERFORMANCE.md`).
pub fn return_freed_memory_promptly() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        #[expect(unsafe_code, reason = "mimalloc's C API")]
        // SAFETY: sets one of mimalloc's options, which it reads atomically; any
        // value is valid and only changes when freed memory is given back.
        unsafe {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
        }
    }
}

/// A Python `str` from UTF-16 in native byte order (`PyUnicode_DecodeUTF16`):
/// CPython narrows UTF-16 into its UCS-1/UCS-2 storage several times as fast as it
/// decodes UTF-8 (figures: the text section of `docs/performance.md`).
pub fn str_from_utf16<'py>(py: Python<'py>, units: &[u16]) -> PyResult<Bound<'py, PyString>> {
    let mut byteorder: std::ffi::c_int = if cfg!(target_endian = "little") {
        -1
    } else {
        1
    };
    let bytes = pyo3::ffi::Py_ssize_t::try_from(units.len() * 2)
        .map_err(|_| pyo3::exceptions::PyOverflowError::new_err("text too long for a str"))?;
    #[expect(unsafe_code, reason = "CPython's UTF-16 decoder")]
    // SAFETY: the GIL is held (`py`); `units` is `units.len()` initialised `u16`s,
    // so `bytes` bytes are readable at its pointer, which the call only reads during
    // the call; `errors` NULL means strict; `byteorder` points to a live c_int. It
    // returns a new reference, or NULL with a Python error set (which
    // `from_owned_ptr_or_err` turns into the `Err`).
    let decoded = unsafe {
        let ptr = pyo3::ffi::PyUnicode_DecodeUTF16(
            units.as_ptr().cast(),
            bytes,
            std::ptr::null(),
            &raw mut byteorder,
        );
        Bound::from_owned_ptr_or_err(py, ptr)?
    };
    Ok(decoded.cast_into::<PyString>()?)
}
