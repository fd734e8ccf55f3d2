"""The demo's HTML report in headless Chromium: a real click on a status filter.

Chromium is driven over the DevTools protocol through a pipe (--remote-debugging-pipe:
fd 3 in, fd 4 out, NUL-separated JSON), so the test needs nothing beyond Debian's
chromium. The set-up installs chromium and a CJK font with apt-get where missing; the
test is skipped, saying why, only when that cannot be done.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from xxgk.cli import main
from xxgk.report import json as report_json

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "reports" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
]


def _has_cjk_font() -> bool:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def _apt_install(packages: list[str]) -> str | None:
    """Install Debian packages; the reason it could not, or None."""
    apt = shutil.which("apt-get")
    if apt is None:
        return "apt-get is not available on this machine"
    if os.geteuid() != 0:
        return "apt-get needs root and the tests do not run as root"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", *packages]):
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            return f"{' '.join(command)} failed: {done.stderr.strip()[-300:]}"
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium and a CJK font, installed where missing."""
    wanted = []
    if shutil.which("chromium") is None:
        wanted.append("chromium")
    if not _has_cjk_font():
        wanted.append("fonts-noto-cjk")
    if wanted:
        reason = _apt_install(wanted)
        if reason is not None and shutil.which("chromium") is None:
            pytest.skip(f"headless Chromium could not be installed: {reason}")
    binary = shutil.which("chromium")
    if binary is None:
        pytest.skip("headless Chromium could not be installed: no chromium after apt-get")
    return binary


class Browser:
    """A minimal DevTools-protocol client over Chromium's debugging pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4; bash puts them there.
        self.process = subprocess.Popen(
            [
                "/bin/bash",
                "-c",
                f'exec "$@" 3<&{to_browser_r} 4>&{from_browser_w}',
                "chromium",
                binary,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            pass_fds=(to_browser_r, from_browser_w),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    def send(
        self, method: str, session: str | None = None, timeout: float = 30, **params: Any
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read(timeout)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            for n, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(n)
            self.events.append(self._read(max(0.1, deadline - time.monotonic())))
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {method} within {timeout} s")

    def _read(self, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._from_browser], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise OSError("Chromium closed the debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message


class Tab:
    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", url="about:blank")
        attached = browser.send("Target.attachToTarget", targetId=target["targetId"], flatten=True)
        self.session: str = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, session=self.session, **params)

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.browser.wait_for("Page.loadEventFired")

    def eval(self, expression: str) -> Any:
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(reply["exceptionDetails"])
        return reply["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click at the middle of the element, as a person would make it."""
        box = self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2}; })()"
        )
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                type=kind,
                x=box["x"],
                y=box["y"],
                button="left",
                clickCount=1,
            )

    def problems(self) -> list[str]:
        """Script errors and console errors (a CSP violation is one) seen so far."""
        found = []
        for event in self.browser.events:
            params = event.get("params", {})
            if event.get("method") == "Runtime.exceptionThrown":
                found.append(str(params["exceptionDetails"]))
            if event.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"])
        return found

    def screenshot(self, path: Path) -> None:
        height = self.eval("document.documentElement.scrollHeight")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=1280,
            height=min(int(height), 4000),
            deviceScaleFactor=1,
            mobile=False,
        )
        shot = self.send("Page.captureScreenshot", format="png")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))


@pytest.fixture
def browser(chromium: str, tmp_path: Path) -> Iterator[Browser]:
    instance = Browser(chromium, tmp_path / "profile")
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    code = main(["demo", "--out", str(out), "--quiet", "--no-cache", "--no-history"])
    assert code == 0
    return out


def test_status_filter_click_in_chromium(browser: Browser, demo_report: Path) -> None:
    report = report_json.parse((demo_report / "report.json").read_bytes())
    missing = sorted(i.id for i in report.items if i.status.value == "missing")
    assert missing, "the sample site is expected to have missing items"
    tab = Tab(browser)
    tab.send("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1,
             mobile=False)  # fmt: skip
    tab.open((demo_report / "report.html").as_uri())

    visible = "[...document.querySelectorAll('tbody.item')].filter(e => !e.hidden).map(e => +e.id.slice(5))"
    assert tab.eval(visible) == sorted(i.id for i in report.items)
    assert tab.eval("document.getElementById('shown').textContent") == "50"
    tab.screenshot(SCREENSHOTS / "demo-report.png")
    assert (SCREENSHOTS / "demo-report.png").stat().st_size > 10_000

    tab.click('button[data-status="missing"]')
    assert tab.eval(visible) == missing
    assert tab.eval("document.getElementById('shown').textContent") == str(len(missing))
    assert tab.eval("location.hash") == "#status=missing"
    assert tab.eval(
        "document.querySelector('button[data-status=\"missing\"]').getAttribute('aria-pressed')"
    ) == "true"  # fmt: skip
    shown_labels = tab.eval(
        "[...document.querySelectorAll('tbody.item:not([hidden]) .badge')].map(e => e.textContent)"
    )
    assert set(shown_labels) == {"缺失"}

    # the category and department filters combine with it; "all" brings every row back
    department = next(i.department for i in report.items if i.id == missing[0]) or "未指定部门"
    tab.eval(
        "(() => { const s = document.getElementById('f-department');"
        f" s.value = {json.dumps(department)}; s.dispatchEvent(new Event('change')); }})()"
    )
    expected = [i.id for i in report.items if i.id in missing and
                (i.department or "未指定部门") == department]  # fmt: skip
    assert tab.eval(visible) == expected
    tab.click('button[data-status=""]')
    tab.eval(
        "(() => { const s = document.getElementById('f-department');"
        " s.value = ''; s.dispatchEvent(new Event('change')); })()"
    )
    assert len(tab.eval(visible)) == 50

    # the filter read back from the address, as when the link is shared
    shared = Tab(browser)
    shared.open((demo_report / "report.html").as_uri() + "#status=gap")
    gaps = sorted(i.id for i in report.items if i.status.value not in ("pass", "not_applicable"))
    assert shared.eval(visible) == gaps

    # details open on click and show the elements and evidence
    first = gaps[0]
    shared.click(f"#item-{first} details summary")
    assert shared.eval(f"document.querySelector('#item-{first} details').open") is True
    assert "要素" in shared.eval(f"document.querySelector('#item-{first} .detail-body').innerText")

    assert tab.problems() == []  # the script ran under the page's CSP without an error
    shared.screenshot(SCREENSHOTS / "demo-report-gaps.png")
