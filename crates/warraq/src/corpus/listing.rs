//! Sources → the files of a corpus: folders walked recursively, files, globs;
//! documentation files (README, LICENSE…) left out.

use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// Names of files that document a corpus rather than hold its articles: a file
/// found in a folder or by a glob is left out when its name, ignoring case, is one of
/// these or starts with one followed by `.` or `-` (`README.upstream.md`,
/// `SOURCE.txt`, `LICENSE-MIT`), or ends in `.md`, `.markdown` or `.rst`.
pub const NON_ARTICLE_NAMES: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "NOTICE",
    "SOURCE",
    "AUTHORS",
    "CHANGELOG",
    "CHANGES",
    "CITATION",
    "CONTRIBUTING",
    "MANIFEST",
];

/// True when a file name is corpus documentation (see [`NON_ARTICLE_NAMES`]).
///
/// ```
/// use warraq::corpus::is_non_article_name;
/// assert!(is_non_article_name("README.upstream.md"));
/// assert!(is_non_article_name("SOURCE.txt"));
/// assert!(is_non_article_name("LICENSE"));
/// assert!(is_non_article_name("notes.md"));
/// assert!(!is_non_article_name("source_news_12.txt"));
/// assert!(!is_non_article_name("2015-07-21.json"));
/// assert!(!is_non_article_name("sources.txt"));
/// ```
pub fn is_non_article_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if [".MD", ".MARKDOWN", ".RST"]
        .iter()
        .any(|ext| upper.ends_with(ext))
    {
        return true;
    }
    NON_ARTICLE_NAMES.iter().any(|n| {
        upper
            .strip_prefix(n)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-']))
    })
}

/// The files of a corpus, and the documentation files left out of it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileList {
    /// Files to read, sorted and de-duplicated.
    pub files: Vec<PathBuf>,
    /// Files found in folders or by globs whose names mark them as corpus
    /// documentation ([`is_non_article_name`]), not read.
    pub skipped: Vec<PathBuf>,
}

/// Expands sources (folders walked recursively, files, glob patterns) into a sorted,
/// de-duplicated list of files. Hidden files (`.name`) inside folders are skipped;
/// so are documentation files (README, LICENSE, SOURCE…, see
/// [`is_non_article_name`]) found in folders or by globs, unless
/// `include_non_articles`. A file named explicitly is always read.
///
/// ```
/// use warraq::corpus::list_corpus_files;
/// let dir = std::env::temp_dir().join("warraq_list_corpus_files_example");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("a.txt"), "x").unwrap();
/// std::fs::write(dir.join("README.md"), "x").unwrap();
/// let list = list_corpus_files(&[dir.display().to_string()], false).unwrap();
/// assert!(list.files.iter().all(|f| !f.ends_with("README.md")));
/// assert!(list.skipped[0].ends_with("README.md"));
/// let all = list_corpus_files(&[dir.display().to_string()], true).unwrap();
/// assert!(all.files.iter().any(|f| f.ends_with("README.md")) && all.skipped.is_empty());
/// ```
pub fn list_corpus_files(sources: &[String], include_non_articles: bool) -> Result<FileList> {
    let mut list = FileList::default();
    let found = |list: &mut FileList, p: PathBuf| {
        let documentation = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_non_article_name);
        if documentation && !include_non_articles {
            list.skipped.push(p);
        } else {
            list.files.push(p);
        }
    };
    for source in sources {
        let path = Path::new(source);
        // One stat per source (a corpus may be given as a list of 10⁴ files).
        let kind = std::fs::metadata(path).map(|m| m.file_type());
        if kind.as_ref().is_ok_and(std::fs::FileType::is_dir) {
            // Unsorted: the list is sorted once at the end (walkdir's sort by name
            // re-derives each name from its path per comparison: 8% of reading a
            // corpus of 10⁴ files).
            for entry in walkdir::WalkDir::new(path) {
                let entry = entry.map_err(|e| {
                    let p = e
                        .path()
                        .map_or_else(|| path.to_path_buf(), Path::to_path_buf);
                    Error::io(
                        p,
                        e.into_io_error()
                            .unwrap_or_else(|| std::io::Error::other("walk error")),
                    )
                })?;
                let hidden = entry
                    .file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with('.'));
                // A symlink counts as the file it points to; a broken one is kept so
                // that reading it reports the missing target instead of dropping it.
                let file_like = entry.file_type().is_file()
                    || (entry.path_is_symlink() && !entry.path().is_dir());
                if file_like && !hidden {
                    found(&mut list, entry.into_path());
                }
            }
        } else if kind.as_ref().is_ok_and(std::fs::FileType::is_file) {
            list.files.push(path.to_path_buf());
        } else if source.contains(['*', '?', '[']) {
            let paths = glob::glob(source)
                .map_err(|e| Error::invalid_option("source", format!("{source:?}: {e}")))?;
            for p in paths {
                let p = p.map_err(|e| {
                    Error::io(e.path().to_path_buf(), std::io::Error::other(e.to_string()))
                })?;
                if p.is_file() {
                    found(&mut list, p);
                }
            }
        } else {
            return Err(Error::io(
                path,
                std::io::Error::from(std::io::ErrorKind::NotFound),
            ));
        }
    }
    sort_dedup_paths(&mut list.files);
    // A file named explicitly and also found in a folder is read, not skipped.
    sort_dedup_paths(&mut list.skipped);
    let read: std::collections::HashSet<&PathBuf> = list.files.iter().collect();
    list.skipped.retain(|p| !read.contains(p));
    Ok(list)
}

