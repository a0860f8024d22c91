"""The site in English and Spanish (issue 15): every page's alternates point at each other,
the language switcher works by keyboard and shows on a 320 px phone, and each language's
pages say which language they are in."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import LANGUAGE_HOMES, PAGES, SITE, home_of, set_viewport


class _Head(HTMLParser):
    """The `<html lang>`, the alternates and the language switcher's links of a page."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.alternates: dict[str, str] = {}
        self.switcher: list[dict] = []
        self._in_switcher = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = urlsplit(a["href"]).path
        elif tag == "nav" and "languages" in (a.get("class") or "").split():
            self._in_switcher = True
        elif tag == "a" and self._in_switcher:
            self.switcher.append(a)

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_switcher = False


def _file(path: str) -> Path:
    return SITE / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))


def _head(path: str) -> _Head:
    parser = _Head()
    parser.feed(_file(path).read_text(encoding="utf-8"))
    return parser


CONTENT = [p for p in PAGES if "?" not in p and _file(p).is_file()]


@pytest.mark.parametrize("path", CONTENT, ids=CONTENT)
def test_each_page_says_its_language_and_its_alternates_point_back(path):
    head = _head(path)
    assert head.lang == LANGUAGE_HOMES[home_of(path)], f"<html lang={head.lang!r}>"
    if not head.alternates:
        return
    assert head.alternates.get(head.lang) == path, f"no alternate for the page itself: {head.alternates}"
    assert head.alternates.get("x-default") == head.alternates.get("en"), "x-default is not the English page"
    for language, other in head.alternates.items():
        back = _head(other).alternates
        assert back.get(head.lang) == path, f"{other} ({language}) does not point back at {path}: {back}"


@pytest.mark.parametrize("path", CONTENT, ids=CONTENT)
def test_the_switcher_leads_to_the_translation_or_the_other_home(path):
    head = _head(path)
    assert head.switcher, "no language switcher"
    for link in head.switcher:
        assert link.get("lang") and link.get("hreflang") == link.get("lang"), f"link without lang/hreflang: {link}"
        target = link["href"]
        assert target == head.alternates.get(link["lang"], next(h for h, l in LANGUAGE_HOMES.items() if l == link["lang"]))
        assert _file(target).is_file(), f"the switcher leads nowhere: {target}"


def test_the_sample_has_at_least_fifteen_spanish_pages():
    spanish = [p for p in PAGES if p.startswith("/es/") and p.count("/") > 1 and not p.endswith(".html")]
    assert len(spanish) >= 15, spanish


SWITCHER = """
const a = document.querySelector('nav.languages a'); const r = a.getBoundingClientRect();
return {visible: r.width >= 24 && r.height >= 24 && r.right <= innerWidth && r.bottom > 0,
        text: a.textContent, lang: a.lang};
"""


@pytest.mark.parametrize("start, arrive, lang", [
    ("/therapies/cbt/", "/es/terapias/terapia-cognitivo-conductual/", "es"),
    ("/es/terapias/terapia-cognitivo-conductual/", "/therapies/cbt/", "en"),
])
def test_the_switcher_works_by_keyboard_and_shows_at_320px(start, arrive, lang, driver, server):
    set_viewport(driver, 320)
    driver.get(server + start)
    shown = driver.execute_script(SWITCHER)
    assert shown["visible"], f"the switcher is not visible (or too small) at 320 px: {shown}"
    assert shown["lang"] == lang
    body = driver.find_element("tag name", "body")
    body.send_keys(Keys.TAB)  # the skip link
    active = driver.switch_to.active_element
    active.send_keys(Keys.TAB)  # the switcher
    active = driver.switch_to.active_element
    assert active.get_attribute("hreflang") == lang, f"second Tab lands on {active.get_attribute('outerHTML')}"
    active.send_keys(Keys.ENTER)
    assert urlsplit(driver.current_url).path == arrive
    assert driver.execute_script("return document.documentElement.lang") == lang


def test_links_lead_to_the_translations():
    # Every English page of the sample site has its Spanish page, so no Spanish page links to
    # English ("(en inglés)"); how such a link is marked is LanguageSiteTests' fixture's job.
    html = _file("/es/terapias/terapia-cognitivo-conductual/").read_text(encoding="utf-8")
    assert '<a href="/es/terapias/atencion-plena/">' in html, "mindfulness.md leads to its translation"
    assert '<a href="/es/terapias/terapia-dialectico-conductual/">' in html, "dbt.md leads to its translation"
    marked = [str(page.relative_to(SITE)) for page in (SITE / "es").rglob("*.html")
              if 'class="in-language"' in page.read_text(encoding="utf-8")]
    assert marked == [], marked


_RESULTS = """
const done = arguments[arguments.length - 1], start = performance.now();
(function poll() {
    const list = document.getElementById('search-results');
    const links = Array.from(document.querySelectorAll('#search-results > li > a')).map(a => a.pathname);
    if ((links.length && list.getAttribute('aria-busy') === 'false') || performance.now() - start > 10000)
        done({links: links, status: document.getElementById('search-status').textContent});
    else setTimeout(poll, 20);
})();
"""


@pytest.mark.skipif(not (SITE / "es" / "search" / "index.json").is_file(), reason="no Spanish search index")
@pytest.mark.parametrize("query, expect", [
    ("seguro medico", "/es/seguro-medico/"),
    ("terapia cognitivo conductual", "/es/terapias/terapia-cognitivo-conductual/"),
    ("evaluacion", "/es/como-empezar/evaluacion/"),
    # A Spanish synonym of site.yaml's (languages.es.search): "deprimido" → depresión.
    ("deprimido", "/es/afecciones/depresion/"),
])
def test_a_spanish_search_finds_spanish_pages_typed_without_accents(query, expect, driver, server):
    """The Spanish search page loads the Spanish index: its results are Spanish pages."""
    driver.get(f"{server}/es/search/?q={query.replace(' ', '+')}")
    found = driver.execute_async_script(_RESULTS)
    assert found["links"], f"no results for {query!r}: {found['status']!r}"
    assert all(link.startswith("/es/") for link in found["links"]), found["links"]
    assert expect in found["links"][:3], f"{expect} not in the first three: {found['links']}"
    assert "resultado" in found["status"], found["status"]
