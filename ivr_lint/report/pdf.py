"""The report as PDF: headless Chromium prints the HTML page with its print style.

The browser is a system program (Debian's `chromium`), not a Python dependency: it is looked
for on PATH when asked and `NoBrowser` says what was looked for and how to install one. The
PDF is written whole or not at all: Chromium prints into a private folder, the bytes are
checked, then moved into place with a rename.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

#: executables tried in order (Debian and Ubuntu, Fedora, Google's builds, chrome-headless-shell)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome",
            "chrome-headless-shell")

#: seconds a print may take before the browser is stopped
TIMEOUT = 120.0


class NoBrowser(RuntimeError):
    """No browser could print the page: none was found on PATH (this class), or the one found
    failed (PrintFailed). The message says why; the command turns it into exit code 2."""

    @classmethod
    def missing(cls) -> NoBrowser:
        return cls("--pdf needs a headless Chromium, and none was found on PATH (looked for "
                   + ", ".join(BROWSERS) + "). Install one, e.g. `apt-get install chromium` on Debian or "
                   "Ubuntu, or print the HTML report from a browser (its print style gives the same document)")


class PrintFailed(NoBrowser):
    """The browser was found but did not print (crash, timeout, unreadable page or target)."""


def find_browser() -> str | None:
    """The first Chromium-family executable on PATH, or None (the command checks before it
    writes anything, so that a missing browser leaves no page behind either)."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdf(html_path: Path, pdf_path: Path, timeout: float = TIMEOUT) -> None:
    """Print `html_path` to `pdf_path` (A4 by the page's @page rule, no header or footer).

    Raises NoBrowser when no browser is found, PrintFailed when it fails or takes longer than
    `timeout` seconds; in both cases any earlier file at `pdf_path` is left as it was."""
    browser = find_browser()
    if browser is None:
        raise NoBrowser.missing()
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    if not html_path.is_file():
        raise PrintFailed(f"cannot print {html_path}: no such file")
    with tempfile.TemporaryDirectory(prefix="ivr-lint-pdf-") as work:
        printed = os.path.join(work, "report.pdf")
        command = [
            browser, "--headless=new",
            # the page is our own file and makes no request; the sandbox cannot start as root
            # or in most containers, where Chromium would otherwise refuse to run
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing leaves the machine, whatever the page
            f"--user-data-dir={os.path.join(work, 'profile')}",  # no lock on the user's own profile
            "--run-all-compositor-stages-before-draw",
            "--no-pdf-header-footer", f"--print-to-pdf={printed}", html_path.as_uri(),
        ]
        output = _run(command, timeout)
        try:
            with open(printed, "rb") as handle:
                content = handle.read()
        except OSError:
            content = b""
        if not content.startswith(b"%PDF"):
            detail = output.strip().splitlines()[-1:] or ["no message"]
            raise PrintFailed(f"{os.path.basename(browser)} did not print {html_path.name}: {detail[0]}")
    _write_whole(pdf_path, content)


def _run(command: list[str], timeout: float) -> str:
    """Run the browser in its own process group, so that a timeout stops its helpers too."""
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    except OSError as error:
        raise PrintFailed(f"cannot start {command[0]}: {error.strerror or error}") from None
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise PrintFailed(f"{os.path.basename(command[0])} took longer than {timeout:g} s to print; stopped") from None
    except BaseException:
        _stop(process)
        raise
    return output.decode("utf-8", "replace")


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    process.wait()


def _write_whole(path: Path, content: bytes) -> None:
    """A temporary file beside `path` (same file system), then an atomic rename."""
    folder = path.resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".ivr-lint-pdf-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise PrintFailed(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as error:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise PrintFailed(f"cannot write {path}: {error.strerror or error}") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
