//! Files on disk: size-limited reads of untrusted input, atomic writes, and the user's folders.
//!
//! This is the only module of the core that touches the file system; scoring and rendering never
//! do. Every write goes to a temporary file in the same folder, is flushed, then renamed over the
//! target, so a crash or a full disk never leaves a half-written file behind.

use anyhow::{Context, Result, anyhow, bail};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest input file we read: questionnaires and sessions are small; anything bigger is a mistake.
pub const MAX_INPUT_BYTES: u64 = 8 * 1024 * 1024;

/// A size in MiB with one decimal, rounded up, so a file just over the limit never reads as
/// "8 MiB, over the 8 MiB limit".
pub(crate) fn mib(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    format!("{}.{} MiB", tenths / 10, tenths % 10)
}

/// What a file that is not a regular file is, for messages; `None` for a regular file.
fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_char_device() {
            return Some("a device");
        }
        if ft.is_block_device() {
            return Some("a disk device");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens a file for reading without ever waiting: a FIFO or a device opened by mistake must not
/// hang the app (the type is checked before and after opening).
fn open_for_reading(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32);
    }
    options.open(path)
}

/// Reads a text file of at most [`MAX_INPUT_BYTES`], rejecting binary data and dropping a UTF-8 BOM.
///
/// Only regular files are read: a folder, a FIFO, a device or a socket is refused with a message
/// instead of hanging or reading forever.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| anyhow!("{shown}: cannot read the file: {}", io_reason(&e)))?;
    refuse_special(path, &meta)?;
    if meta.len() > MAX_INPUT_BYTES {
        bail!(
            "{shown}: the file is {}, over the {} MiB limit; is it the right file?",
            mib(meta.len()),
            MAX_INPUT_BYTES / (1024 * 1024)
        );
    }
    let file = open_for_reading(path).map_err(|e| anyhow!("{shown}: cannot read the file: {}", io_reason(&e)))?;
    // The path may have been swapped for a FIFO between the check and the open.
    let meta = file.metadata().map_err(|e| anyhow!("{shown}: cannot read the file: {}", io_reason(&e)))?;
    refuse_special(path, &meta)?;
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("{shown}: cannot read the file: {}", io_reason(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bail!("{shown}: the file is over the {} MiB limit; is it the right file?", MAX_INPUT_BYTES / (1024 * 1024));
    }
    decode_text(&bytes).map_err(|why| anyhow!("{shown}: {why}"))
}

fn refuse_special(path: &Path, meta: &fs::Metadata) -> Result<()> {
    match special_kind(meta) {
        None => Ok(()),
        Some("a folder") => bail!("{}: is a folder, not a file", path.display()),
        Some(kind) => bail!("{}: is {kind}, not a regular file; only regular files are read", path.display()),
    }
}

/// Turns bytes into text: UTF-8 only, no NUL bytes, a leading BOM dropped.
pub fn decode_text(bytes: &[u8]) -> std::result::Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(format!("line {line} holds a NUL byte: this is a binary file, not YAML text"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!("line {line} is not valid UTF-8; save the file as UTF-8 text"))
        }
    }
}

/// The reason of an I/O error in plain words.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The folder a file is in; `.` for a bare file name.
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, renamed.
///
/// The temporary file has an unpredictable name and is created exclusively (never through a
/// planted link). A symbolic link is followed to the file it names, which keeps being a link.
/// An existing file keeps its permissions (and owner, where allowed). An existing device or
/// named pipe (`-o /dev/null`) is written to directly, never replaced by a regular file; a
/// disk device or a socket is refused. Temporary files left by a killed run are removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_like(path, bytes, None, true)
}

/// The file a path writes to: a symbolic link's target, else the path itself.
pub(crate) fn real_path(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// A path's real path: links resolved, also when the file does not exist yet (its folder is);
/// the path as given when neither can be resolved. What identifies a file before it is written.
pub(crate) fn resolved_path(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
            fs::canonicalize(dir).map_or_else(|_| path.to_path_buf(), |d| d.join(name))
        }
        _ => path.to_path_buf(),
    }
}

