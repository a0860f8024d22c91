"""Per-page checks in headless Chromium: accessibility (axe-core), privacy, console errors,
layout at 320 px, and the theme's structural promises. Each page is loaded once; every test
reads the measurements taken then, so a failure names the page and the aspect."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import EXTRA_PAGES, PAGES, home_of, set_viewport, settle

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
MIN_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8

_AXE_RUN = """
const options = arguments[0], done = arguments[arguments.length - 1];
axe.run(document, options).then(r => done(r.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target, summary: n.failureSummary}))
})))).catch(e => done({error: String(e)}));
"""

_FACTS = """
const all = s => Array.from(document.querySelectorAll(s));
const meta = s => { const m = document.querySelector(s); return m ? m.getAttribute('content') : null; };
const header = document.querySelector('body > header, body > * > header');
const box = a => { const r = a.getBoundingClientRect();
    return {href: a.getAttribute('href'), text: a.textContent.trim(), width: r.width, height: r.height,
            top: r.top + window.scrollY}; };
return {
    lang: document.documentElement.getAttribute('lang'),
    h1: all('h1').length,
    mains: all('main').length,
    mainId: (document.querySelector('main') || {}).id || null,
    banner: !!header && !header.closest('main, article, aside, nav, section'),
    contentinfo: all('footer').some(f => !f.closest('main, article, aside, nav, section')),
    navs: all('nav').length,
    styled: all('[style]').map(e => e.outerHTML.slice(0, 120)),
    styleElements: all('style').length,
    inlineScripts: all('script:not([src])').map(s => s.type || 'classic'),
    csp: meta('meta[http-equiv="Content-Security-Policy" i]'),
    referrer: meta('meta[name="referrer"]'),
    canonical: (document.querySelector('link[rel="canonical"]') || {}).href || null,
    description: meta('meta[name="description"]'),
    ogTitle: meta('meta[property="og:title"]'),
    crisis: header ? all('header a[href^="tel:"], header a[href^="sms:"]').filter(a => header.contains(a)).map(box) : [],
    crisisTop: (() => { const c = header && header.querySelector('.crisis');
                        return c ? c.getBoundingClientRect().top + window.scrollY : null; })(),
    cookie: document.cookie,
};
"""

_OVERFLOW = """
const width = window.innerWidth;
const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; }
    return false; };
const wide = Array.from(document.body.querySelectorAll('*')).filter(e => {
    const r = e.getBoundingClientRect(); return r.right > width + 0.5 && !clipped(e); })
    .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') +
                      ' right=' + Math.round(e.getBoundingClientRect().right));
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, wide: wide};
"""

_FOCUS = """
const a = document.activeElement, r = a.getBoundingClientRect(), cs = getComputedStyle(a);
return {tag: a.tagName.toLowerCase(), cls: a.className, href: a.getAttribute('href'),
        text: (a.textContent || '').trim().slice(0, 60),
        visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < window.innerHeight,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
        shadow: cs.boxShadow !== 'none'};
