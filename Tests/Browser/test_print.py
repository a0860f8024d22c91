"""Pages printed to PDF by headless Chromium (the browser's own print, print stylesheet and
all), read back with pdftotext: what a family gets on paper. The first page of each PDF is
also drawn as a PNG into screenshots/ (pdftoppm) for a reviewer to look at."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest

from conftest import BASE_URL, SCREENSHOTS

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils (pdftotext)")

PAGES = {
    "cbt": "/therapies/cbt/",
    "costs": "/insurance/costs/",   # a table
    "get-help-now": "/get-help-now/",
}


def printed(driver, server, path: str, name: str, tmp_path) -> str:
    driver.get(server + path)
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})["data"])
    file = tmp_path / f"{name}.pdf"
    file.write_bytes(pdf)
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(file),
                    str(SCREENSHOTS / f"print-{name}")], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(file), "-"], check=True, capture_output=True,
                          text=True).stdout
    return re.sub(r"[ \t]+", " ", text)


@pytest.mark.parametrize("name", PAGES)
def test_a_printed_page_has_what_a_family_needs_and_no_controls(driver, server, name, tmp_path):
    path = PAGES[name]
    text = printed(driver, server, path, name, tmp_path)
    title = driver.find_element("css selector", "h1").text
    flat = " ".join(text.split())
    assert " ".join(title.split()) in flat
    assert "988" in flat, "the crisis line"
    assert "Page last reviewed:" in flat and "Next review due:" in flat
    assert BASE_URL + path in flat.replace(" ", "").replace("\u00ad", "") or BASE_URL + path in flat
    # No navigation, search or buttons.
    for absent in ("Skip to main content", "Search this site", "Print this page", "To print this page",
                   "On this page", "More in this section"):
        assert absent not in flat, f"{absent!r} is printed"
    nav = driver.find_elements("css selector", ".site-nav a")
    assert nav and not any(f" {a.text} " in f" {flat} " and a.text not in title for a in nav[1:3])


def test_links_in_the_content_show_their_address(driver, server, tmp_path):
    text = printed(driver, server, "/iop/what-is-an-iop/", "what-is-an-iop", tmp_path)
    assert "(/conditions/depression/)" in " ".join(text.split())


def test_without_script_the_print_control_is_an_instruction(driver, server):
    driver.get(server + "/therapies/cbt/")
    assert driver.find_element("css selector", ".print-tools button").text == "Print this page"
    html = (SCREENSHOTS.parent.parent.parent / "Public/therapies/cbt/index.html")
    if html.is_file():
        source = html.read_text(encoding="utf-8")
        assert "To print this page, use your browser" in source and "<button" not in source.split("print-tools")[1][:200]
