"""Drive a command in a real terminal: a detached tmux session on its own socket.

    with Terminal() as term:                     # tmux -L nkru-bench-<pid>-<n>, 80x24
        t0 = term.launch([python, "app.py"])     # respawn the pane with the command
        t, screen = term.wait_for(lambda s: "floor" in s.text, timeout=10)
        term.send_keys("/")
        peak = term.peak_rss_kib()

The harness never touches a user's tmux: every terminal has its own server socket
(``-L nkru-bench-...``) and config (``-f /dev/null``), and is killed on close.

Timing: one tmux *control-mode* client stays attached, so a screen capture costs a pipe
round trip (~0.5 ms) instead of spawning a tmux process per poll. The control client also
receives ``%output`` notifications whenever the app writes to the terminal; ``wait_for``
captures the screen as soon as output arrives, and at least every ``poll`` seconds (5 ms by
default) otherwise, so a repaint is seen within a millisecond or two without busy polling
that would steal one of the machine's two cores from the app under test.
"""

from __future__ import annotations

import itertools
import os
import re
import select
import shlex
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

TMUX = shutil.which("tmux") or "/usr/bin/tmux"
_counter = itertools.count(1)
_END_RE = re.compile(r"^%(end|error) \d+ \d+ \d+$")


def _stat(pid: int) -> tuple[int, str] | None:
    """(parent pid, start time) of a process from /proc, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().decode("utf-8", "replace").rsplit(")", 1)[1].split()
        if fields[0] == "Z":
            return None
        return int(fields[1]), fields[19]
    except (OSError, IndexError, ValueError):
        return None


def _alive(pid: int, start: str) -> bool:
    st = _stat(pid)
    return st is not None and st[1] == start


class TerminalError(RuntimeError):
    pass


@dataclass
class Screen:
    lines: list[str]
    at: float  # perf_counter() when captured

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def nonblank_rows(self) -> int:
        return sum(1 for line in self.lines if line.strip())


def tmux_available() -> str | None:
    """None if tmux can be used, else the reason it cannot."""
    if not os.path.exists(TMUX):
        return "tmux not installed"
    try:
        subprocess.run([TMUX, "-V"], capture_output=True, check=True, timeout=5)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tmux does not run: {exc}"
    return None


class Terminal:
    def __init__(self, width: int = 80, height: int = 24, poll: float = 0.005,
                 env: dict[str, str] | None = None) -> None:
        self.width, self.height, self.poll = width, height, poll
        self.socket = f"nkru-bench-{os.getpid()}-{next(_counter)}"
        self.session = "bench"
        self._buf = b""
        self._dirty = False
        self.dead = False  # set when the pane's process has exited
        self._proc: subprocess.Popen | None = None
        self._known_pids: dict[int, str] = {}  # pid -> start time, to never kill a reused pid
        server_env = dict(os.environ if env is None else env)
        server_env.pop("TMUX", None)  # never nest into, or talk to, a user's tmux
        server_env.pop("TMUX_PANE", None)
        self._env = server_env
        base = [TMUX, "-L", self.socket, "-f", "/dev/null"]
        self._base = base
        subprocess.run(
            base + ["new-session", "-d", "-s", self.session, "-x", str(width), "-y",
                    str(height), "cat"],
            check=True, env=server_env, capture_output=True, timeout=10,
        )
        self._proc = subprocess.Popen(
            base + ["-C", "attach-session", "-t", self.session],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            bufsize=0, env=server_env,
        )
        self._fd = self._proc.stdout.fileno()  # type: ignore[union-attr]
        self.command("set-option -g window-size manual")
        self.command(f"resize-window -t {self.session} -x {width} -y {height}")
        self.command("set-option -g status off")
        self.command("set-option -g remain-on-exit on")

    # ------------------------------------------------------------------ control client

    def _readline(self, timeout: float | None) -> str | None:
        deadline = None if timeout is None else time.perf_counter() + timeout
        while b"\n" not in self._buf:
            wait = None if deadline is None else max(0.0, deadline - time.perf_counter())
            r, _, _ = select.select([self._fd], [], [], wait)
            if not r:
                return None
            chunk = os.read(self._fd, 65536)
            if not chunk:
                raise TerminalError("tmux control client exited")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return line.decode("utf-8", "replace").rstrip("\r")

    def _notification(self, line: str) -> None:
        if line.startswith("%output") or line.startswith("%extended-output"):
            self._dirty = True
        elif line.startswith("%exit"):
            raise TerminalError("tmux control client detached: " + line)

    def command(self, cmd: str, timeout: float = 10.0) -> list[str]:
        """Run one tmux command through the control client; its output lines."""
        assert self._proc and self._proc.stdin
        self._proc.stdin.write(cmd.encode() + b"\n")
        out: list[str] = []
        inblock = False
        deadline = time.perf_counter() + timeout
        while True:
            line = self._readline(max(0.0, deadline - time.perf_counter()))
            if line is None:
                raise TerminalError(f"tmux did not answer {cmd!r}")
            if not inblock:
                if line.startswith("%begin"):
                    inblock = True
                else:
                    self._notification(line)
                continue
            m = _END_RE.match(line)
            if m:
                if m.group(1) == "error":
                    raise TerminalError(f"tmux {cmd!r}: {' '.join(out)}")
                return out
            out.append(line)

    def _drain(self, timeout: float) -> None:
        """Consume notifications for up to ``timeout`` s, or until output arrives."""
        line = self._readline(timeout)
        while line is not None:
            self._notification(line)
            line = self._readline(0)

    # ------------------------------------------------------------------ API

    def launch(self, argv: list[str], env: dict[str, str] | None = None,
               cwd: str | Path | None = None) -> float:
        """Replace the pane's process with ``argv``; perf_counter() just before the start."""
        parts = []
        if cwd:
            parts.append(f"cd {shlex.quote(str(cwd))} &&")
        parts.append("exec")
        if env:
            parts.append("env " + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()))
        parts.append(shlex.join(argv))
        shell = " ".join(parts)
        self._drain(0)
        t0 = time.perf_counter()
        self.command(f"respawn-pane -k -t {self.session} {shlex.quote(shell)}")
        return t0

    def capture(self) -> Screen:
        lines = self.command(f"capture-pane -p -t {self.session}")
        return Screen(lines, time.perf_counter())

    def wait_for(self, pred: Callable[[Screen], bool], timeout: float = 10.0
                 ) -> Screen | None:
        """Capture until ``pred(screen)``; the first matching screen or None at timeout."""
        deadline = time.perf_counter() + timeout
        next_check = time.perf_counter() + 0.25
        while True:
            s = self.capture()
            if pred(s):
                return s
            if s.at >= deadline:
                return None
            if s.at >= next_check:  # the app exited: say so now, not at the timeout
                next_check = s.at + 0.25
                if self.pane_pid() is None:
                    self.dead = True
                    return None
            self._dirty = False
            self._drain(min(self.poll, max(0.0, deadline - time.perf_counter())))

    def send_keys(self, keys: str, literal: bool = True) -> float:
        """Type ``keys`` (literally, or as tmux key names); perf_counter() before sending."""
        flag = "-l " if literal else ""
        t = time.perf_counter()
        self.command(f"send-keys -t {self.session} {flag}{shlex.quote(keys)}")
        return t

    def pane_pid(self) -> int | None:
        out = self.command(f"list-panes -t {self.session} -F '#{{pane_pid}} #{{pane_dead}}'")
        if not out:
            return None
        pid, dead = out[0].split()
        return None if dead == "1" else int(pid)

    def pids(self) -> list[int]:
        """The pane's process and all its descendants."""
        root = self.pane_pid()
        if root is None:
            return []
        children: dict[int, list[int]] = {}
        for d in os.listdir("/proc"):
            if not d.isdigit():
                continue
            st = _stat(int(d))
            if st:
                children.setdefault(st[0], []).append(int(d))
        out, todo = [], [root]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, ()))
        for p in out:
            st = _stat(p)
            if st:
                self._known_pids[p] = st[1]
        return out

    def peak_rss_kib(self) -> int | None:
        """The largest VmHWM (peak resident set) among the pane's processes, in KiB."""
        best = None
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/status") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            kib = int(line.split()[1])
                            best = kib if best is None else max(best, kib)
            except OSError:
                continue
        return best

    def alive(self) -> bool:
        return self.pane_pid() is not None

    def close(self) -> None:
        try:
            if self._proc and self._proc.poll() is None:
                try:
                    self.pids()
                except TerminalError:
                    pass
        except Exception:
            pass
        subprocess.run(self._base + ["kill-server"], capture_output=True, env=self._env,
                       timeout=10)
        if self._proc:
            try:
                self._proc.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
        # The app may ignore SIGHUP for a moment: end the processes we started, by id.
        deadline = time.time() + 3
        for pid, start in sorted(self._known_pids.items()):
            while _alive(pid, start) and time.time() < deadline:
                time.sleep(0.02)
            if _alive(pid, start):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
