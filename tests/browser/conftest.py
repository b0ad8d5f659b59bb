"""One headless Chromium for the whole session, driven by selenium, with its console and
network logs, so that a test can load a report and say what the browser did.

The browser tests skip, saying why, only when no Chromium (and driver) can be found;
scripts/setup.sh installs Debian's `chromium` and `chromium-driver` when they are missing.
"""

from __future__ import annotations

import io
import json
import shutil
import struct
from pathlib import Path

import pytest

#: the window every page is seen in: a laptop screen
WINDOW = (1280, 900)

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DRIVERS = ("chromedriver",)


def _which(names) -> str | None:
    for name in names:
        found = shutil.which(name) or (shutil.which(name, path="/usr/lib/chromium") if name == "chromedriver" else None)
        if found:
            return found
    return None


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]', or bash scripts/setup.sh)"
    if _which(BROWSERS) is None:
        return ("no Chromium on PATH (looked for " + ", ".join(BROWSERS) + "); "
                "bash scripts/setup.sh installs it, or apt-get install chromium chromium-driver")
    if _which(DRIVERS) is None:
        return "no chromedriver on PATH; bash scripts/setup.sh installs it, or apt-get install chromium-driver"
    return None


@pytest.fixture(scope="session")
def driver():
    """The session's headless Chromium (selenium 4), with console and network logging on."""
    reason = browser_missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _which(BROWSERS)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WINDOW[0]},{WINDOW[1]}", "--force-device-scale-factor=1",
                     "--disable-extensions", "--no-first-run", "--disable-background-networking",
                     "--lang=en-GB"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    # a given driver path keeps selenium from looking one up (or downloading one) itself
    browser = webdriver.Chrome(options=options, service=Service(executable_path=_which(DRIVERS)))
    browser.set_page_load_timeout(30)
    try:
        yield browser
    finally:
        browser.quit()


class Page:
    """A loaded report: its URL, and what the browser logged while loading it."""

    def __init__(self, driver, path: Path):
        self.driver, self.path, self.url = driver, path, path.resolve().as_uri()
        self.console: list[dict] = []
        self.requests: list[str] = []

    def load(self) -> Page:
        driver = self.driver
        driver.get_log("browser"), driver.get_log("performance")  # drop what earlier pages left
        driver.get(self.url)
        driver.execute_script("return document.readyState")
        self.console = driver.get_log("browser")
        self.requests = [message["params"]["request"]["url"]
                         for message in (json.loads(entry["message"])["message"]
                                         for entry in driver.get_log("performance"))
                         if message["method"] == "Network.requestWillBeSent"]
        return self

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)


@pytest.fixture
def open_page(driver):
    """open_page(path) -> Page: load a report file afresh (screen media, default scroll)."""

    def _open(path: Path) -> Page:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        return Page(driver, path).load()

    yield _open
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; fails on anything that is not a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
    return struct.unpack(">II", data[16:24])


def png_colours(data: bytes) -> int:
    """How many distinct colours the image has (Pillow, which matplotlib brings in): a blank or
    failed screenshot has one or two, a rendered report page hundreds."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        found = image.convert("RGB").getcolors(maxcolors=1 << 16)
    return len(found) if found is not None else 1 << 16
