"""Full-page screenshots of the home page and one content page at phone and desktop widths,
light and dark, written to Tests/Browser/screenshots/ (git-ignored) for people to look at."""

from __future__ import annotations

import base64

import pytest

from conftest import SCREENSHOTS, set_viewport

CONTENT_PAGE = "/iop/iop-vs-other-care/"
SHOTS = [(name, path, width, dark)
         for name, path in (("home", "/"), ("content", CONTENT_PAGE))
         for width in (375, 1280)
         for dark in (False, True)]


@pytest.mark.parametrize("name,path,width,dark", SHOTS,
                         ids=[f"{n}-{w}{'-dark' if d else ''}" for n, _, w, d in SHOTS])
def test_full_page_screenshot(name, path, width, dark, driver, server):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    set_viewport(driver, width, 800, dark=dark)
    driver.get(server + path)
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    set_viewport(driver, width, min(max(height, 400), 16000), dark=dark)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    target = SCREENSHOTS / f"{name}-{width}{'-dark' if dark else ''}.png"
    target.write_bytes(base64.b64decode(shot["data"]))
    assert target.stat().st_size > 1000
