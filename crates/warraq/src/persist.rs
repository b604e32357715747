//! Files warraq writes and reads whole: output written so that a reader never sees
//! half of one, and input whose size is checked before it is read.

use crate::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The largest file warraq reads whole (a corpus file, a saved model): 1 GiB. A
/// corpus file is held in memory with its decoded text, so a larger one is refused
/// up front, from its size alone, rather than exhausting memory (split it: JSON lines
/// split at any line); a model file that large is a wrong path.
///
/// ```
/// assert_eq!(warraq::persist::MAX_INPUT_BYTES, 1 << 30);
/// ```
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// Writes `bytes` to `path` atomically: into a temporary file beside it, flushed to
/// disk, then renamed over `path`. A crash, a kill or a full disk mid-write leaves
/// the previous file (or none) and at most a stray temporary, never a truncated
/// `path`.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| Error::io(path, std::io::Error::other("not a file name")))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp: PathBuf = path.with_file_name(tmp_name);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// Reads a saved model (entity model, vectorizer). A file over [`MAX_INPUT_BYTES`]
/// is an [`Error::Model`] without being read: a wrong path must not allocate
/// gigabytes.
pub(crate) fn read_model_file(path: &Path) -> Result<Vec<u8>> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    let limit = MAX_INPUT_BYTES;
    if size > limit {
        return Err(Error::Model {
            path: path.to_path_buf(),
            message: format!("file is {size} bytes, over the {limit}-byte limit: not a model"),
        });
    }
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = std::env::temp_dir().join(format!("warraq_files_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.json");
        write_atomically(&path, b"first").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.json"]);
        let err = write_atomically(&dir.join("no/such/dir/x"), b"x").unwrap_err();
        assert!(err.to_string().contains("no/such/dir/x"), "{err}");
    }
}