/// [`write_atomic`], taking the permissions and owner of `like` when given (a backup takes its
/// session's), and following a symbolic link only when `follow` (a backup's name is derived, so a
/// link planted there is replaced, never written through).
fn write_atomic_like(path: &Path, bytes: &[u8], like: Option<&fs::Metadata>, follow: bool) -> Result<()> {
    let shown = path.display();
    let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let existing = if link && !follow { None } else { fs::metadata(path).ok() };
    if let Some(meta) = &existing {
        match special_kind(meta) {
            None => {}
            Some("a folder") => bail!("{shown}: is a folder; give a file name to write to"),
            Some("a named pipe (FIFO)") | Some("a device") => return write_in_place(path, bytes),
            Some(kind) => bail!("{shown}: is {kind}; refusing to write over it, give a regular file name"),
        }
    }
    let target = if link && follow {
        match fs::canonicalize(path) {
            Ok(real) => real,
            Err(_) => bail!("{shown}: is a symbolic link to a file that does not exist; give the real path"),
        }
    } else {
        path.to_path_buf()
    };
    let dir = folder_of(&target);
    if !dir.is_dir() {
        bail!("{shown}: cannot write the file: the folder {} does not exist", dir.display());
    }
    let name = target.file_name().ok_or_else(|| anyhow!("{shown}: not a file name"))?.to_string_lossy().into_owned();
    let like = like.or(existing.as_ref());
    let result = (|| -> std::io::Result<()> {
        let prefix = format!(".{name}.{}.", std::process::id());
        let mut tmp = temp_builder(&prefix).tempfile_in(&dir)?;
        clean_stale_temps(&dir, &name, tmp.as_file());
        if let Some(meta) = like {
            keep_mode_and_owner(tmp.as_file(), meta)?;
        }
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&target).map_err(|e| e.error)?;
        // Make the rename itself durable; not every platform can open a folder, so ignore that.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| anyhow!("{shown}: cannot write the file: {}", io_reason(&e)))
}

/// Temporary files are named `.NAME.PID.RANDOM.tmp`: recognisable as ours, unpredictable.
fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(".tmp").rand_bytes(8);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file: read-write for all, less the user's umask.
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    b
}

/// Gives `file` the permission bits and owner of `meta` (the owner only where the OS allows).
fn keep_mode_and_owner(file: &fs::File, meta: &fs::Metadata) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Changing the owner may clear set-id bits, so the mode goes second.
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
        file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    }
    #[cfg(not(unix))]
    file.set_permissions(meta.permissions())?;
    Ok(())
}

/// Writes straight into an existing device or named pipe (no temporary file, no rename).
fn write_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display();
    let mut options = fs::OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32);
    }
    let mut file = options.open(path).map_err(|e| match e.raw_os_error() {
        #[cfg(unix)]
        Some(e) if e == rustix::io::Errno::NXIO.raw_os_error() => {
            anyhow!("{shown}: is a named pipe that no program reads; start the reader first")
        }
        _ => anyhow!("{shown}: cannot write the file: {}", io_reason(&e)),
    })?;
    #[cfg(unix)]
    {
        // Opened without waiting; now write with ordinary, waiting writes. A descriptor whose
        // flags cannot be read or set is written as it is (a failed write says so).
        if let Ok(flags) = rustix::fs::fcntl_getfl(&file) {
            let _ = rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK);
        }
    }
    file.write_all(bytes).and_then(|_| file.flush()).map_err(|e| anyhow!("{shown}: cannot write: {}", io_reason(&e)))
}

