//! A live workshop in the real binary, in a pseudo-terminal: three participants vote blind, the
//! votes show after the third, Enter records the agreed answer, `d` finds a disagreement.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Tui {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Tui {
    fn start(home: &Path, args: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_mlops-maturity"));
        cmd.args(args);
        cmd.env("MLOPS_MATURITY_HOME", home);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Tui { child, writer, screen, _master: pair.master }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text` (10 s at most: a loaded machine is slow, not broken).
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the screen never showed {text:?}; it shows:\n{}", self.contents());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the app did not exit; the screen shows:\n{}", self.contents());
    }
}

fn load(path: &Path) -> mlops_maturity::session::Session {
    mlops_maturity::session::load(path).unwrap()
}

#[test]
fn three_vote_blind_then_agree_then_walk_to_a_disagreement() {
    use mlops_maturity::session::Answer;
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.yaml");
    let path = file.to_str().unwrap();
    let mut tui = Tui::start(
        home.path(),
        &["assess", "--participants", "Ana:engineering,Ben:data-science,Cy", "--session", path],
    );
    tui.wait_for("Votes 0 of 3 (hidden");
    tui.send("y");
    tui.wait_for("Votes 1 of 3 (hidden");
    tui.send("n");
    tui.wait_for("Votes 2 of 3 (hidden");
    let blind = tui.contents();
    assert!(!blind.contains("[Y]") && !blind.contains("[N]"), "votes show before everyone voted:\n{blind}");
    assert!(blind.contains("[✓] voted"), "{blind}");
    tui.send("y");
    tui.wait_for("Votes 3 of 3:");
    tui.wait_for("[N] No");
    let shown = tui.contents();
    assert!(shown.contains("[Y] Yes") && shown.contains("DISAGREEMENT"), "{shown}");

    let q = mlops_maturity::questionnaire::built_in("mlops-maturity").unwrap();
    let ids: Vec<String> = q.questions().map(|(_, qn)| qn.id.clone()).collect();
    // Saved after every vote, before any agreement.
    let s = load(&file);
    assert_eq!(s.participants.as_ref().map(Vec::len), Some(3));
    let votes: Vec<(String, Answer)> = s.answers[&ids[0]].votes.clone().into_iter().collect();
    assert_eq!(votes, vec![("Ana".into(), Answer::Yes), ("Ben".into(), Answer::No), ("Cy".into(), Answer::Yes)]);
    assert_eq!(s.answers[&ids[0]].answer, None);

    tui.send("\r");
    tui.wait_for(&format!("2/{} · Level", q.dimensions[0].questions.len()));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    let mut s = load(&file);
    assert_eq!(s.answers[&ids[0]].answer, Some(Answer::Yes), "Enter records the consensus");
    assert_eq!(s.answers[&ids[0]].votes.len(), 3);

    // Plant a disagreement in the second dimension; `d` goes straight to it.
    let planted = q.dimension_start(1) + 2;
    let entry = s.answers.entry(ids[planted].clone()).or_default();
    entry.votes.insert("Ana".into(), Answer::No);
    entry.votes.insert("Cy".into(), Answer::Yes);
    mlops_maturity::session::save(&file, &s).unwrap();
    let mut tui = Tui::start(home.path(), &["assess", "--session", path]);
    tui.wait_for(&format!("{}  2/{}", q.dimensions[0].name, q.dimensions[0].questions.len()));
    tui.send("d");
    let title = format!("{}  3/{}", q.dimensions[1].name, q.dimensions[1].questions.len());
    tui.wait_for(&title);
    tui.wait_for("Votes 2 of 3 (hidden");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
