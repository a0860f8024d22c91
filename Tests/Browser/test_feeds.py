"""The site's feeds, read by a real feed reader library (feedparser) and checked against the
required fields of Atom 1.0 (RFC 4287) and JSON Feed 1.1; and every page's autodiscovery links."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from conftest import BASE_URL, SITE

ATOM_FEEDS = sorted(SITE.rglob("feed.xml"))
JSON_FEEDS = sorted(SITE.rglob("feed.json"))


def rel(path: Path) -> str:
    return "/" + path.relative_to(SITE).as_posix()


def test_every_section_has_both_feeds():
    sections = {p.parent for p in SITE.rglob("index.html")
                if (p.parent / "feed.xml").exists() or p.parent == SITE}
    assert (SITE / "feed.xml").is_file() and (SITE / "feed.json").is_file()
    assert {p.parent for p in ATOM_FEEDS} == {p.parent for p in JSON_FEEDS}
    assert len(ATOM_FEEDS) >= 2, "the site's feed and at least one section's"
    assert sections


def links_in(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


@pytest.mark.parametrize("path", ATOM_FEEDS, ids=rel)
def test_atom_feed_parses_and_has_the_required_fields(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{rel(path)} is not well-formed: {feed.get('bozo_exception')}"
    assert feed.version == "atom10"
    # RFC 4287 4.1.1: a feed has id, title, updated, and an author (or every entry has one).
    assert feed.feed.id == BASE_URL + rel(path)
    assert feed.feed.title and feed.feed.updated
    assert feed.feed.author
    assert any(l.rel == "self" and l.href == BASE_URL + rel(path) for l in feed.feed.links)
    dates = []
    for entry in feed.entries:
        # 4.1.2: an entry has id, title, updated, and content or an alternate link.
        assert entry.id.startswith(BASE_URL + "/") and entry.title and entry.updated
        assert entry.link == entry.id
        assert entry.content and entry.content[0].type == "text/html"
        for link in links_in(entry.content[0].value):
            assert not link.startswith("/"), f"{entry.id}: link {link!r} is not absolute"
        dates.append(entry.updated)
    assert dates == sorted(dates, reverse=True), "newest change first"
    if feed.entries:
        assert feed.feed.updated == feed.entries[0].updated


@pytest.mark.parametrize("path", JSON_FEEDS, ids=rel)
def test_json_feed_has_the_required_fields_and_matches_the_atom_feed(path: Path):
    feed = json.loads(path.read_text(encoding="utf-8"))
    # JSON Feed 1.1: version, title and items are required; each item needs an id and content.
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list)
    assert feed["feed_url"] == BASE_URL + rel(path)
    assert feed["home_page_url"].startswith(BASE_URL + "/")
    assert all(author["name"] for author in feed["authors"])
    for item in feed["items"]:
        assert item["id"] and item["url"].startswith(BASE_URL + "/")
        assert item.get("content_html") or item.get("content_text")
        for link in links_in(item["content_html"]):
            assert not link.startswith("/"), f"{item['id']}: link {link!r} is not absolute"
    atom = feedparser.parse((path.parent / "feed.xml").read_bytes())
    assert [e.id for e in atom.entries] == [i["id"] for i in feed["items"]]
    assert atom.feed.title == feed["title"]


def test_the_site_feed_lists_only_dated_pages_up_to_the_limit():
    feed = feedparser.parse((SITE / "feed.xml").read_bytes())
    assert 0 < len(feed.entries) <= 20
    for entry in feed.entries:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.updated)


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and a.get("type"):
            self.alternates.append((a.get("type"), a.get("href")))


@pytest.mark.parametrize("page", ["index.html", "therapies/index.html", "therapies/cbt/index.html",
                                  "404.html", "search/index.html"])
def test_pages_announce_their_feeds(page: str):
    head = _Head()
    head.feed((SITE / page).read_text(encoding="utf-8"))
    types = [t for t, _ in head.alternates]
    assert ("application/atom+xml", "/feed.xml") in head.alternates
    assert ("application/feed+json", "/feed.json") in head.alternates
    for _, href in head.alternates:
        assert (SITE / href.lstrip("/")).is_file(), f"{page} announces a feed that is not there: {href}"
    # A section's own page announces its feed too; the pages in it only the site's.
    section_feed = ("application/atom+xml", "/therapies/feed.xml") in head.alternates
    assert section_feed == (page == "therapies/index.html")
    assert types.count("application/atom+xml") == types.count("application/feed+json")
