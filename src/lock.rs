//! One writer per session: an advisory lock file beside the session (`FILE.lock`).
//!
//! The lock names the process that holds it. A second `assess` on the same session refuses
//! and says who has it; a lock left by a process that no longer runs is taken over, so a
//! crash never blocks a session for good. Dropping the guard removes the lock.

use anyhow::{Result, bail};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
}

/// The lock file's path for a session file.
pub fn lock_path(session: &Path) -> PathBuf {
    let mut p = session.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

fn host() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

/// Whether a process with this pid runs on this machine. Where we cannot tell, assume it does:
/// refusing wrongly is annoying, two writers on one file lose answers.
fn alive(pid: u32) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    std::process::Command::new("kill")
        .args(["-0", &pid.to_string()])
        .stderr(std::process::Stdio::null())
        .status()
        .map_or(true, |s| s.success())
}

impl SessionLock {
    /// Takes the lock for `session`, or explains who holds it.
    pub fn acquire(session: &Path) -> Result<SessionLock> {
        let path = lock_path(session);
        let me = format!("pid {}\nhost {}\n", std::process::id(), host());
        for _ in 0..3 {
            match fs::OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(mut f) => {
                    f.write_all(me.as_bytes())?;
                    f.sync_all()?;
                    return Ok(SessionLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let text = fs::read_to_string(&path).unwrap_or_default();
                    let pid =
                        text.lines().find_map(|l| l.strip_prefix("pid ")).and_then(|p| p.trim().parse::<u32>().ok());
                    let their_host = text.lines().find_map(|l| l.strip_prefix("host ")).unwrap_or("").trim().to_owned();
                    let same_host = their_host.is_empty() || their_host == host();
                    match pid {
                        Some(pid) if same_host && !alive(pid) => {
                            // Stale: its process is gone. Remove and try again.
                            let _ = fs::remove_file(&path);
                        }
                        None => {
                            let _ = fs::remove_file(&path);
                        }
                        Some(pid) => bail!(
                            "{} is already open in another mlops-maturity (process {pid}{}); close it there first, or delete {} if that process is gone",
                            session.display(),
                            if same_host { String::new() } else { format!(" on {their_host}") },
                            path.display()
                        ),
                    }
                }
                Err(e) => bail!("{}: cannot create the lock file: {e}", path.display()),
            }
        }
        bail!("{}: could not take the lock; try again", path.display())
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
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
        assert!(err.contains(&format!("process {}", std::process::id())), "{err}");
        drop(first);
        assert!(!lock_path(&s).exists());
        SessionLock::acquire(&s).unwrap();
    }

    #[test]
    fn stale_lock_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        // No process runs with the largest pid the kernel allows plus one.
        fs::write(lock_path(&s), format!("pid 4194305\nhost {}\n", host())).unwrap();
        let lock = SessionLock::acquire(&s).unwrap();
        assert!(fs::read_to_string(lock_path(&s)).unwrap().contains(&std::process::id().to_string()));
        drop(lock);
    }
}
