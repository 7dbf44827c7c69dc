"""Headless Chromium (Debian's ``chromium``) and the real TimelineJS (npm
``@knight-lab/timelinejs``) for tests/test_timelinejs.py.

``.ci/run`` installs both; on a developer's machine the fixture installs the npm package into
``.cache/timelinejs`` on first use. Where either cannot be had, the test is skipped with the
reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIMELINEJS_VERSION = "3.9.11"
CACHE = Path(os.environ.get("NKRU_TIMELINEJS_CACHE", ROOT / ".cache" / "timelinejs"))
PACKAGE = CACHE / "node_modules" / "@knight-lab" / "timelinejs"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-dev-shm-usage", "--allow-file-access-from-files",
]


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def timelinejs() -> tuple[Path | None, str]:
    """The package's folder, installing it with npm if needed; or None and why not."""
    if (PACKAGE / "dist" / "js" / "timeline.js").is_file():
        return PACKAGE, ""
    npm = shutil.which("npm")
    if npm is None:
        return None, "npm is not installed, so @knight-lab/timelinejs cannot be installed"
    CACHE.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        [npm, "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--silent",
         f"@knight-lab/timelinejs@{TIMELINEJS_VERSION}"],
        check=False, capture_output=True, text=True, timeout=600,
    )
    if r.returncode != 0 or not (PACKAGE / "dist" / "js" / "timeline.js").is_file():
        last = (r.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"npm could not install @knight-lab/timelinejs: {last}"
    return PACKAGE, ""


PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="{css}">
<script src="{js}"></script>
</head><body>
<div id="timeline-embed" style="width: 1000px; height: 640px"></div>
<pre id="nkru-result">pending</pre>
<script>
var problems = [];
window.addEventListener("error", function (e) {{ problems.push("page error: " + e.message); }});
var state = {{loaded: false, ready: false}};
var timeline = null;
function report() {{
  var slides = document.querySelectorAll("#timeline-embed .tl-slide");
  var heads = Array.prototype.map.call(
    document.querySelectorAll("#timeline-embed .tl-slide .tl-headline"),
    function (h) {{ return h.textContent; }});
  var dates = Array.prototype.map.call(
    document.querySelectorAll("#timeline-embed .tl-slide .tl-headline-date"),
    function (h) {{ return h.textContent; }});
  var msg = document.querySelector("#timeline-embed .tl-message-content");
  var cfg = timeline && timeline.config;
  document.getElementById("nkru-result").textContent = JSON.stringify({{
    loaded: state.loaded, ready: state.ready, problems: problems,
    config_errors: cfg && cfg.messages ? cfg.messages.errors.map(String) : ["no config"],
    config_warnings: cfg && cfg.messages ? cfg.messages.warnings.map(String) : [],
    events: cfg && cfg.events ? cfg.events.length : -1,
    slides: slides.length, headlines: heads, dates: dates,
    markers: document.querySelectorAll("#timeline-embed .tl-timemarker").length,
    groups: document.querySelectorAll("#timeline-embed .tl-timegroup").length,
    message: msg ? msg.textContent : ""
  }});
}}
try {{
  timeline = new TL.Timeline("timeline-embed", {data});
  timeline.on("ready", function () {{ state.ready = true; }});
  timeline.on("loaded", function () {{ state.loaded = true; report(); }});
}} catch (e) {{
  problems.push("TL.Timeline threw: " + e);
}}
setTimeout(report, 4000);
</script></body></html>
"""


def build_timeline(browser: str, package: Path, data_text: str) -> dict:
    """Load ``data_text`` (our export) into TimelineJS in headless Chromium; the page's report."""
    # inside <script>, "</" would end the element: JSON allows "<\\/" for the same text
    data = data_text.replace("</", "<\\/")
    with tempfile.TemporaryDirectory(prefix="nkru-tl-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(PAGE.format(
            css=(package / "dist" / "css" / "timeline.css").as_uri(),
            js=(package / "dist" / "js" / "timeline.js").as_uri(),
            data=data,
        ), encoding="utf-8")
        r = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
             "--virtual-time-budget=8000", "--window-size=1100,800", "--dump-dom", page.as_uri()],
            check=False, capture_output=True, text=True, timeout=180,
        )
    m = re.search(r'<pre id="nkru-result">(.*?)</pre>', r.stdout, re.DOTALL)
    if not m:
        tail = "\n".join(r.stderr.strip().splitlines()[-5:])
        raise AssertionError(f"chromium gave no report (exit {r.returncode}): {tail}")
    text = unescape(m.group(1))
    if text == "pending":
        raise AssertionError("TimelineJS never reported: the page did not finish")
    result: dict = json.loads(text)
    return result
