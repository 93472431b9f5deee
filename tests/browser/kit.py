"""What the browser tests share: what they need and where it is, the offline guard, and
NotebookPage, which drives one notebook in JupyterLab the way a teacher does (open it, use
the menus, type into cells, read what is on screen). The notebook model is read through
`window.jupyterapp` (the test server sets LabApp.expose_app_in_browser) only to know when a
run has finished and to compare what the browser holds with the stored file."""

from __future__ import annotations

import os
import shutil
import time
import urllib.parse
from pathlib import Path

PACK = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = os.environ.get("LESSONKIT_BROWSER_TESTS", "").lower() == "required"
VIEWPORT = {"width": 1280, "height": 720}          # a classroom projector
CHROMIUM_ARGS = [
    "--no-sandbox",                 # needed as root (containers, CI); harmless otherwise
    "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
    # Belt and braces: no host name but the loopback resolves at all.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
HOW_TO_ENABLE = ("apt-get install chromium fonts-dejavu; "
                 ".venv/bin/pip install -r tests/browser/requirements.txt; "
                 "npm ci --prefix tests/browser")


def chromium_path() -> str | None:
    named = os.environ.get("LESSONKIT_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pack_files() -> dict[str, int]:
    """Every file of the pack (not the environments or caches), with its modification time."""
    skip = {".git", ".venv", "venv", "node_modules", "__pycache__", ".ruff_cache"}
    return {str(p.relative_to(PACK)): p.stat().st_mtime_ns for p in PACK.rglob("*")
            if p.is_file() and not skip & set(p.relative_to(PACK).parts)}


class Offline:
    """Aborts and counts every request from a browser context that is not allowed."""

    def __init__(self, allowed: tuple[str, ...]):
        self.allowed = allowed
        self.blocked: list[str] = []

    def __call__(self, route):
        url = route.request.url
        if url.startswith(self.allowed):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def guarded_context(browser, allowed: tuple[str, ...]):
    """A browser context at projector size whose requests outside `allowed` are aborted
    and counted (in `context.offline_guard.blocked`); yields it, then closes it."""
    guard = Offline(allowed=allowed)
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", guard)
    context.offline_guard = guard
    try:
        yield context
    finally:
        context.close()


# JavaScript helpers put on the page: find a notebook panel by its path, and read its cells.
HELPERS = """
window.packTest = {
  panel(path) {
    for (const w of jupyterapp.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.content.model) return w;
    }
    return null;
  },
  status(path) {
    const p = this.panel(path);
    return p ? p.sessionContext.kernelDisplayStatus : 'no panel';
  },
  codeCells(path) {
    return [...this.panel(path).content.model.cells].filter(c => c.type === 'code');
  },
  queued(path) {
    return this.codeCells(path).some(c => c.executionCount === null);
  },
  finished(path) {
    const status = this.status(path);
    if (status === 'dead') throw new Error('the kernel died');
    return status === 'idle' && !this.queued(path);
  },
  cellNode(path, i) { return this.panel(path).content.widgets[i].node; },
  images(path, i) {
    const node = this.cellNode(path, i);
    node.scrollIntoView({block: 'start'});
    return [...node.querySelectorAll('.jp-OutputArea img')].map(img => ({
      loaded: img.complete && img.naturalWidth > 0, naturalWidth: img.naturalWidth,
      shownWidth: img.getBoundingClientRect().width}));
  },
  isDirty(path) {
    const p = this.panel(path);
    const tab = document.querySelector(`.lm-TabBar-tab[data-id="${p.id}"]`);
    return {model: p.context.model.dirty, tab: !!tab && tab.classList.contains('jp-mod-dirty')};
  },
};
"""


class NotebookPage:
    """One notebook open in its own browser tab of JupyterLab."""

    def __init__(self, context, server, relpath: str):
        self.server, self.path = server, relpath
        self.page = context.new_page()
        self.console_errors: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and
                     self.console_errors.append(m.text))
        self.page.add_init_script(HELPERS)
        query = urllib.parse.urlencode({"reset": "", "token": server.token})
        self.page.goto(f"{server.url}/lab/tree/{relpath}?{query}")
        self.page.wait_for_function("p => window.jupyterapp && packTest.panel(p)", arg=relpath,
                                    timeout=60_000)
        self.wait_idle()

    def js(self, expression: str, *args):
        return self.page.evaluate(expression, list(args))

    def wait_idle(self, timeout_s: float = 60) -> None:
        self.page.wait_for_function("p => packTest.status(p) === 'idle'", arg=self.path,
                                    timeout=timeout_s * 1000)

    def dirty(self) -> dict:
        return self.js("([p]) => packTest.isDirty(p)", self.path)

    def menu(self, menu: str, item: str) -> None:
        """Click a menu of the menu bar, then one of its items."""
        self.page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=menu).click()
        self.page.locator(".lm-Menu-item:visible", has_text=item).first.click()

    def restart_and_run_all(self, timeout_s: float = 120) -> float:
        """Kernel → Restart Kernel and Run All Cells…, confirm; seconds until all ran."""
        self.menu("Kernel", "Restart Kernel and Run All Cells")
        self.page.locator(".jp-Dialog .jp-mod-accept").click()
        start = time.perf_counter()
        self.page.wait_for_function("p => packTest.queued(p)", arg=self.path,
                                    timeout=timeout_s * 1000)
        self.page.wait_for_function("p => packTest.finished(p)", arg=self.path,
                                    timeout=timeout_s * 1000, polling=100)
        return time.perf_counter() - start

    def model(self) -> dict:
        return self.js("([p]) => packTest.panel(p).content.model.toJSON()", self.path)

    def images(self, cell_index: int, timeout_s: float = 20) -> list[dict]:
        """The images rendered in a cell's outputs, once scrolled into view and loaded."""
        deadline = time.monotonic() + timeout_s
        while True:
            found = self.js("([p, i]) => packTest.images(p, i)", self.path, cell_index)
            if all(img["loaded"] for img in found) or time.monotonic() > deadline:
                return found
            self.page.wait_for_timeout(100)

    def cell(self, cell_index: int):
        """The cell at this index of the notebook, as a Playwright element, on screen."""
        cell = self.page.evaluate_handle("([p, i]) => packTest.cellNode(p, i)",
                                         [self.path, cell_index]).as_element()
        cell.scroll_into_view_if_needed()
        return cell

    def close(self) -> None:
        self.page.close()
