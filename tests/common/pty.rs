//! The real binary in a pseudo-terminal, for end-to-end tests: start it, type keys, read the
//! screen through a vt100 model, wait for text, files or the exit. One harness for every test
//! that drives the TUI; each test chooses the terminal's size and the environment. It holds no
//! test's expectations and never sleeps for a fixed time to let the app "catch up": it waits
//! (10 s at most) for what the test names.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any wait lasts at most: a loaded CI machine is slow, not broken.
const WAIT: Duration = Duration::from_secs(10);

pub struct Tui {
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    pub child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    stop_reading: Arc<AtomicBool>,
}

impl Tui {
    /// Starts the binary with `args` in a pty of `pty` (rows, cols), read into a screen model of
    /// `screen` (rows, cols), with `home` as its user folder and working folder and
    /// TERM=xterm-256color; `env` then adjusts the command (more variables, or removed ones).
    pub fn spawn(
        home: &Path,
        args: &[&str],
        pty: (u16, u16),
        screen: (u16, u16),
        env: impl FnOnce(&mut CommandBuilder),
    ) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: pty.0, cols: pty.1, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(super::BIN);
        cmd.args(args);
        cmd.env("MLOPS_MATURITY_HOME", home);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(home);
        env(&mut cmd);
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(screen.0, screen.1, 0)));
        let feed = Arc::clone(&screen);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(Ordering::SeqCst) {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Tui { master: Some(pair.master), child, writer: Some(writer), screen, stop_reading }
    }

    /// Closes every handle on the pty master, as a terminal window or tmux session that is
    /// closed does. The reader thread lets go of its handle after the next output, which the
    /// key sent here causes.
    pub fn close_terminal(&mut self, key: &str) {
        self.stop_reading.store(true, Ordering::SeqCst);
        self.send(key);
        self.writer = None;
        self.master = None;
    }

    /// Waits until the file at `path` satisfies `ok` (10 s at most).
    pub fn wait_file(&self, path: &Path, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(text) = std::fs::read_to_string(path)
                && ok(&text)
            {
                return text;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "{} never reached the expected state; it holds:\n{:?}\nthe screen shows:\n{}",
            path.display(),
            std::fs::read_to_string(path),
            self.contents()
        );
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (10 s at most).
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}; it shows:\n{}", self.contents());
    }

    /// Waits until `done` says yes (10 s at most); `what` names it if it never happens.
    pub fn wait_until(&self, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if done() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{what} never happened; the screen shows:\n{}", self.contents());
    }

    /// Whether any cell on screen has a foreground colour other than the terminal's default.
    pub fn shows_colour(&self) -> bool {
        let parser = self.screen.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows)
            .any(|r| (0..cols).any(|c| screen.cell(r, c).is_some_and(|cell| cell.fgcolor() != vt100::Color::Default)))
    }

    pub fn in_alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill").args([name, &pid.to_string()]).status().unwrap();
        assert!(sent.success());
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        // The screen model first: what the app draws after the resize lands on the new size.
        self.screen.lock().unwrap().screen_mut().set_size(rows, cols);
        self.master
            .as_ref()
            .expect("the terminal is open")
            .resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .unwrap();
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the app did not exit; the screen shows:\n{}", self.contents());
    }
}
