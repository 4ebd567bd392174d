//! One writer per session: an OS advisory lock on a file beside the session (`FILE.lock`).
//!
//! The lock belongs to the real file: a session opened through a symbolic link and through its
//! target share one lock. Taking it is one atomic `flock` (through std's `File::try_lock`), so two
//! apps starting at the same instant never both win, and a lock whose holder died (even by
//! `kill -9`) is free again because the OS drops it with the process. The file also names the
//! holder (pid, host, start time) so a refusal can say who has the session. A lock file this user
//! cannot open (another user's) is never taken over, and only the holder ever deletes it.

use anyhow::{Result, anyhow, bail};
use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock on one session file (`FILE.lock` beside it, and the file's inode): taken by
/// [`SessionLock::acquire`], held until dropped, when its lock file is deleted.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    file: fs::File,
    /// The session file itself, locked too: every name of it (a hard link is another name with
    /// its own `.lock` beside it) meets this one lock on the file's inode.
    _inode: Option<fs::File>,
}

/// The lock file's path for a session file: beside the real file when the path is a link.
pub fn lock_path(session: &Path) -> PathBuf {
    let real = crate::files::resolved_path(session);
    let mut p = real.into_os_string();
    p.push(".lock");
    PathBuf::from(p)
}

/// Who a lock file says holds it.
#[derive(Debug, Default, PartialEq)]
struct Holder {
    pid: Option<u32>,
    host: String,
    started: Option<String>,
}

fn parse_holder(text: &str) -> Holder {
    let field = |name: &str| text.lines().find_map(|l| l.strip_prefix(name)).map(str::trim).filter(|s| !s.is_empty());
    Holder {
        pid: field("pid ").and_then(|p| p.parse().ok()),
        host: field("host ").unwrap_or("").chars().filter(|c| !c.is_control()).take(64).collect(),
        started: field("started ").map(str::to_owned),
    }
}

/// The refusal when the lock is held: names the process only when the lock file's words can be
/// checked (same host, that process runs and started when the file says).
fn held_message(session: &Path, lock: &Path, holder: &Holder, my_host: &str) -> String {
    let who = match holder.pid {
        Some(pid)
            if pid == std::process::id()
                && (holder.host.is_empty() || holder.host == my_host)
                && holder.started == crate::process::started(pid) =>
        {
            "this same mlops-maturity".to_owned()
        }
        Some(pid) if !holder.host.is_empty() && holder.host != my_host => {
            format!("another mlops-maturity (process {pid} on {})", holder.host)
        }
        Some(pid) if holder.started.is_some() && crate::process::started(pid) == holder.started => {
            format!("another mlops-maturity (process {pid})")
        }
        _ => "another mlops-maturity".to_owned(),
    };
    format!(
        "{} is already open in {who}; close it there first (the lock is {}, and it frees itself when that program ends)",
        session.display(),
        lock.display()
    )
}

fn open_lock_file(path: &Path) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o644).custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32);
    }
    options.open(path)
}

/// Why this user cannot open the lock file for writing, in words that say what helps. Another
/// user's lock is never taken over: at most it is looked at, read-only.
fn refused_by_permissions(session: &Path, path: &Path, my_host: &str) -> anyhow::Error {
    if fs::symlink_metadata(path).is_err() {
        let folder = crate::files::folder_of(path);
        return anyhow!(
            "{}: cannot create the lock file: this user may not write to the folder {}",
            path.display(),
            folder.display()
        );
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags((rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK).bits() as i32);
    }
    match options.open(path) {
        Err(_) => anyhow!(
            "{}: the lock file belongs to another user and this user cannot read it, so the session may be open; if nobody has {} open, ask that user (or an administrator) to delete the lock file",
            path.display(),
            session.display()
        ),
        Ok(file) => match file.try_lock() {
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = (&file).take(4096).read_to_string(&mut text);
                anyhow!(
                    "{}; the lock file belongs to another user",
                    held_message(session, path, &parse_holder(&text), my_host)
                )
            }
            _ => anyhow!(
                "{}: another user's lock file, held by nobody now, that this user may not take over; ask that user (or an administrator) to delete it",
                path.display()
            ),
        },
    }
}

