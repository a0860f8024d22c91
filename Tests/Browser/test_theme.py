"""Theme promises that per-page checks do not cover: print, dark mode, reduced motion, and the
page furniture (breadcrumbs, table of contents, review line, section lists, pager)."""

from __future__ import annotations

import pytest

from conftest import EXTRA_PAGES, PAGES, home_of, set_viewport, settle

CRISIS_PAGE = "/get-help-now/"


def _media(driver, media: str = "", **features):
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media,
        "features": [{"name": k.replace("_", "-"), "value": v} for k, v in features.items()]})
    settle(driver)


def test_print_hides_navigation_and_search_and_shows_external_urls(driver, server):
    set_viewport(driver, 800)
    driver.get(server + CRISIS_PAGE)
    _media(driver, "print")
    try:
        hidden = driver.execute_script("""
            return ['.site-nav', '.header-search', '.skip-link', '.breadcrumbs']
                .filter(s => document.querySelector(s))
                .map(s => [s, getComputedStyle(document.querySelector(s)).display]);""")
        external = driver.execute_script("""
            const a = document.querySelector('.content a[href^="http"], .content a[href^="/"]');
            return a ? [a.getAttribute('href'), getComputedStyle(a, '::after').content] : null;""")
    finally:
        _media(driver)
    assert hidden and all(display == "none" for _, display in hidden), f"still shown in print: {hidden}"
    assert external, f"{CRISIS_PAGE} should have a link in its content to check"
    assert external[0].rstrip("/") in external[1], f"print shows no URL after {external[0]}: {external[1]}"


def test_dark_mode_changes_the_colours(driver, server):
    colours = {}
    for dark in (False, True):
        set_viewport(driver, 1280, dark=dark)
        driver.get(server + "/")
        settle(driver, dark)
        colours[dark] = driver.execute_script(
            "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color];")
    set_viewport(driver, 1280)
    assert colours[False] != colours[True]
    luminance = lambda rgb: sum(int(x) for x in rgb.strip("rgba()").split(",")[:3])
    assert luminance(colours[True][0]) < luminance(colours[False][0]), "dark mode background is not darker"


def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(driver, server):
    set_viewport(driver, 1280)  # emulates prefers-reduced-motion: reduce
    driver.get(server + "/")
    settle(driver)
    styles = driver.execute_script("""
        const a = document.querySelector('main a');
        return [getComputedStyle(document.documentElement).scrollBehavior,
                getComputedStyle(a).transitionDuration];""")
    assert styles[0] == "auto" and all(float(d.rstrip("s")) == 0 for d in styles[1].split(",")), styles


FURNITURE = """
const q = s => document.querySelector(s);
const content = q('main .content');
const headings = content ? content.querySelectorAll('h2, h3').length : 0;
let reviewed = null;
for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
    const walk = o => { if (o && typeof o === 'object') { if (o.lastReviewed) reviewed = o.lastReviewed;
                        Object.values(o).forEach(walk); } };
    try { walk(JSON.parse(s.textContent)); } catch (e) {}
}
const line = q('.reviewed time');
return {
    breadcrumbs: !!q('nav.breadcrumbs a[aria-current="page"]'),
    headings: headings,
    toc: document.querySelectorAll('nav.toc a[href^="#"]').length,
    reviewed: reviewed,
    reviewedLine: line ? [line.getAttribute('datetime'), q('.reviewed').textContent] : null,
    sectionList: document.querySelectorAll('main .page-list a, main .term-list a').length,
    pager: Array.from(document.querySelectorAll('nav.pager a')).map(a => a.getAttribute('href')),
    footerDisclaimer: !!q('footer .disclaimer'),
};
"""

CONTENT_PAGES = [p for p in PAGES if p not in EXTRA_PAGES and "?" not in p]
# The words of the review line, by language.
REVIEWED = {"/": "Page last reviewed", "/es/": "Última revisión de la página"}


@pytest.mark.parametrize("path", CONTENT_PAGES, ids=CONTENT_PAGES)
def test_page_furniture(path, driver, server):
    set_viewport(driver, 1280)
    driver.get(server + path)
    f = driver.execute_script(FURNITURE)
    assert f["footerDisclaimer"], "no not-medical-advice note in the footer"
    home = home_of(path)
    if path != home:
        assert f["breadcrumbs"], "no breadcrumb trail ending at this page"
    if path != home and f["headings"] >= 3:
        assert f["toc"] > 0, f"{f['headings']} headings but no table of contents"
    if f["reviewed"]:
        assert f["reviewedLine"] and f["reviewedLine"][0] == f["reviewed"], "no 'Last reviewed … on …' line"
        assert REVIEWED[home] in f["reviewedLine"][1]
    children = [p for p in CONTENT_PAGES if path != home and p != path and p.startswith(path)]
    if children:
        assert f["sectionList"] >= len(children), f"section page lists {f['sectionList']} of {len(children)} pages"
    for href in f["pager"]:
        section = "/".join(path.split("/")[:2]) + "/"
        assert href.startswith(section) or href.count("/") <= 2, f"pager leaves the section: {href}"
