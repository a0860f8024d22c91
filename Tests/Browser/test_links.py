"""Every internal link and asset of every page answers 200 over HTTP, and every #fragment
points at an id that exists. Links to other sites are not fetched (the tests stay offline)."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from conftest import BASE_URL, PAGES

_LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
               "iframe": "src", "form": "action", "area": "href", "video": "src", "audio": "src"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        name = _LINK_ATTRS.get(tag)
        if name and attrs.get(name) is not None:
            self.links.append(attrs[name])
        if tag == "meta" and attrs.get("property") == "og:url" and attrs.get("content"):
            self.links.append(attrs["content"])
        for srcset in (attrs.get("srcset"),):
            if srcset:
                self.links.extend(part.strip().split()[0] for part in srcset.split(",") if part.strip())


_fetched: dict[str, tuple[int, _Collector | None]] = {}


def _fetch(url: str) -> tuple[int, _Collector | None]:
    if url not in _fetched:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                status, body, kind = response.status, response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            status, body, kind = error.code, b"", ""
        collector = None
        if kind == "text/html":
            collector = _Collector()
            collector.feed(body.decode("utf-8", "replace"))
        _fetched[url] = (status, collector)
    return _fetched[url]


def _local(server: str, page_url: str, link: str) -> str | None:
    """The link as a URL on the test server, or None when it leaves the site."""
    absolute = urljoin(page_url, link.strip())
    if BASE_URL and absolute.startswith(BASE_URL + "/") or absolute == BASE_URL:
        absolute = server + absolute[len(BASE_URL):]
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != server:
        return None
    return absolute


@pytest.mark.parametrize("path", PAGES, ids=PAGES)
def test_internal_links_and_assets_answer_200(path, server):
    status, page = _fetch(server + path)
    assert status == 200, f"the page itself answers {status}"
    broken = []
    for link in dict.fromkeys(page.links):
        target = _local(server, server + path, link)
        if target is None:
            continue
        url, fragment = urldefrag(target)
        url = url.split("?", 1)[0]
        status, doc = _fetch(url)
        if status != 200:
            broken.append(f"{link} -> {status}")
        elif fragment and doc is not None and unquote(fragment) not in doc.ids:
            broken.append(f"{link} -> no element with id '{fragment}'")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_missing_page_answers_404_with_help(server):
    status, page = _fetch(server + "/no-such-page/")
    assert status == 404
