//! Other processes on this machine, as `/proc` shows them (Linux): whether one still runs, when
//! it started, and the machine's name. Where `/proc` is missing, nothing can be told and callers
//! assume the process runs.

use std::fs;
use std::path::Path;

/// The fields of `/proc/PID/stat` after the command name (state first), or `None` when the
/// process does not exist or `/proc` cannot be read. The command name is in parentheses and may
/// hold spaces and parentheses itself, so the fields start after the last `)`.
fn stat_fields(pid: u32) -> Option<Vec<String>> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().map(str::to_owned).collect())
}

/// Whether a process runs on this machine, where the OS lets us tell; otherwise assume it does.
/// A zombie (exited, not yet reaped) does not run.
pub(crate) fn runs(pid: u32) -> bool {
    if !Path::new("/proc/self").exists() {
        return true;
    }
    stat_fields(pid).is_some_and(|fields| fields.first().is_none_or(|state| state != "Z"))
}

/// Start time (in clock ticks since boot) of a running process: with the pid, it names one
/// process even after the pid is reused. `None` for a process that is gone, dead or a zombie.
pub(crate) fn started(pid: u32) -> Option<String> {
    let fields = stat_fields(pid)?;
    if matches!(fields.first().map(String::as_str), Some("Z") | Some("X")) {
        return None;
    }
    fields.get(19).cloned()
}

/// This machine's name, or `""` when it cannot be read.
pub(crate) fn host() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_runs_and_has_a_start_time_and_a_gone_one_does_not() {
        let me = std::process::id();
        assert!(runs(me));
        if Path::new("/proc/self").exists() {
            // Clock ticks since boot: this process started after the machine did.
            assert!(started(me).is_some_and(|t| t.parse::<u64>().is_ok_and(|t| t > 0)), "{:?}", started(me));
            assert!(!runs(u32::MAX), "no process has the largest pid");
            assert_eq!(started(u32::MAX), None);
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_process_that_has_exited_does_not_run_even_before_it_is_reaped() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        // Not waited for yet: it stays a zombie, which still has a /proc entry.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while runs(pid) {
            assert!(std::time::Instant::now() < deadline, "process {pid} still runs");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(Path::new(&format!("/proc/{pid}/stat")).exists(), "a zombie, not gone");
        assert_eq!(started(pid), None);
        child.wait().unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn the_machine_name_is_the_one_uname_gives() {
        let Ok(out) = std::process::Command::new("uname").arg("-n").output() else { return };
        assert_eq!(host(), String::from_utf8_lossy(&out.stdout).trim());
    }
}