/// Removes the temporary files an earlier, killed run left for `name` in `dir`: ours by name
/// (`.NAME.PID.tmp` or `.NAME.PID.RANDOM.tmp`), owned by the same user as `mine` (a file we just
/// created), and stale: its process no longer runs, or it is over an hour old.
fn clean_stale_temps(dir: &Path, name: &str, mine: &fs::File) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else { return };
    let Ok(my_meta) = mine.metadata() else { return };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| temp_file_pid(n, &prefix)) else { continue };
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        if !meta.file_type().is_file() || !same_owner(&meta, &my_meta) {
            continue;
        }
        let age = meta.modified().ok().and_then(|m| m.elapsed().ok()).unwrap_or_default();
        let stale =
            (pid != std::process::id() && !crate::process::runs(pid)) || age > std::time::Duration::from_secs(3600);
        if stale {
            let _ = fs::remove_file(&path);
        }
    }
}

/// The process id in a temporary file name of ours, `PREFIXPID.tmp` or `PREFIXPID.RANDOM.tmp`
/// (RANDOM: up to 16 letters and digits); `None` for any other name.
fn temp_file_pid(file_name: &str, prefix: &str) -> Option<u32> {
    let rest = file_name.strip_prefix(prefix)?.strip_suffix(".tmp")?;
    let (pid, random) = rest.split_once('.').unwrap_or((rest, ""));
    let ours = random.len() <= 16 && random.chars().all(|c| c.is_ascii_alphanumeric());
    pid.parse().ok().filter(|_| ours)
}

fn same_owner(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.uid() == b.uid()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

/// Writes a session: the previous version is kept beside it as `FILE.bak` (with the session's
/// permissions), then the new one lands atomically. A session reached through a symbolic link is
/// written to the link's target, so the link and its file stay one session.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> Result<()> {
    let real = real_path(path);
    if let Ok(meta) = fs::metadata(&real)
        && meta.is_file()
    {
        let mut bak = real.as_os_str().to_owned();
        bak.push(".bak");
        let bak = PathBuf::from(bak);
        if let Ok(old) = fs::read(&real)
            && old != bytes
        {
            write_atomic_like(&bak, &old, Some(&meta), false)?;
        }
    }
    write_atomic(&real, bytes)
}

/// Writes a copy of unsaved work where nobody else can read, replace or redirect it, and returns
/// the path written.
///
/// The copy goes into the user folder's `sessions/unsaved/` (created with mode 0700; used only
/// when it is a real folder, not a link, owned by this user), or when that cannot be had into a
/// fresh private temporary folder. Its name is fresh and unpredictable, and the file is created
/// exclusively with mode 0600: a planted link or FIFO is never written through.
pub fn write_rescue_copy(home: Option<&Path>, stem: &str, bytes: &[u8]) -> Result<PathBuf> {
    let stem: String = stem.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).take(40).collect();
    let prefix = format!("{}-unsaved-", if stem.is_empty() { "session" } else { &stem });
    let mut errors = Vec::new();
    if let Some(home) = home {
        match private_folder(&home.join("sessions").join("unsaved")) {
            Ok(dir) => match write_new_file_in(&dir, &prefix, bytes) {
                Ok(path) => return Ok(path),
                Err(e) => errors.push(format!("{}: {}", dir.display(), io_reason(&e))),
            },
            Err(why) => errors.push(why),
        }
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix("mlops-maturity-unsaved-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o700));
    }
    let fresh = builder
        .tempdir()
        .map_err(|e| anyhow!("cannot create a private temporary folder: {}", io_reason(&e)))
        .and_then(|d| private_folder(&d.keep()).map_err(|why| anyhow!("{why}")));
    match fresh {
        Ok(dir) => match write_new_file_in(&dir, &prefix, bytes) {
            Ok(path) => return Ok(path),
            Err(e) => errors.push(format!("{}: {}", dir.display(), io_reason(&e))),
        },
        Err(e) => errors.push(format!("{e:#}")),
    }
    bail!("{}", errors.join("; "))
}