/// Whether opening failed because the lock path is a symbolic link (refused by `O_NOFOLLOW`).
fn is_link_refused(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error());
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Whether two looks at a file saw the same file (device and inode); where the OS gives no
/// inode, they are taken to be the same.
fn same_inode(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        true
    }
}

impl SessionLock {
    /// Takes the lock for `session`, or explains who holds it.
    pub fn acquire(session: &Path) -> Result<SessionLock> {
        let path = lock_path(session);
        let shown = path.display();
        let my_host = crate::process::host();
        // A holder deletes its lock file on exit; one we opened just before that is no longer the
        // lock, so check we locked the file the path names, and else open it again.
        for _ in 0..5 {
            let mut file = match open_lock_file(&path) {
                Ok(f) => f,
                Err(e) => {
                    return Err(match e.kind() {
                        std::io::ErrorKind::IsADirectory => {
                            anyhow!("{shown}: the lock is a folder, not a file; remove or rename that folder")
                        }
                        std::io::ErrorKind::PermissionDenied => refused_by_permissions(session, &path, &my_host),
                        _ if is_link_refused(&e) => {
                            anyhow!("{shown}: the lock is a symbolic link; remove it")
                        }
                        _ => anyhow!("{shown}: cannot create the lock file: {e}"),
                    });
                }
            };
            if !file.metadata().is_ok_and(|m| m.is_file()) {
                bail!("{shown}: the lock is not a regular file; remove it");
            }
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = (&file).take(4096).read_to_string(&mut text);
                    bail!("{}", held_message(session, &path, &parse_holder(&text), &my_host));
                }
                Err(fs::TryLockError::Error(e)) => bail!("{shown}: cannot take the lock: {e}"),
            }
            let still_there = match (file.metadata(), fs::symlink_metadata(&path)) {
                (Ok(a), Ok(b)) => same_inode(&a, &b),
                _ => false,
            };
            if !still_there {
                continue;
            }
            let me = format!(
                "pid {}\nhost {my_host}\nstarted {}\n",
                std::process::id(),
                crate::process::started(std::process::id()).unwrap_or_default()
            );
            let written = (|| -> std::io::Result<()> {
                file.set_len(0)?;
                file.rewind()?;
                file.write_all(me.as_bytes())?;
                file.sync_all()?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    // Readable by all, so another user's refusal can say who holds it (where we
                    // may: a shared lock file of another owner keeps its mode).
                    let _ = file.set_permissions(fs::Permissions::from_mode(0o644));
                }
                Ok(())
            })();
            if let Err(e) = written {
                // We hold it, so the file is ours to remove: leave no empty lock behind.
                let _ = fs::remove_file(&path);
                bail!("{shown}: cannot write the lock file: {e}; free some space or check the folder's permissions");
            }
            let lock = SessionLock { path, file, _inode: None };
            return lock.with_inode_lock(session);
        }
        bail!("{shown}: the lock file keeps being replaced by another program; check what else uses this folder")
    }
}

impl SessionLock {
    /// Also locks the session file's inode, when the file exists, so that a second name of the
    /// same file (a hard link) is refused while this one is open.
    fn with_inode_lock(mut self, session: &Path) -> Result<SessionLock> {
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags((rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY).bits() as i32);
        }
        let Ok(file) = options.open(session) else { return Ok(self) };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Ok(self);
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => bail!(
                "{} is already open in another mlops-maturity under another name (a hard link to the same file); close it there first",
                session.display()
            ),
            Err(fs::TryLockError::Error(_)) => return Ok(self),
        }
        self._inode = Some(file);
        Ok(self)
    }

    /// Holds the lock of a file that a command is about to write with `-o`, so that it never
    /// writes over a session another process has open. `None` when the path names no regular
    /// file and no lock file stands beside it (a new file, a device, a pipe): nothing to hold.
    pub(crate) fn for_output(output: &Path) -> Result<Option<SessionLock>> {
        let regular = fs::metadata(output).is_ok_and(|m| m.is_file());
        if !regular && fs::symlink_metadata(lock_path(output)).is_err() {
            return Ok(None);
        }
        SessionLock::acquire(output)
            .map(Some)
            .map_err(|e| anyhow!("{}: refusing to write there: {e:#}; or choose another output file", output.display()))
    }
}