"""

_reports: dict[str, dict] = {}


def _axe(driver, axe_source, options):
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source)
    result = driver.execute_async_script(_AXE_RUN, options)
    if isinstance(result, dict) and "error" in result:
        raise AssertionError(f"axe failed: {result['error']}")
    return result


def _measure(driver, server, axe_source, path):
    driver.get_log("performance")  # drop what earlier pages left
    driver.get_log("browser")
    set_viewport(driver, 1280)
    driver.get(server + path)
    settle(driver)
    report: dict = {"url": server + path}
    tags = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    report["axe_desktop"] = _axe(driver, axe_source, tags)
    report["facts"] = driver.execute_script(_FACTS)

    # Keyboard: the first Tab lands on the skip link, Enter moves focus to main.
    driver.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    settle(driver)
    report["first_focus"] = driver.execute_script(_FOCUS)
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    report["after_skip"] = driver.execute_script(
        "const a = document.activeElement; return {tag: a.tagName.toLowerCase(), id: a.id};")
    driver.execute_script("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur();")

    set_viewport(driver, 320, 640)
    report["overflow"] = driver.execute_script(_OVERFLOW)
    report["crisis_narrow"] = driver.execute_script(_FACTS)["crisis"]
    report["axe_narrow"] = _axe(driver, axe_source, tags)

    set_viewport(driver, 1280, dark=True)
    report["axe_dark"] = _axe(driver, axe_source, {"runOnly": {"type": "rule", "values": ["color-contrast"]},
                                                   "resultTypes": ["violations"]})
    set_viewport(driver, 1280)

    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            requests.append(params["request"]["url"])
        elif message.get("method") == "Network.webSocketCreated":
            requests.append(params.get("url", ""))
    report["requests"] = requests
    report["console"] = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    report["cookies"] = driver.get_cookies()
    return report


@pytest.fixture
def report(request, driver, server, axe_source):
    path = request.node.callspec.params["path"]
    if path not in _reports:
        _reports[path] = _measure(driver, server, axe_source, path)
    return _reports[path]


def _describe(violations) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {(node['summary'] or '').splitlines()[-1:]}")
    return "\n".join(lines)


pages = pytest.mark.parametrize("path", PAGES, ids=PAGES)


@pages
def test_axe_desktop(path, report):
    assert not report["axe_desktop"], "axe violations at 1280 px:\n" + _describe(report["axe_desktop"])


@pages
def test_axe_narrow(path, report):
    assert not report["axe_narrow"], "axe violations at 320 px:\n" + _describe(report["axe_narrow"])


@pages
def test_axe_dark_mode_contrast(path, report):
    assert not report["axe_dark"], "contrast in dark mode:\n" + _describe(report["axe_dark"])


@pages
def test_only_same_origin_requests(path, report, server):
    foreign = [u for u in report["requests"]
               if not (u == server or u.startswith(server + "/") or u.startswith("data:"))]
    assert report["requests"], "no requests were recorded (performance log missing?)"
    assert not foreign, f"requests to other origins: {foreign}"


@pages
def test_no_cookies(path, report):
    assert report["cookies"] == [] and report["facts"]["cookie"] == ""


@pages
def test_no_console_errors(path, report):
    assert not report["console"], "console errors:\n" + "\n".join(e["message"] for e in report["console"])


@pages
def test_no_horizontal_scroll_at_320px(path, report):
    o = report["overflow"]
    assert o["scrollWidth"] <= o["innerWidth"], f"page is {o['scrollWidth']} px wide at 320 px; too wide: {o['wide']}"


@pages
def test_exactly_one_h1(path, report):
    assert report["facts"]["h1"] == 1


@pages
def test_language_and_landmarks(path, report):
    f = report["facts"]
    assert f["lang"], "<html> has no lang"
    assert f["mains"] == 1 and f["mainId"] == "main", "need exactly one <main id=main>"
    assert f["banner"], "no site <header> outside main"
    assert f["contentinfo"], "no site <footer> outside main"
    assert f["navs"] >= 1, "no <nav>"


@pages
def test_skip_link_is_first_and_targets_main(path, report):
    first = report["first_focus"]
    assert first["tag"] == "a" and first["href"] == "#main", f"first Tab lands on {first}"
    assert first["visible"], "the skip link is not visible when focused"
    assert report["after_skip"] == {"tag": "main", "id": "main"}, f"after the skip link, focus is on {report['after_skip']}"


@pages
def test_focus_is_visible(path, report):
    first = report["first_focus"]
    assert first["outline"] or first["shadow"], "a focused link shows no outline or box shadow"


@pages
def test_crisis_links_in_header(path, report):
    for label, links in (("1280 px", report["facts"]["crisis"]), ("320 px", report["crisis_narrow"])):
        hrefs = [link["href"] for link in links]
        assert any(h.startswith("tel:") for h in hrefs), f"no tel: link in the header at {label}"
        assert any(h.startswith("sms:") for h in hrefs), f"no sms: link in the header at {label}"
        small = [link for link in links if link["width"] < MIN_TARGET or link["height"] < MIN_TARGET]
        assert not small, f"crisis links smaller than {MIN_TARGET}x{MIN_TARGET} px at {label}: {small}"


@pages
def test_no_style_attributes(path, report):
    assert not report["facts"]["styled"], f"elements with style=: {report['facts']['styled']}"
    assert report["facts"]["styleElements"] == 0, "<style> elements are not allowed by the CSP"


@pages
def test_privacy_and_metadata_tags(path, report):
    f = report["facts"]
    assert f["csp"] and "default-src 'self'" in f["csp"], f"CSP meta missing or loose: {f['csp']}"
    assert "unsafe-inline" not in f["csp"] and "unsafe-eval" not in f["csp"]
    assert f["referrer"] == "no-referrer"
    # Data blocks only, which browsers never run: structured data, and the search page's
    # interface strings (its script reads them; CSP would block an inline script anyway).
    assert set(f["inlineScripts"]) <= {"application/ld+json", "application/json"}, f"inline scripts: {f['inlineScripts']}"
    if "application/json" in f["inlineScripts"]:
        assert path.split("?")[0] in ("/search/", "/es/search/"), "interface strings outside the search page"
    assert f["canonical"], "no canonical link"
    assert f["ogTitle"], "no og:title"
    # Search results elsewhere and link previews show it; the special pages have none to give.
    assert f["description"] or path.split("?")[0] in EXTRA_PAGES, "no meta description"


def test_crisis_line_is_the_same_on_every_page(driver, server, axe_source):
    """The crisis links read the same and sit in the same place on every page of a language
    (the Spanish pages' say how to reach 988 in Spanish)."""
    for path in PAGES:
        if path not in _reports:
            _reports[path] = _measure(driver, server, axe_source, path)
    for path in PAGES:
        home = _reports[home_of(path)]["facts"]
        expected = [(c["href"], c["text"]) for c in home["crisis"]]
        facts = _reports[path]["facts"]
        assert [(c["href"], c["text"]) for c in facts["crisis"]] == expected, f"{path}: different crisis links"
        assert facts["crisisTop"] == home["crisisTop"], f"{path}: crisis bar at {facts['crisisTop']}, home at {home['crisisTop']}"
