//! Walking the repositories: the only part of the scan that reads the disk.
//!
//! The `ignore` crate's parallel walker visits each folder given, honouring the repository's own
//! `.gitignore` files (with or without a `.git` folder; no global or per-user ignore file) and
//! scanning hidden files, but never `.git/`. Symbolic links are never followed, so a link can
//! neither lead out of the folder nor into a loop. Only regular files are opened (a FIFO or a
//! device is counted and left alone), each read for at most [`Limits::max_read`] bytes, and the
//! walk stops after [`Limits::max_files`] files.

use super::matcher::{Hit, Matcher};
use anyhow::{Result, bail};
use ignore::{WalkBuilder, WalkState};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// How much a scan may read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The walk stops after this many files (and says so).
    pub max_files: u64,
    /// At most this many bytes of any file are read.
    pub max_read: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_files: 1_000_000, max_read: 1 << 20 }
    }
}

/// One file's hits: the index of the folder given, the path relative to it (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHit {
    /// The index of the folder given (`roots`) the file is under.
    pub(crate) root: usize,
    /// The file's path relative to that folder, `/`-separated.
    pub path: String,
    /// Which probe matched, and where.
    pub hit: Hit,
}

/// What a walk saw.
#[derive(Debug, Default)]
pub struct Walked {
    /// Every match of a probe with a file, one entry a file and probe, in no fixed order.
    pub hits: Vec<FileHit>,
    /// Regular files looked at.
    pub files: u64,
    /// Folders and files that could not be read (permissions, vanished while walking).
    pub unreadable: u64,
    /// FIFOs, sockets and devices: never opened.
    pub special: u64,
    /// Symbolic links: never followed.
    pub links: u64,
    /// The walk stopped at `max_files`.
    pub stopped: bool,
}

impl Walked {
    /// One line a thing worth saying about the walk (skips and the stop), for standard error.
    pub fn notes(&self, limits: &Limits) -> Vec<String> {
        let mut out = Vec::new();
        if self.stopped {
            out.push(format!(
                "stopped after {} files: the rest of the repositories was not scanned; scan fewer or smaller folders",
                limits.max_files
            ));
        }
        let plural = |n: u64, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
        if self.unreadable > 0 {
            out.push(format!(
                "skipped {} that could not be read",
                plural(self.unreadable, "file or folder", "files or folders")
            ));
        }
        if self.special > 0 {
            out.push(format!(
                "skipped {} (FIFO, socket or device)",
                plural(self.special, "special file", "special files")
            ));
        }
        if self.links > 0 {
            out.push(format!("skipped {} (never followed)", plural(self.links, "symbolic link", "symbolic links")));
        }
        out
    }
}

/// Scans `roots` (folders) with `matcher`. A root that is not a readable folder is an error; below
/// it, whatever cannot be read is skipped and counted.
pub fn scan_paths(roots: &[PathBuf], matcher: &Matcher, limits: &Limits) -> Result<Walked> {
    for root in roots {
        match std::fs::metadata(root) {
            Ok(m) if m.is_dir() => {
                if let Err(e) = std::fs::read_dir(root) {
                    bail!("{}: cannot read this folder: {}", root.display(), crate::files::io_reason(&e));
                }
            }
            Ok(_) => bail!("{}: not a folder; give the repository's folder", root.display()),
            Err(e) => bail!("{}: {}", root.display(), crate::files::io_reason(&e)),
        }
    }
    let hits = Mutex::new(Vec::new());
    let counts = Counts::default();
    for (index, root) in roots.iter().enumerate() {
        if counts.stopped.load(Ordering::Relaxed) {
            break;
        }
        walk_one(index, root, matcher, limits, &counts, &hits);
    }
    let mut hits = hits.into_inner().unwrap_or_else(|e| e.into_inner());
    hits.sort_by(|a: &FileHit, b: &FileHit| (a.root, &a.path, a.hit.probe).cmp(&(b.root, &b.path, b.hit.probe)));
    Ok(Walked {
        hits,
        files: counts.files.load(Ordering::Relaxed).min(limits.max_files),
        unreadable: counts.unreadable.load(Ordering::Relaxed),
        special: counts.special.load(Ordering::Relaxed),
        links: counts.links.load(Ordering::Relaxed),
        stopped: counts.stopped.load(Ordering::Relaxed),
    })
}

#[derive(Default)]
struct Counts {
    files: AtomicU64,
    unreadable: AtomicU64,
    special: AtomicU64,
    links: AtomicU64,
    stopped: AtomicBool,
}

