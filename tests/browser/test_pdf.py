"""write_pdf prints a page through headless Chromium: a real PDF, whole or not at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ivr_lint.report import pdf
from ivr_lint.report.pdf import NoBrowser, PrintFailed, write_pdf

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two pages</title>
<style>@page {size: A4} .next {break-before: page}</style></head>
<body><h1>First page</h1><p>Hours: Monday to Friday.</p><h2 class="next">Second page</h2></body></html>"""


def pdf_pages(content: bytes) -> int:
    """Page objects in a PDF (Chromium's Skia writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", content))


@pytest.fixture
def browser():
    found = pdf.find_browser()
    if found is None:
        pytest.skip(str(NoBrowser.missing()))
    return found


def test_prints_every_page_of_the_html(browser, tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    write_pdf(tmp_path / "page.html", tmp_path / "out" / "page.pdf")
    content = (tmp_path / "out" / "page.pdf").read_bytes()
    assert content.startswith(b"%PDF-")
    assert content.rstrip().endswith(b"%%EOF")
    assert pdf_pages(content) == 2
    assert b"/Title (Two pages)" in content
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["page.pdf"]  # no temporary left


def test_a_failed_print_leaves_the_earlier_pdf_and_no_temporary(browser, tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    target = tmp_path / "page.pdf"
    target.write_bytes(b"%PDF-earlier")
    with pytest.raises(PrintFailed, match=r"took longer than 0\.01 s"):
        write_pdf(tmp_path / "page.html", target, timeout=0.01)
    with pytest.raises(PrintFailed, match="no such file"):
        write_pdf(tmp_path / "absent.html", target)
    assert target.read_bytes() == b"%PDF-earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html", "page.pdf"]


def test_no_browser_on_path_says_what_was_looked_for_and_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(NoBrowser) as raised:
        write_pdf(tmp_path / "page.html", tmp_path / "page.pdf")
    message = str(raised.value)
    assert "chromium, chromium-browser, google-chrome" in message
    assert "apt-get install chromium" in message
    assert not (tmp_path / "page.pdf").exists()
    assert not isinstance(raised.value, PrintFailed)


def test_a_browser_that_prints_nothing_is_an_error_not_an_empty_pdf(tmp_path, monkeypatch):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'GPU process exited unexpectedly' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(PrintFailed, match="chromium did not print page.html: GPU process exited unexpectedly"):
        write_pdf(tmp_path / "page.html", tmp_path / "page.pdf")
    assert not (tmp_path / "page.pdf").exists()


def test_the_browser_is_offline_and_headless(tmp_path, monkeypatch):
    """What the browser is asked: no header/footer, no network, a private profile."""
    log = tmp_path / "args"
    fake = tmp_path / "chromium"
    fake.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {log}\n"
                    "for a; do case $a in --print-to-pdf=*) printf '%%PDF-1.4\\n%%%%EOF\\n' > \"${a#*=}\";; esac; done\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    write_pdf(tmp_path / "page.html", tmp_path / "page.pdf")
    arguments = log.read_text().splitlines()
    assert arguments[0] == "--headless=new"
    assert {"--no-pdf-header-footer", "--host-resolver-rules=MAP * ~NOTFOUND"} <= set(arguments)
    assert arguments[-1] == (tmp_path / "page.html").resolve().as_uri()
    assert any(a.startswith("--user-data-dir=") and str(tmp_path) not in a for a in arguments)
    assert (tmp_path / "page.pdf").read_bytes().startswith(b"%PDF-1.4")
    assert Path(tmp_path / "page.pdf").stat().st_size > 0