/// `dir`, created with mode 0700 when missing, if it is a real folder (not a link) that only this
/// user can enter; an existing one of ours with a wider mode is narrowed.
fn private_folder(dir: &Path) -> std::result::Result<PathBuf, String> {
    let shown = dir.display();
    if let Some(parent) = dir.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {}", parent.display(), io_reason(&e)))?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(format!("{shown}: {}", io_reason(&e))),
    }
    let meta = fs::symlink_metadata(dir).map_err(|e| format!("{shown}: {}", io_reason(&e)))?;
    if !meta.file_type().is_dir() {
        return Err(format!("{shown}: is not a folder (a link or a file stands there)"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Narrowed every time (a wider mode of ours is a mistake to mend). That fails on a folder
        // of another user; `write_new_file_in` checks the owner too, for the administrator.
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| format!("{shown}: {}", io_reason(&e)))?;
    }
    Ok(dir.to_path_buf())
}

/// A new file in `dir` with a fresh random name, created exclusively (mode 0600), holding `bytes`.
fn write_new_file_in(dir: &Path, prefix: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let mut file = tempfile::Builder::new().prefix(prefix).suffix(".yaml").rand_bytes(10).tempfile_in(dir)?;
    // The folder must be this user's: the new (empty) file tells who this user is.
    let folder = fs::symlink_metadata(dir)?;
    if !same_owner(&folder, &file.as_file().metadata()?) {
        return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, "the folder belongs to another user"));
    }
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    let (_, path) = file.keep().map_err(|e| e.error)?;
    Ok(path)
}

/// What makes a file the same file whatever name reaches it: its device and inode (a symbolic
/// and a hard link share them); the path as given when the file cannot be looked at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum FileKey {
    /// The file's device and inode numbers.
    Inode(u64, u64),
    /// The path as given, when the file cannot be looked at.
    Path(PathBuf),
}

/// The [`FileKey`] of `path`.
pub(crate) fn file_key(path: &Path) -> FileKey {
    existing_file_key(path).unwrap_or_else(|| FileKey::Path(path.to_path_buf()))
}

/// The key of a file that can be looked at; `None` when it cannot.
fn existing_file_key(path: &Path) -> Option<FileKey> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(FileKey::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(FileKey::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())))
    }
}

/// Whether two paths name the same file (same device and inode); false when either is missing.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    existing_file_key(a).is_some_and(|key| existing_file_key(b) == Some(key))
}

/// The folder that holds the user's questionnaires, templates and sessions.
///
/// `MLOPS_MATURITY_HOME` replaces the platform's config folder (tests and portable installs use it).
pub(crate) fn home_dir() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("MLOPS_MATURITY_HOME").filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "mlops-maturity")
        .map(|d| d.config_dir().to_path_buf())
        .context("cannot find a configuration folder for this user; set MLOPS_MATURITY_HOME to a folder to use")
}

/// Files with the given extensions directly inside `dir`, sorted by name; a missing folder is empty.
pub(crate) fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        // `is_file` follows links and is true for regular files only: no FIFO, device or folder.
        .filter(|p| p.is_file() && p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)))
        .collect();
    out.sort();
    out
}

/// A warning for each entry directly inside `dir` with one of the extensions that
/// [`files_in`] passes over because it is not a regular file: a FIFO, a device, a folder, a
/// link to nothing or a loop of links.
pub(crate) fn not_regular_in(dir: &Path, extensions: &[&str]) -> Vec<String> {
    let mut out: Vec<(PathBuf, String)> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)))
        .filter_map(|p| {
            let why = match fs::metadata(&p) {
                Ok(meta) => format!("it is {}, not a regular file", special_kind(&meta)?),
                #[cfg(unix)]
                Err(e) if e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) => {
                    "it is a loop of symbolic links".to_owned()
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => "it is a symbolic link to nothing".to_owned(),
                Err(e) => format!("it cannot be read ({})", io_reason(&e)),
            };
            Some((p, why))
        })
        .collect();
    out.sort();
    out.into_iter().map(|(p, why)| format!("skipped {}: {why}", p.display())).collect()
}

