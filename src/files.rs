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

/// Reads a text file of at most [`MAX_INPUT_BYTES`], rejecting binary data and dropping a UTF-8 BOM.
pub fn read_text(path: &Path) -> Result<String> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| anyhow!("{shown}: cannot read the file: {}", io_reason(&e)))?;
    if meta.is_dir() {
        bail!("{shown}: is a folder, not a file");
    }
    if meta.len() > MAX_INPUT_BYTES {
        bail!(
            "{shown}: the file is {} MiB, over the {} MiB limit; is it the right file?",
            meta.len() / (1024 * 1024),
            MAX_INPUT_BYTES / (1024 * 1024)
        );
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| anyhow!("{shown}: cannot read the file: {}", io_reason(&e)))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        bail!("{shown}: the file is over the {} MiB limit", MAX_INPUT_BYTES / (1024 * 1024));
    }
    decode_text(&bytes).map_err(|why| anyhow!("{shown}: {why}"))
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

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// The folder a file is in; `.` for a bare file name.
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed, renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let shown = path.display();
    if path.is_dir() {
        bail!("{shown}: is a folder; give a file name to write to");
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        bail!("{shown}: cannot write the file: the folder {} does not exist", dir.display());
    }
    let name = path.file_name().ok_or_else(|| anyhow!("{shown}: not a file name"))?.to_string_lossy().into_owned();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = fs::OpenOptions::new().write(true).create(true).truncate(true).open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)?;
        // Make the rename itself durable; not every platform can open a folder, so ignore that.
        if let Ok(d) = fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(anyhow!("{shown}: cannot write the file: {}", io_reason(&e)));
    }
    Ok(())
}

/// Writes a session: the previous version is kept beside it as `FILE.bak`, then the new one lands atomically.
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_file() {
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        let bak = PathBuf::from(bak);
        if let Ok(old) = fs::read(path)
            && old != bytes
        {
            write_atomic(&bak, &old)?;
        }
    }
    write_atomic(path, bytes)
}

/// The folder that holds the user's questionnaires, templates and sessions.
///
/// `MLOPS_MATURITY_HOME` replaces the platform's config folder (tests and portable installs use it).
pub fn home_dir() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("MLOPS_MATURITY_HOME").filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "mlops-maturity")
        .map(|d| d.config_dir().to_path_buf())
        .context("cannot find a configuration folder for this user; set MLOPS_MATURITY_HOME to a folder to use")
}

/// Files with the given extensions directly inside `dir`, sorted by name; a missing folder is empty.
pub fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)))
        .collect();
    out.sort();
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`; `SOURCE_DATE_EPOCH` pins it for reproducible reports.
pub fn today() -> String {
    let secs =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        });
    date_from_unix(secs)
}

/// Civil date of a Unix time (Howard Hinnant's days-from-civil inverse).
pub fn date_from_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(date_from_unix(0), "1970-01-01");
        assert_eq!(date_from_unix(951_782_400), "2000-02-29");
        assert_eq!(date_from_unix(1_795_651_200), "2026-11-26");
    }

    #[test]
    fn bom_is_dropped_and_nul_rejected() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
        assert!(decode_text(b"a\n\0").unwrap_err().contains("line 2"));
        assert!(decode_text(b"\xff\xfe").unwrap_err().contains("UTF-8"));
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