/// Makes `-o FILE` safe to write: refuses a file that one of the inputs uses, and holds the
/// session lock of FILE (refusing it when another process has it open as a session) until the
/// returned guard is dropped, after the write.
pub(crate) fn guard_output(output: &Path, inputs: &[PathBuf]) -> Result<Option<SessionLock>> {
    refuse_output_over_input(output, inputs)?;
    SessionLock::for_output(output)
}

/// Refuses an output file that is one of the inputs (the same file, also through a link or
/// another name): writing the report there would destroy what it was made from.
fn refuse_output_over_input(output: &Path, inputs: &[PathBuf]) -> Result<()> {
    match inputs.iter().find(|input| crate::files::same_file(output, input)) {
        Some(input) => bail!(
            "{}: is one of the report's inputs ({}); writing the report there would overwrite it, so choose another output file",
            output.display(),
            input.display()
        ),
        None => Ok(()),
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Delete only the file we hold: if the path now names another file, it is not ours.
        let ours = match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
            (Ok(a), Ok(b)) => same_inode(&a, &b),
            _ => false,
        };
        if ours {
            let _ = fs::remove_file(&self.path);
        }
        // Closing the file (dropping it after this) releases the OS lock.
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        let first = SessionLock::acquire(&s).unwrap();
        let err = SessionLock::acquire(&s).unwrap_err().to_string();
        assert!(err.contains("already open in this same mlops-maturity"), "{err}");
        drop(first);
        assert!(!lock_path(&s).exists());
        SessionLock::acquire(&s).unwrap();
    }

    #[test]
    fn a_lock_file_nobody_holds_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        // Left by a killed run (or an older version): it names a process, but nobody holds it.
        fs::write(lock_path(&s), format!("pid 1\nhost {}\nstarted 1\n", crate::process::host())).unwrap();
        let lock = SessionLock::acquire(&s).unwrap();
        assert!(fs::read_to_string(lock_path(&s)).unwrap().contains(&format!("pid {}\n", std::process::id())));
        drop(lock);
    }

    #[test]
    fn the_holder_is_read_from_the_lock_files_words_and_blank_fields_are_none() {
        let full = parse_holder("pid 42\nhost build-1\nstarted 977\n");
        assert_eq!(full, Holder { pid: Some(42), host: "build-1".into(), started: Some("977".into()) });
        assert_eq!(parse_holder("pid \nhost \nstarted \n"), Holder::default());
        assert_eq!(parse_holder("pid x\nhost a\u{1b}b\n").host, "ab", "no control characters reach a message");
    }

    #[test]
    fn another_running_process_is_named_when_its_start_time_matches() {
        let Some(init) = crate::process::started(1) else { return };
        let holder = Holder { pid: Some(1), host: "h".into(), started: Some(init) };
        let msg = held_message(Path::new("s.yaml"), Path::new("s.yaml.lock"), &holder, "h");
        assert!(msg.starts_with("s.yaml is already open in another mlops-maturity (process 1);"), "{msg}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_lock_path_that_is_a_link_a_folder_or_a_pipe_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        let victim = dir.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, lock_path(&s)).unwrap();
        let why = SessionLock::acquire(&s).unwrap_err().to_string();
        assert!(why.ends_with("s.yaml.lock: the lock is a symbolic link; remove it"), "{why}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

        fs::remove_file(lock_path(&s)).unwrap();
        fs::create_dir(lock_path(&s)).unwrap();
        let why = SessionLock::acquire(&s).unwrap_err().to_string();
        assert!(why.ends_with("the lock is a folder, not a file; remove or rename that folder"), "{why}");

        fs::remove_dir(lock_path(&s)).unwrap();
        rustix::fs::mkfifoat(rustix::fs::CWD, lock_path(&s), rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let why = SessionLock::acquire(&s).unwrap_err().to_string();
        assert!(why.ends_with("the lock is not a regular file; remove it"), "{why}");
    }

    #[test]
    fn a_lock_in_a_missing_folder_says_it_cannot_be_created() {
        let dir = tempfile::tempdir().unwrap();
        let why = SessionLock::acquire(&dir.path().join("missing/s.yaml")).unwrap_err().to_string();
        assert!(why.contains("s.yaml.lock: cannot create the lock file: "), "{why}");
    }

    #[test]
    fn a_second_name_of_an_open_session_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        fs::write(&s, "format: 1\n").unwrap();
        let other_name = dir.path().join("h.yaml");
        fs::hard_link(&s, &other_name).unwrap();
        let held = SessionLock::acquire(&s).unwrap();
        let why = SessionLock::acquire(&other_name).unwrap_err().to_string();
        assert!(why.contains("h.yaml is already open in another mlops-maturity under another name"), "{why}");
        assert!(!lock_path(&other_name).exists(), "the refused lock leaves no file");
        drop(held);
        SessionLock::acquire(&other_name).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_session_that_is_a_pipe_is_locked_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        rustix::fs::mkfifoat(rustix::fs::CWD, &s, rustix::fs::Mode::from_raw_mode(0o600)).unwrap();
        let _lock = SessionLock::acquire(&s).unwrap();
        assert!(lock_path(&s).exists());
    }

    #[test]
    fn a_lock_file_replaced_by_another_program_is_not_deleted_by_the_old_holder() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        let lock = SessionLock::acquire(&s).unwrap();
        fs::remove_file(lock_path(&s)).unwrap();
        fs::write(lock_path(&s), "pid 1\n").unwrap();
        drop(lock);
        assert_eq!(fs::read_to_string(lock_path(&s)).unwrap(), "pid 1\n", "not ours: kept");
    }

    #[test]
    fn an_output_file_is_locked_only_when_it_is_a_file_or_has_a_lock_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new.md");
        assert!(guard_output(&new, &[]).unwrap().is_none(), "a new file: nothing to hold");
        assert!(!lock_path(&new).exists());

        let session = dir.path().join("s.yaml");
        fs::write(&session, "format: 1\n").unwrap();
        let guard = guard_output(&session, &[]).unwrap();
        assert!(guard.is_some() && lock_path(&session).exists(), "held while written");
        drop(guard);

        // A session another process has open (here: not yet saved, so only its lock exists).
        let open = dir.path().join("open.yaml");
        let _held = SessionLock::acquire(&open).unwrap();
        let why = guard_output(&open, &[]).unwrap_err().to_string();
        assert!(why.starts_with(&format!("{}: refusing to write there: ", open.display())), "{why}");
        let _held = SessionLock::acquire(&session).unwrap();
        assert!(guard_output(&session, &[]).is_err(), "an open session is never written over");
    }

    #[test]
    fn an_output_file_that_is_one_of_the_inputs_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("s.yaml");
        fs::write(&input, "format: 1\n").unwrap();
        let why = guard_output(&input, &[dir.path().join("other.yaml"), input.clone()]).unwrap_err().to_string();
        assert!(why.contains("s.yaml: is one of the report's inputs ("), "{why}");
        assert!(!lock_path(&input).exists(), "refused before any lock is taken");
    }

    #[test]
    fn a_named_process_is_shown_only_when_it_can_be_checked() {
        let s = Path::new("s.yaml");
        let l = Path::new("s.yaml.lock");
        let me = crate::process::started(std::process::id());
        let real = Holder { pid: Some(std::process::id()), host: "h".into(), started: me.clone() };
        assert!(held_message(s, l, &real, "h").contains("this same mlops-maturity"));
        let init = Holder { pid: Some(1), host: "h".into(), started: Some("999999999".into()) };
        let msg = held_message(s, l, &init, "h");
        assert!(!msg.contains("process 1"), "{msg}");
        let elsewhere = Holder { pid: Some(std::process::id()), host: "other".into(), started: me };
        assert!(held_message(s, l, &elsewhere, "h").contains("on other"));
    }
}
