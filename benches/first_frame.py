#!/usr/bin/env python3
"""Time from starting `mlops-maturity assess` in a pseudo-terminal to its first question on screen.

Usage: cargo build --release && python3 benches/first_frame.py [runs]
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, tempfile, termios, time

binary = os.path.join(os.path.dirname(__file__), "..", "target", "release", "mlops-maturity")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
home = tempfile.mkdtemp()
times = []
for i in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["MLOPS_MATURITY_HOME"] = home
        os.execv(binary, [binary, "assess", "--session", os.path.join(home, f"s{i}.yaml")])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    while b"question 1 of" not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("the first question never appeared")
        seen += os.read(fd, 65536)
    times.append((time.perf_counter() - start) * 1000)
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
print(f"start to first frame: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms, {runs} runs")
