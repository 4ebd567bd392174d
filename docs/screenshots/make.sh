#!/usr/bin/env bash
# Remakes the README's screenshots from the sample session, after a change to the report or the TUI.
# Needs (Debian): chromium tmux aha pngquant. Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --quiet
bin="$PWD/target/debug/mlops-maturity"
out="$PWD/docs/screenshots"
work="$(mktemp -d)"
trap 'tmux -L mlops-shot kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
shoot() { # shoot HTML PNG WIDTH HEIGHT
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --hide-scrollbars --screenshot="$2" --window-size="$3,$4" "file://$1" 2>/dev/null
}

# colours: turns a tmux capture with colours (FILE.ansi) into FILE.html that shows as the terminal did.
colours() {
    aha --black --title mlops-maturity < "$1.ansi" > "$1.html"
    python3 - "$1.html" <<'EOF'
import re, sys
p = sys.argv[1]
raw = open(p, "rb").read()
# aha writes a reversed default colour as `#` and stray bytes: reversed text takes the background.
raw = re.sub(rb"color:#(?![0-9a-fA-F]{6};)[^;]*;", b"color:#0d1117;", raw)
s = raw.decode("utf-8")
s = s.replace("<pre>", "<pre style=\"font-family: 'DejaVu Sans Mono', monospace; font-size: 15px; line-height: 1.2; margin: 0; padding: 14px;\">", 1)
s = re.sub(r"<body[^>]*>", '<body style="color:#d8dee4; background-color:#0d1117; margin:0">', s, count=1)
# With --black, aha draws colour 0 (black) as dim grey; on a coloured background it is black.
s = re.sub(r"color:dimgray;(background-color:)", r"color:#0d1117;\1", s)
open(p, "w", encoding="utf-8").write(s)
EOF
}

# The HTML report: its first screen and a half (summary and profile).
SOURCE_DATE_EPOCH=1795651200 "$bin" report tests/fixtures/fraud-ml.yaml --format html -o "$work/report.html"
shoot "$work/report.html" "$work/report.png" 960 1640
pngquant --quality 60-85 --speed 1 --force --output "$out/html-report.png" "$work/report.png"

# The TUI: a question of the sample session in a 104x30 terminal, captured with its colours.
cp tests/fixtures/fraud-ml.yaml "$work/fraud-ml.yaml"
mkdir -p "$work/home"
tmux -L mlops-shot new-session -d -s shot -x 104 -y 30 -c "$work" \
    "env MLOPS_MATURITY_HOME=$work/home TERM=xterm-256color $bin assess --session fraud-ml.yaml"
sleep 1.5
for _ in 1 2 3 4 5 6; do tmux -L mlops-shot send-keys -t shot BTab; sleep 0.2; done
sleep 0.5
tmux -L mlops-shot capture-pane -t shot -e -p > "$work/tui.ansi"
tmux -L mlops-shot send-keys -t shot q
colours "$work/tui"
shoot "$work/tui.html" "$work/tui.png" 1000 585
pngquant --quality 60-85 --speed 1 --force --output "$out/tui-question.png" "$work/tui.png"
# The facilitator's screen: a workshop of five, three votes in, at 104x30.
cat > "$work/workshop.yaml" <<'YAML'
format: 1
questionnaire: mlops-maturity
team: Fraud ML
participants:
  - { name: Ana, role: engineering }
  - { name: Ben, role: data-science }
  - { name: Cy, role: management }
  - { name: Dee }
  - { name: Eve }
answers:
  data-pipeline-code: { votes: { Ana: yes, Ben: yes, Cy: partial, Dee: yes, Eve: yes }, answer: yes }
  data-versioned: { votes: { Ana: yes, Ben: no, Cy: partial } }
YAML
tmux -L mlops-shot new-session -d -s shot2 -x 104 -y 30 -c "$work" \
    "env MLOPS_MATURITY_HOME=$work/home TERM=xterm-256color $bin assess --session workshop.yaml"
sleep 1.5
tmux -L mlops-shot capture-pane -t shot2 -e -p > "$work/facilitator.ansi"
tmux -L mlops-shot send-keys -t shot2 q
colours "$work/facilitator"
shoot "$work/facilitator.html" "$work/facilitator.png" 1000 585
pngquant --quality 60-85 --speed 1 --force --output "$out/tui-facilitator.png" "$work/facilitator.png"
ls -l "$out"/*.png