/// Today's date and the civil date of a Unix time live in `dates`; these names stay for the shells.
pub(crate) use crate::dates::{date_from_unix, today};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up_to_a_tenth() {
        assert_eq!(mib(8 * 1024 * 1024), "8.0 MiB");
        assert_eq!(mib(8 * 1024 * 1024 + 1), "8.1 MiB");
        assert_eq!(mib(8_482_000), "8.1 MiB");
        assert_eq!(mib(0), "0.0 MiB");
    }

    #[test]
    fn bom_is_dropped_and_nul_rejected() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        assert!(decode_text(b"a\n\0").unwrap_err().contains("line 2"));
        assert!(decode_text(b"\xff\xfe").unwrap_err().contains("UTF-8"));
    }

    #[test]
    fn a_decoding_error_names_the_line_it_is_on() {
        assert!(decode_text(b"a: 1\n\n\0").unwrap_err().starts_with("line 3 holds a NUL byte"));
        assert!(decode_text(b"abc\n\xff").unwrap_err().starts_with("line 2 is not valid UTF-8"));
        assert!(decode_text(b"\xff").unwrap_err().starts_with("line 1 is not valid UTF-8"));
    }

    #[test]
    fn io_errors_read_in_plain_words() {
        use std::io::{Error, ErrorKind};
        // As the system reports them (`Permission denied (os error 13)` is what Rust would say).
        assert_eq!(io_reason(&Error::from_raw_os_error(rustix::io::Errno::NOENT.raw_os_error())), "no such file");
        assert_eq!(io_reason(&Error::from_raw_os_error(rustix::io::Errno::ACCESS.raw_os_error())), "permission denied");
        assert_eq!(io_reason(&Error::from(ErrorKind::NotFound)), "no such file");
        assert_eq!(io_reason(&Error::other("disk on fire")), "disk on fire");
    }

    #[test]
    fn a_file_of_exactly_the_limit_is_read_whole_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.yaml");
        std::fs::write(&path, vec![b'a'; MAX_INPUT_BYTES as usize]).unwrap();
        assert_eq!(read_text(&path).unwrap().len() as u64, MAX_INPUT_BYTES);
        std::fs::write(&path, vec![b'a'; MAX_INPUT_BYTES as usize + 1]).unwrap();
        let why = read_text(&path).unwrap_err().to_string();
        assert!(why.ends_with("big.yaml: the file is 8.1 MiB, over the 8 MiB limit; is it the right file?"), "{why}");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_resolved_to_the_file_they_name_and_other_paths_kept_as_given() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("s.yaml"), "a").unwrap();
        let link_dir = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link_dir).unwrap();
        std::os::unix::fs::symlink(real.join("s.yaml"), dir.path().join("l.yaml")).unwrap();
        let canonical = std::fs::canonicalize(&real).unwrap();
        assert_eq!(real_path(&dir.path().join("l.yaml")), canonical.join("s.yaml"));
        assert_eq!(real_path(Path::new("Cargo.toml")), Path::new("Cargo.toml"), "not a link: the path as given");
        assert_eq!(resolved_path(&link_dir.join("new.yaml")), canonical.join("new.yaml"), "a file yet to be written");
        assert_eq!(resolved_path(Path::new("/no/such/dir/x")), Path::new("/no/such/dir/x"));
    }

    #[cfg(unix)]
    #[test]
    fn writing_through_a_link_keeps_the_link_and_its_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("s.yaml");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("l.yaml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "still a link");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_regular_files_are_read_and_nothing_waits_on_a_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let why = read_text(dir.path()).unwrap_err().to_string();
        assert!(why.ends_with(": is a folder, not a file"), "{why}");
        let why = read_text(Path::new("/dev/null")).unwrap_err().to_string();
        assert_eq!(why, "/dev/null: is a device, not a regular file; only regular files are read");
        let fifo = dir.path().join("pipe.yaml");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let why = read_text(&fifo).unwrap_err().to_string();
        assert!(why.ends_with("pipe.yaml: is a named pipe (FIFO), not a regular file; only regular files are read"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_or_a_pipe_is_written_in_place_and_a_pipe_nobody_reads_is_refused_at_once() {
        write_atomic(Path::new("/dev/null"), b"report").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let why = write_atomic(&fifo, b"report").unwrap_err().to_string();
        assert!(why.ends_with("pipe: is a named pipe that no program reads; start the reader first"), "{why}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "still the pipe alone, no temporary file");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_any_new_file_gets_and_a_temporary_name_of_ours() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::File::create(&plain).unwrap();
        let written = dir.path().join("report.md");
        write_atomic(&written, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&written), mode(&plain), "read-write for all, less the umask: not a private temp file's 0600");
        let temp = temp_builder(".report.md.7.").tempfile_in(dir.path()).unwrap();
        let name = temp.path().file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(temp_file_pid(&name, ".report.md."), Some(7), "{name}");
    }

    #[test]
    fn a_path_that_is_gone_when_written_in_place_is_not_blamed_on_a_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let why = write_in_place(&dir.path().join("gone"), b"x").unwrap_err().to_string();
        assert!(why.ends_with("gone: cannot write the file: no such file"), "{why}");
    }

    /// Plants `name` in `dir`, last changed `age_secs` ago.
    fn plant(dir: &Path, name: &str, age_secs: u64) -> PathBuf {
        let path = dir.join(name);
        let file = fs::File::create(&path).unwrap();
        file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(age_secs)).unwrap();
        path
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_our_own_stale_temp_files_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        // No process has a pid above the kernel's largest; pid 1 always runs.
        let dead = "4194305";
        let removed = [
            plant(dir.path(), &format!(".s.yaml.{dead}.{}.tmp", "a".repeat(16)), 0),
            plant(dir.path(), ".s.yaml.1.old.tmp", 7200),
        ];
        let kept = [
            plant(dir.path(), &format!(".s.yaml.{dead}.{}.tmp", "a".repeat(17)), 0),
            plant(dir.path(), &format!(".s.yaml.{dead}.a-b.tmp"), 0),
            plant(dir.path(), ".s.yaml.1.busy.tmp", 60),
        ];
        let theirs = plant(dir.path(), &format!(".s.yaml.{dead}.theirs.tmp"), 7200);
        // Only an administrator can plant a file of another user; elsewhere that case is skipped.
        let planted_as_other = std::os::unix::fs::chown(&theirs, Some(4242), Some(4242)).is_ok();
        write_atomic(&dir.path().join("s.yaml"), b"new").unwrap();
        for path in &removed {
            assert!(!path.exists(), "{} removed", path.display());
        }
        for path in &kept {
            assert!(path.exists(), "{} kept", path.display());
        }
        assert_eq!(theirs.exists(), planted_as_other, "another user's file is left alone");
    }

    #[test]
    fn a_temporary_file_name_of_ours_gives_its_process() {
        let pid = |name: &str| temp_file_pid(name, ".s.yaml.");
        assert_eq!(pid(".s.yaml.42.tmp"), Some(42));
        assert_eq!(pid(".s.yaml.42.aB3.tmp"), Some(42));
        assert_eq!(pid(&format!(".s.yaml.42.{}.tmp", "a".repeat(16))), Some(42));
        assert_eq!(pid(&format!(".s.yaml.42.{}.tmp", "a".repeat(17))), None, "longer than ours");
        assert_eq!(pid(".s.yaml.42.a-b.tmp"), None);
        assert_eq!(pid(".s.yaml.bak.42.tmp"), None, "the backup's, not the session's");
        assert_eq!(pid(".s.yaml.42"), None);
        assert_eq!(pid(".t.yaml.42.tmp"), None);
    }

    #[test]
    fn a_rescue_copy_is_named_after_its_session_in_safe_characters() {
        let home = tempfile::tempdir().unwrap();
        let copy = write_rescue_copy(Some(home.path()), "../Team a_1-x", b"a").unwrap();
        let name = copy.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("Teama_1-x-unsaved-") && name.ends_with(".yaml"), "{name}");
        let copy = write_rescue_copy(Some(home.path()), "../", b"a").unwrap();
        assert!(copy.file_name().unwrap().to_string_lossy().starts_with("session-unsaved-"), "{}", copy.display());
    }

    #[cfg(unix)]
    #[test]
    fn a_rescue_folder_of_another_user_is_not_used() {
        let home = tempfile::tempdir().unwrap();
        let unsaved = home.path().join("sessions/unsaved");
        fs::create_dir_all(&unsaved).unwrap();
        // Only an administrator can give a folder away; elsewhere there is nothing to check.
        if std::os::unix::fs::chown(&unsaved, Some(4242), Some(4242)).is_err() {
            return;
        }
        let copy = write_rescue_copy(Some(home.path()), "s", b"notes").unwrap();
        assert!(!copy.starts_with(home.path()), "{}", copy.display());
        assert_eq!(fs::read_dir(&unsaved).unwrap().count(), 0);
        fs::remove_dir_all(copy.parent().unwrap()).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_cannot_be_created_says_why() {
        // The kernel's own folder: nobody may create folders at its top, not even an administrator.
        if !Path::new("/sys/kernel").is_dir() {
            return;
        }
        let why = private_folder(Path::new("/sys/mlops-maturity-unsaved")).unwrap_err();
        assert!(why.starts_with("/sys/mlops-maturity-unsaved: "), "{why}");
        assert!(!why.contains("no such file"), "the reason it could not be made, not that it is missing: {why}");
    }

    #[test]
    fn two_names_of_one_file_are_the_same_file_and_missing_files_never_are() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        fs::write(&a, "a").unwrap();
        let b = dir.path().join("b.yaml");
        fs::hard_link(&a, &b).unwrap();
        fs::write(dir.path().join("c.yaml"), "a").unwrap();
        assert!(same_file(&a, &b));
        assert!(!same_file(&a, &dir.path().join("c.yaml")));
        let missing = dir.path().join("missing.yaml");
        assert!(!same_file(&missing, &missing), "a missing file is nothing to compare");
        assert!(!same_file(&a, &missing) && !same_file(&missing, &a));
        assert_eq!(file_key(&a), file_key(&b));
        assert_eq!(file_key(&missing), FileKey::Path(missing.clone()));
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_listed_and_each_other_entry_is_named_with_why() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.yaml"), "a").unwrap();
        fs::write(d.join("b.txt"), "b").unwrap();
        fs::write(d.join("file"), "f").unwrap();
        fs::create_dir(d.join("folder.yaml")).unwrap();
        symlink(d.join("nothing"), d.join("dangling.yaml")).unwrap();
        symlink(d.join("loop2.yaml"), d.join("loop1.yaml")).unwrap();
        symlink(d.join("loop1.yaml"), d.join("loop2.yaml")).unwrap();
        symlink(d.join("file/inside"), d.join("through-a-file.yaml")).unwrap();
        assert_eq!(files_in(d, &["yaml"]), vec![d.join("a.yaml")]);
        let shown = |name: &str, why: &str| format!("skipped {}: {why}", d.join(name).display());
        let warnings = not_regular_in(d, &["yaml"]);
        assert_eq!(warnings.len(), 5, "{warnings:#?}");
        assert_eq!(warnings[0], shown("dangling.yaml", "it is a symbolic link to nothing"));
        assert_eq!(warnings[1], shown("folder.yaml", "it is a folder, not a regular file"));
        assert_eq!(warnings[2], shown("loop1.yaml", "it is a loop of symbolic links"));
        assert_eq!(warnings[3], shown("loop2.yaml", "it is a loop of symbolic links"));
        assert!(warnings[4].starts_with(&shown("through-a-file.yaml", "it cannot be read (")), "{}", warnings[4]);
    }

    #[test]
    fn atomic_write_replaces_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s.yaml");
        write_with_backup(&p, b"one").unwrap();
        write_with_backup(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(dir.path().join("s.yaml.bak")).unwrap(), b"one");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");
    }
}
