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

/// State and start time (in clock ticks since boot) of a process, from `/proc/PID/stat`.
fn proc_stat(pid: u32) -> Option<(char, String)> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let started = fields.get(19)?.to_string();
    Some((state, started))
}

/// Whether the process that wrote a lock still runs on this machine. A zombie (killed, not yet
/// reaped) is gone, and so is a process whose pid was reused since (its start time differs).
/// Where we cannot tell, assume it runs: refusing wrongly is annoying, two writers lose answers.
fn alive(pid: u32, started: Option<&str>) -> bool {
    if Path::new("/proc/self/stat").exists() {
        return match proc_stat(pid) {
            None => false,
            Some((state, _)) if state == 'Z' || state == 'X' => false,
            Some((_, now)) => started.is_none_or(|s| s == now),
        };
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
        let started = proc_stat(std::process::id()).map(|(_, t)| t).unwrap_or_default();
        let me = format!("pid {}\nhost {}\nstarted {started}\n", std::process::id(), host());
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
                    let started =
                        text.lines().find_map(|l| l.strip_prefix("started ")).map(str::trim).filter(|s| !s.is_empty());
                    match pid {
                        Some(pid) if same_host && !alive(pid, started) => {
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
    fn a_reused_pid_does_not_hold_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        // Our own pid, but started at another time: the process that wrote this lock is gone.
        fs::write(lock_path(&s), format!("pid {}\nhost {}\nstarted 1\n", std::process::id(), host())).unwrap();
        drop(SessionLock::acquire(&s).unwrap());
    }

    #[test]
    fn a_killed_but_unreaped_process_does_not_hold_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("s.yaml");
        let mut child = std::process::Command::new("sleep").arg("30").spawn().unwrap();
        let (_, started) = proc_stat(child.id()).unwrap();
        fs::write(lock_path(&s), format!("pid {}\nhost {}\nstarted {started}\n", child.id(), host())).unwrap();
        assert!(SessionLock::acquire(&s).is_err(), "a running process holds it");
        child.kill().unwrap();
        // Not waited for yet: the child is a zombie (once the kill lands), and a zombie holds nothing.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let lock = loop {
            match SessionLock::acquire(&s) {
                Ok(lock) => break lock,
                Err(e) if std::time::Instant::now() > deadline => panic!("{e}"),
                Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        };
        drop(lock);
        child.wait().unwrap();
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
