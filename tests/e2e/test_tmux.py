"""The installed ``nkru-tui`` in a real terminal under tmux (80x24), on a private tmux socket.

Runs the console script next to ``sys.executable`` (else ``python -m nkru_tui``): waits for the
first paint, searches, opens and closes help, quits with ``q`` (exit code 0); and an SSH drop:
killing the tmux session (SIGHUP) or ``kill -HUP`` ends the process within 3 seconds.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.tmux,
    pytest.mark.skipif(shutil.which("tmux") is None,
                       reason="tmux is not installed: the end-to-end terminal tests need it "
                              "(CI installs it; apt-get install tmux)"),
]

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "mini.json"
TIMEOUT = 20.0


def nkru_command() -> list[str]:
    script = Path(sys.executable).with_name("nkru-tui")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "nkru_tui"]


class Tmux:
    def __init__(self, tmp_path: Path) -> None:
        self.socket = f"nkru-test-{uuid.uuid4().hex[:10]}"
        self.tmp = tmp_path
        self.session = "nkru"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=check, timeout=15)

    def start(self, argv: list[str], env: dict[str, str], width: int = 80, height: int = 24) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        exit_file = self.tmp / "exit_code"
        pid_file = self.tmp / "pid"
        inner = " ".join(shlex.quote(a) for a in argv)
        # the shell records the app's pid, then runs it in the foreground and records its code
        script = (f"echo $$ > {shlex.quote(str(pid_file))}; exec env {exports} {inner}"
                  if env.get("_EXEC") else
                  f"env {exports} {inner}; echo $? > {shlex.quote(str(exit_file))}; sleep 30")
        self.run("-f", "/dev/null", "new-session", "-d", "-s", self.session, "-x", str(width),
                 "-y", str(height), script)
        self.run("set-option", "-g", "status", "off", check=False)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session, check=False).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        args = ["send-keys", "-t", self.session]
        if literal:
            args.append("-l")
        self.run(*args, *keys)

    def wait_for(self, predicate, what: str, timeout: float = TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):
                return text
            time.sleep(0.05)  # polling the terminal, not a fixed wait
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{text}")

    def kill(self) -> None:
        self.run("kill-server", check=False)


@pytest.fixture
def tmux(tmp_path):
    t = Tmux(tmp_path)
    yield t
    t.kill()


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {
        "TERM": "xterm-256color",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "NKRU_USER_DB": str(tmp_path / "user.json"),
        "LANG": "C.UTF-8",
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def store_args() -> list[str]:
    # the default packaged store when it is there, else the fixture (deterministic either way:
    # the test only checks counts the status line reports against each other)
    from nkru_tui.paths import default_db_path

    try:
        from nkru_tui.core.engine import Engine

        Engine.load(default_db_path())
        return []
    except Exception:
        return ["--db", str(FIXTURE)]


def test_search_help_quit_in_a_real_terminal(tmux, tmp_path):
    args = store_args()
    t0 = time.monotonic()
    tmux.start(nkru_command() + args, base_env(tmp_path))
    screen = tmux.wait_for(lambda s: " events" in s and " of " in s, "the first paint")
    first_paint = time.monotonic() - t0
    total = int(next(line for line in screen.splitlines() if " events" in line)
                .split(" of ")[1].split()[0].replace(",", ""))
    assert total > 0
    # one burst, as a fast typist or a paste sends it: no character may be lost
    tmux.keys("/rason", literal=True)
    screen = tmux.wait_for(lambda s: "query: rason" in s, "the search to show in the status")
    status = next(line for line in screen.splitlines() if "query: rason" in line)
    shown = int(status.split(" of ")[0].split()[-1].replace(",", ""))
    assert 0 < shown < total
    if args:
        assert status.strip().startswith("2 of 5 events")
    # Enter and ? in one burst: the ? must open help, not join the query
    tmux.keys("Enter", "?")
    tmux.wait_for(lambda s: "nkru-tui — help" in s, "the help screen")
    tmux.keys("Escape")
    tmux.wait_for(lambda s: "nkru-tui — help" not in s and "query: rason" in s, "help to close")
    tmux.keys("q")
    exit_file = tmp_path / "exit_code"
    deadline = time.monotonic() + TIMEOUT
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert exit_file.exists(), "nkru-tui did not exit after q:\n" + tmux.screen()
    assert exit_file.read_text().strip() == "0"
    print(f"first paint with status line after {first_paint:.2f}s")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover
        return True
    # a zombie is gone for our purpose
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.split(") ", 1)[1][0] != "Z"
    except OSError:
        return False


def _start_exec(tmux, tmp_path) -> int:
    env = base_env(tmp_path)
    env["_EXEC"] = "1"
    tmux.start(nkru_command() + ["--db", str(FIXTURE)], env)
    tmux.wait_for(lambda s: "5 of 5 events" in s, "the first paint")
    return int((tmp_path / "pid").read_text().strip())


def _wait_gone(pid: int, limit: float) -> float:
    t0 = time.monotonic()
    while _pid_alive(pid) and time.monotonic() - t0 < limit + 2:
        time.sleep(0.02)
    return time.monotonic() - t0


def test_killing_the_tmux_session_ends_the_process(tmux, tmp_path):
    pid = _start_exec(tmux, tmp_path)
    assert _pid_alive(pid)
    tmux.run("kill-session", "-t", tmux.session)
    took = _wait_gone(pid, 3.0)
    assert not _pid_alive(pid), "nkru-tui still running after its terminal was killed"
    assert took < 3.0, f"took {took:.2f}s to exit after the terminal went away"


def test_sighup_ends_the_process(tmux, tmp_path):
    pid = _start_exec(tmux, tmp_path)
    os.kill(pid, 1)  # SIGHUP
    took = _wait_gone(pid, 3.0)
    assert not _pid_alive(pid), "nkru-tui still running after SIGHUP"
    assert took < 3.0, f"took {took:.2f}s to exit after SIGHUP"
