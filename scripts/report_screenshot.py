"""Make the README's screenshots of the report page: docs/report.png (the page as a reader
first sees it) and docs/report-diagram.png (the diagram with its scenario switch and
zoom), with headless Chromium; --print adds docs/report-print.png (the print style).

    .venv/bin/python scripts/report_screenshot.py                # flows/caf-gironde.yaml
    .venv/bin/python scripts/report_screenshot.py flows/council-tax-leeds.yaml --lang en

Needs Debian's chromium and chromium-driver (scripts/setup.sh installs them) and selenium
(the test extras). The PNGs are reduced to a palette (Pillow) so that they stay small.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1200, 1500  # CSS pixels: the summary, the commitments and the top of the diagram


def make_report(program: list[str], flow: str, lang: str | None, html: Path) -> None:
    command = [*program, "report", flow, "-o", str(html)] + (["--lang", lang] if lang else [])
    done = subprocess.run(command, check=False, cwd=REPO, capture_output=True, text=True)
    if not html.is_file():
        sys.exit(f"ivr-lint report failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def start_browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver") or shutil.which("chromedriver", path="/usr/lib/chromium")
    if not browser or not driver:
        sys.exit("needs chromium and chromedriver on PATH: bash scripts/setup.sh, or apt-get install chromium "
                 "chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={WIDTH},{HEIGHT}", "--force-device-scale-factor=1", "--hide-scrollbars"):
        options.add_argument(argument)
    return webdriver.Chrome(options=options, service=Service(executable_path=driver))


def shoot(driver, media: str, start: str | None = None, height: int = HEIGHT) -> bytes:
    """WIDTH x height CSS pixels of the page under screen or print media, from the top or
    from the element `start` (a CSS selector)."""
    import base64

    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
    if media == "print":
        driver.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    driver.execute_script("window.scrollTo(0, 0)")
    top = driver.execute_script("const e = arguments[0] && document.querySelector(arguments[0]);"
                                "return e ? e.getBoundingClientRect().top + window.scrollY - 16 : 0", start)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": top, "width": WIDTH, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


def small_png(data: bytes) -> bytes:
    """A 256-colour palette: text and flat fills stay sharp, the file a fraction of the size."""
    try:
        from PIL import Image
    except ImportError:
        return data
    with Image.open(io.BytesIO(data)) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        reduced.save(out, format="PNG", optimize=True)
    return min(out.getvalue(), data, key=len)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("flow", nargs="?", default="flows/caf-gironde.yaml")
    parser.add_argument("--lang", choices=("fr", "en"))
    parser.add_argument("--out", default="docs", help="folder of report.png and report-print.png")
    parser.add_argument("--print", action="store_true", help="also report-print.png, the print style")
    parser.add_argument("--ivr-lint", metavar="PROGRAM", help="the ivr-lint to run (default: this Python's)")
    args = parser.parse_args()
    out = REPO / args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ivr-lint-shot-") as work:
        html = Path(work) / "report.html"
        make_report([args.ivr_lint] if args.ivr_lint else [sys.executable, "-m", "ivr_lint"], args.flow, args.lang,
                    html)
        driver = start_browser()
        try:
            driver.get(html.as_uri())
            shots = {"report.png": shoot(driver, ""), "report-diagram.png": shoot(driver, "", "#diagram", 1100)}
            if args.print:
                shots["report-print.png"] = shoot(driver, "print")
        finally:
            driver.quit()
    for name, data in shots.items():
        data = small_png(data)
        (out / name).write_bytes(data)
        print(f"{out / name}: {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