fn walk_one(
    index: usize,
    root: &Path,
    matcher: &Matcher,
    limits: &Limits,
    counts: &Counts,
    hits: &Mutex<Vec<FileHit>>,
) {
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(false)
        .parents(false)
        .ignore(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .follow_links(false)
        .filter_entry(|e| e.file_name() != ".git");
    builder.build_parallel().run(|| {
        Box::new(move |entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(_) => {
                    counts.unreadable.fetch_add(1, Ordering::Relaxed);
                    return WalkState::Continue;
                }
            };
            if entry.depth() == 0 {
                return WalkState::Continue;
            }
            let Some(kind) = entry.file_type() else {
                counts.special.fetch_add(1, Ordering::Relaxed);
                return WalkState::Continue;
            };
            if kind.is_dir() {
                return WalkState::Continue;
            }
            if kind.is_symlink() {
                counts.links.fetch_add(1, Ordering::Relaxed);
                return WalkState::Continue;
            }
            if !kind.is_file() {
                counts.special.fetch_add(1, Ordering::Relaxed);
                return WalkState::Continue;
            }
            if counts.files.fetch_add(1, Ordering::Relaxed) >= limits.max_files {
                counts.stopped.store(true, Ordering::Relaxed);
                return WalkState::Quit;
            }
            let Ok(rel) = entry.path().strip_prefix(root) else { return WalkState::Continue };
            let path = relative_path(rel);
            let mut candidates = matcher.by_path(&path);
            if candidates.is_empty() {
                return WalkState::Continue;
            }
            // Most files match no probe: their metadata is never asked for.
            if matcher.needs_size(&candidates) {
                match entry.metadata() {
                    Ok(m) => candidates = matcher.fitting(candidates, m.len()),
                    Err(_) => {
                        counts.unreadable.fetch_add(1, Ordering::Relaxed);
                        return WalkState::Continue;
                    }
                }
                if candidates.is_empty() {
                    return WalkState::Continue;
                }
            }
            let content = if matcher.needs_content(&candidates) {
                match read_start(entry.path(), limits.max_read) {
                    Ok(c) => Some(c),
                    Err(_) => {
                        counts.unreadable.fetch_add(1, Ordering::Relaxed);
                        None
                    }
                }
            } else {
                None
            };
            let found = matcher.hits(&candidates, content.as_deref());
            if !found.is_empty() {
                let mut all = hits.lock().unwrap_or_else(|e| e.into_inner());
                all.extend(found.into_iter().map(|hit| FileHit { root: index, path: path.clone(), hit }));
            }
            WalkState::Continue
        })
    });
}

/// A relative path with `/` between its parts, whatever the platform.
fn relative_path(rel: &Path) -> String {
    if cfg!(unix) {
        return rel.to_string_lossy().into_owned();
    }
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
}

/// The first `max` bytes of a regular file. Opened without blocking and without following a
/// link, so a file swapped for a FIFO or a link while walking cannot hang the scan or lead out.
fn read_start(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOFOLLOW).bits() as i32);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    let mut out = Vec::new();
    file.take(max).read_to_end(&mut out)?;
    Ok(out)
}

/// The name a folder's places are prefixed with when several are scanned: its last folder name
/// (of its real path, so `.` names the current folder).
pub(crate) fn root_label(root: &Path) -> String {
    let real = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    real.file_name().map_or_else(|| real.display().to_string(), |n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notes_say_what_the_walk_skipped_and_where_it_stopped() {
        let limits = Limits { max_files: 10, max_read: 1 };
        assert!(Walked::default().notes(&limits).is_empty(), "nothing skipped, nothing to say");
        let one = Walked { unreadable: 1, special: 1, links: 1, ..Walked::default() };
        assert_eq!(
            one.notes(&limits),
            [
                "skipped 1 file or folder that could not be read",
                "skipped 1 special file (FIFO, socket or device)",
                "skipped 1 symbolic link (never followed)",
            ]
        );
        let many = Walked { unreadable: 2, special: 3, links: 4, stopped: true, ..Walked::default() };
        assert_eq!(
            many.notes(&limits),
            [
                "stopped after 10 files: the rest of the repositories was not scanned; scan fewer or smaller folders",
                "skipped 2 files or folders that could not be read",
                "skipped 3 special files (FIFO, socket or device)",
                "skipped 4 symbolic links (never followed)",
            ]
        );
    }
}
