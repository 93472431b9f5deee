"""The browser layer: the pack in JupyterLab and its handouts, driven in a real Chromium.

Needs Debian's `chromium` (any Chromium found on PATH, or LESSONKIT_CHROMIUM=/path),
Playwright from PyPI (tests/browser/requirements.txt: it drives the system browser; its own
browser download is never used) and axe-core from npm (tests/browser/package.json). When one
of them is missing, `pytest` leaves these tests out and says so in one line; with
LESSONKIT_BROWSER_TESTS=required (set by .ci/run) a missing piece fails the run instead.

Each session starts one JupyterLab on 127.0.0.1 (free port, random token) from the pack folder,
with its config, data, runtime, settings and workspace folders and IPYTHONDIR in a temporary
folder, so nothing is written into the pack or the home folder; lab news, update checks and
the extension manager's PyPI lookups are off. The browser reaches only that server (and the
handouts' file:// pages): every other request is aborted and counted.
"""

from __future__ import annotations

import importlib.util
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from kit import (
    AXE,
    CHROMIUM_ARGS,
    HOW_TO_ENABLE,
    PACK,
    REQUIRED,
    chromium_path,
    guarded_context,
    pack_files,
)


def _missing() -> list[str]:
    missing = []
    if importlib.util.find_spec("playwright") is None:
        missing.append("Playwright")
    if chromium_path() is None:
        missing.append("Chromium")
    return missing


MISSING = _missing()
if MISSING and not REQUIRED:
    collect_ignore_glob = ["test_*.py"]


def pytest_terminal_summary(terminalreporter):
    if MISSING and not REQUIRED:
        terminalreporter.write_line(
            f"Browser tests (tests/browser/) not run: {', '.join(MISSING)} missing. "
            f"To run them: {HOW_TO_ENABLE}")
    if not AXE.is_file() and not REQUIRED and not MISSING:
        terminalreporter.write_line("axe-core checks of the handouts not run: axe-core "
                                    "missing. To run them: npm ci --prefix tests/browser")
    for line in RESULTS.summary():
        terminalreporter.write_line(line)


class Results:
    """Figures measured in the browser, printed at the end of the run and saved as JSON."""

    def __init__(self):
        self.figures: dict[str, object] = {}
        self.path: Path | None = None

    def record(self, name: str, value) -> None:
        self.figures[name] = value
        if self.path:
            self.path.write_text(json.dumps(self.figures, indent=1) + "\n", encoding="utf-8")

    def summary(self) -> list[str]:
        lines = [f"browser: {k}: {v}" for k, v in self.figures.items()]
        if self.path and self.figures:
            lines.append(f"browser: all figures in {self.path}")
        return lines


RESULTS = Results()


@pytest.fixture(scope="session")
def results(tmp_path_factory):
    RESULTS.path = tmp_path_factory.getbasetemp() / "browser-results.json"
    return RESULTS


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Overrides the unit tests' network block: these tests talk to their own server on the
    loopback, and nothing else."""
    real_connect = socket.socket.connect

    def loopback_only(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and \
                address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise RuntimeError(f"this test tried to reach {address[0]} (the pack is offline)")
        return real_connect(sock, address)
    monkeypatch.setattr(socket.socket, "connect", loopback_only)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium for a test module, closed however its tests end. Its profile and
    crash-report folders are temporary (XDG_CONFIG_HOME, XDG_CACHE_HOME), not in the home."""
    if MISSING:
        pytest.fail(f"Browser tests are required here (LESSONKIT_BROWSER_TESTS=required) but "
                    f"{', '.join(MISSING)} missing. Install them: {HOW_TO_ENABLE}")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        home = tmp_path_factory.mktemp("chromium")
        chromium = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS,
            env=dict(os.environ, XDG_CONFIG_HOME=str(home / "config"),
                     XDG_CACHE_HOME=str(home / "cache")))
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_settings(folder: Path) -> None:
    """User settings for the test session: no news toast, no update check, no PyPI lookups,
    and no autosave (on a loaded machine a test can outlast the 2-minute autosave, which
    would write the run notebook back into the pack)."""
    settings = {
        "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        "extensionmanager-extension/plugin": {"enabled": False},
        "docmanager-extension/plugin": {"autosave": False},
    }
    for name, values in settings.items():
        target = folder / "@jupyterlab" / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


class LabServer:
    def __init__(self, url: str, token: str, log: Path, pack_before: dict[str, int]):
        self.url, self.token, self.log = url, token, log
        self.pack_before = pack_before

    def api(self, path: str, method: str = "GET"):
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        for session in self.api("/api/sessions"):
            self.api(f"/api/sessions/{session['id']}", method="DELETE")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab serving the pack folder on 127.0.0.1, stopped (kernels too) at the end."""
    if MISSING:
        pytest.fail(f"Browser tests are required here but {', '.join(MISSING)} missing. "
                    f"Install them: {HOW_TO_ENABLE}")
    home = tmp_path_factory.mktemp("jupyterlab")
    dirs = {name: home / name for name in
            ("config", "data", "runtime", "ipython", "settings", "workspaces")}
    for folder in dirs.values():
        folder.mkdir()
    (dirs["config"] / "jupyter_lab_config.json").write_text(json.dumps({
      # JupyterLab makes a checkpoint of each notebook it opens: keep them out of the pack.
      "FileCheckpoints": {"checkpoint_dir": str(home / "checkpoints")},
      "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
        "extension_manager": "readonly",
        "expose_app_in_browser": True,         # lets the tests read the notebook model
        "user_settings_dir": str(dirs["settings"]),
        "workspaces_dir": str(dirs["workspaces"]),
      }}), encoding="utf-8")
    _lab_settings(dirs["settings"])
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(dirs["config"]),
               JUPYTER_DATA_DIR=str(dirs["data"]), JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
               IPYTHONDIR=str(dirs["ipython"]))
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyterlab", "--no-browser",
               "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={PACK}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = home / "server.log"
    pack_before = pack_files()
    with open(log, "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(command, env=env, cwd=home, stdout=log_file,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = LabServer(f"http://127.0.0.1:{port}", token, log, pack_before)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab stopped while starting:\n{server.log_tail()}")
            try:
                server.api("/api/status")
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start within 90 s:\n{server.log_tail()}")
                time.sleep(0.2)
        yield server
    finally:
        _stop(process)


def _stop(process: subprocess.Popen) -> None:
    """Stop the server (it shuts down its kernels), then anything left in its process group."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def lab_context(browser, lab_server):
    """A browser context at projector size that can reach only the JupyterLab server."""
    yield from guarded_context(browser, (lab_server.url + "/", "data:", "blob:"))
