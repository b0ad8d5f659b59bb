"""`report --pdf`: the page printed to PDF by a headless Chromium (its print style applies).

A minimal version: the browser engineer's module may replace it with the same interface,
`write_pdf(html_path, pdf_path)` raising `NoBrowser` when no Chromium can be found.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120


class NoBrowser(Exception):
    """No headless Chromium to print with (or it failed); the message says what to do."""

    @classmethod
    def missing(cls) -> "NoBrowser":
        return cls("--pdf needs a headless Chromium (chromium, chromium-browser or google-chrome on PATH; "
                   "Debian/Ubuntu: apt-get install chromium); the HTML report prints to PDF from any browser")


def find_browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdf(html_path: Path, pdf_path: Path) -> None:
    """Print `html_path` to `pdf_path`, whole or not at all."""
    browser = find_browser()
    if browser is None:
        raise NoBrowser.missing()
    pdf_path = Path(pdf_path)
    folder = pdf_path.resolve().parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".ivr-lint-pdf-", suffix=".pdf", dir=folder)
    os.close(fd)
    profile = tempfile.mkdtemp(prefix="ivr-lint-chromium-")
    try:
        command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   f"--user-data-dir={profile}", f"--print-to-pdf={temporary}",
                   Path(html_path).resolve().as_uri()]
        try:
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise NoBrowser(f"{browser} could not print the report: {error}") from None
        if done.returncode != 0 or os.path.getsize(temporary) == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise NoBrowser(f"{browser} could not print the report: "
                            f"{detail[-1] if detail else f'exit status {done.returncode}'}")
        os.replace(temporary, pdf_path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
        shutil.rmtree(profile, ignore_errors=True)