/// Sorts paths as `Path`'s `Ord` does (component by component) and drops repeats.
///
/// Comparing two `Path`s splits both into components again; on a corpus of 10⁴
/// files that was most of the listing. Each path is split once here, into a key that
/// compares as bytes in the same order: each component as a tag, in the order of
/// `Component`'s variants, then its bytes, then a 0 byte (which no file name holds).
fn sort_dedup_paths(paths: &mut Vec<PathBuf>) {
    use std::path::Component;
    // A list given in order (a corpus's files listed by the caller) is checked in
    // one pass and left as it is: no keys to make and hold.
    if paths.windows(2).all(|w| w[0] < w[1]) {
        return;
    }
    let key = |p: &Path| {
        let mut key = Vec::with_capacity(p.as_os_str().len() + 8);
        for c in p.components() {
            let (tag, bytes): (u8, &[u8]) = match c {
                Component::Prefix(x) => (1, x.as_os_str().as_encoded_bytes()),
                Component::RootDir => (2, &[]),
                Component::CurDir => (3, &[]),
                Component::ParentDir => (4, &[]),
                Component::Normal(x) => (5, x.as_encoded_bytes()),
            };
            key.push(tag);
            key.extend_from_slice(bytes);
            key.push(0);
        }
        key
    };
    let mut keyed: Vec<(Vec<u8>, PathBuf)> = std::mem::take(paths)
        .into_iter()
        .map(|p| (key(&p), p))
        .collect();
    // Stable, like `Vec::sort`: of paths naming the same file ("a//b", "a/b") the
    // first given is kept.
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    *paths = keyed.into_iter().map(|(_, p)| p).collect();
}

/// [`list_corpus_files`] without the documentation files: the files to read.
///
/// ```
/// let dir = std::env::temp_dir().join("warraq_list_files_example");
/// std::fs::create_dir_all(dir.join("sub")).unwrap();
/// std::fs::write(dir.join("sub/a.txt"), "x").unwrap();
/// std::fs::write(dir.join("LICENSE"), "x").unwrap();
/// let files = warraq::corpus::list_files(&[dir.display().to_string()]).unwrap();
/// assert!(files.iter().any(|f| f.ends_with("sub/a.txt")));
/// assert!(!files.iter().any(|f| f.ends_with("LICENSE")));
/// assert!(warraq::corpus::list_files(&["/no/such/dir".into()]).is_err());
/// ```
pub fn list_files(sources: &[String]) -> Result<Vec<PathBuf>> {
    Ok(list_corpus_files(sources, false)?.files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_as_path_orders_them() {
        let names = [
            "a", "a/b", "a-b/c", "a/b/c", "ab", "a//b", "./a", "../a", "/a", "/a/b", "a/./b",
            "a/../b", "b", "a/b/", "é/x", "a.b", ".hidden", "a/b", "z/a", "/", "a b/c",
        ];
        let paths: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
        let mut expected = paths.clone();
        expected.sort();
        expected.dedup();
        let mut sorted = paths;
        sort_dedup_paths(&mut sorted);
        // The same paths, spelled as given (`PathBuf`'s `==` ignores "a//b" vs "a/b").
        let spelled = |v: &[PathBuf]| {
            v.iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(spelled(&sorted), spelled(&expected));
        let mut reversed: Vec<PathBuf> = names.iter().rev().map(PathBuf::from).collect();
        sort_dedup_paths(&mut reversed);
        assert_eq!(reversed, expected);
    }
}
