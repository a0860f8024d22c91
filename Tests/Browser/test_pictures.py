"""Pictures on a phone: the browser downloads a variant sized for the screen, and the page
does not move as pictures load (cumulative layout shift 0). Axe and the Nu checker see these
pages with every other page (test_pages.py, test_html_validator.py)."""

from __future__ import annotations

import re

import pytest

from conftest import SITE

PHONE_WIDTH = 375
PHONE_DPR = 2
# A 375 px screen at DPR 2 needs about 686 device pixels for the content column: the 800 px
# variant, never the 1200 or 1600 px one.
LARGEST_PHONE_VARIANT = 820


def pages_with_pictures() -> list[str]:
    found = []
    for html in sorted(SITE.rglob("*.html")):
        if "<picture>" in html.read_text(encoding="utf-8", errors="replace"):
            relative = html.relative_to(SITE).as_posix()
            found.append("/" + re.sub(r"(^|/)index\.html$", r"\1", relative))
    return found


PICTURE_PAGES = pages_with_pictures()

_MEASURE = """
const done = arguments[arguments.length - 1];
let shift = 0;
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
}).observe({type: 'layout-shift', buffered: true});
const images = Array.from(document.querySelectorAll('picture img'));
images.forEach(img => img.loading = 'eager');
Promise.all(images.map(img => img.decode().catch(() => null))).then(() => {
    window.scrollTo(0, document.body.scrollHeight);
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done({
        shift,
        images: images.map(img => ({src: img.currentSrc, natural: img.naturalWidth,
                                     width: img.getAttribute('width'), height: img.getAttribute('height')}))
    }), 300)));
});
"""


@pytest.fixture(scope="module")
def phone(driver):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": 800, "deviceScaleFactor": PHONE_DPR, "mobile": True})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_sample_site_has_pictures():
    assert PICTURE_PAGES, "no page of the built site shows a <picture>"


@pytest.mark.parametrize("path", PICTURE_PAGES)
def test_a_phone_downloads_a_small_variant_and_nothing_moves(phone, server, path):
    phone.get(server + path)
    measured = phone.execute_async_script(_MEASURE)
    assert measured["images"], f"{path}: no picture found"
    for image in measured["images"]:
        assert image["width"] and image["height"], f"{path}: {image['src']} has no width and height"
        # naturalWidth is corrected for the srcset density; the variant's name says its width.
        named = re.search(r"\.(\d+)w\.webp$", image["src"])
        assert named, f"{path}: Chromium took {image['src']}, not a WebP variant"
        assert int(named.group(1)) <= LARGEST_PHONE_VARIANT, (
            f"{path}: a {PHONE_WIDTH} px phone at DPR {PHONE_DPR} downloaded {image['src']}")
        assert image["natural"] > 0, f"{path}: {image['src']} did not load"
    assert measured["shift"] == 0, f"{path}: cumulative layout shift {measured['shift']}"
