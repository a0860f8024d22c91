"""Shared fixtures for the browser tests of a built Lantern site.

The site folder comes from the environment variable LANTERN_SITE (default: Public in
the repository root). It is served by Python's HTTP server on 127.0.0.1 on a free port;
missing files answer 404 with the site's 404.html. Chromium runs headless through the
chromedriver from Debian (override with CHROME_BIN and CHROMEDRIVER).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("LANTERN_SITE") or REPO_ROOT / "Public").resolve()
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"

# The home page of each language of the sample site: Spanish pages are under /es/.
LANGUAGE_HOMES = {"/es/": "es", "/": "en"}
# Pages Lantern writes itself, in every language, and lists in no sitemap.
SPECIAL_PAGES = ["/404.html", "/search/", "/site-index/"]
EXTRA_PAGES = SPECIAL_PAGES + ["/es" + p for p in SPECIAL_PAGES]
SEARCH_QUERY_PAGE = "/search/?q=family+therapy"


def home_of(path: str) -> str:
    """The home page of the language a path is in: /es/ for /es/…, else /."""
    return next(home for home in LANGUAGE_HOMES if path.startswith(home))


def sitemap_base_and_paths() -> tuple[str, list[str]]:
    """The site's base URL and the path of every page in sitemap.xml, plus EXTRA_PAGES."""
    base = ""
    paths: list[str] = []
    sitemap = SITE / "sitemap.xml"
    if sitemap.is_file():
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", ns):
            parts = urlsplit(loc.text.strip())
            if not base:
                base = f"{parts.scheme}://{parts.netloc}"
            paths.append(parts.path or "/")
    for extra in EXTRA_PAGES:
        if extra not in paths:
            paths.append(extra)
    # Once the search index is built, check a page of results too (marks, filters, excerpts).
    if any((SITE / "search").glob("*.json")):
        paths.append(SEARCH_QUERY_PAGE)
    return base, paths


BASE_URL, PAGES = sitemap_base_and_paths()


def page_id(path: str) -> str:
    return path


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder; a missing file answers 404 with the site's 404.html."""

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file() and self.command in ("GET", "HEAD"):
            body = page.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built site in {SITE}: run `lantern build --output {SITE}` "
                    "or set LANTERN_SITE", pytrace=False)
    return SITE


class _GzipEncodingHandler(_Handler):
    """Sends `.gz` files with `Content-Encoding: gzip`, as some hosts' defaults do (Apache's
    `AddEncoding x-gzip .gz`), so the browser inflates them before the page's script sees them."""

    def end_headers(self):
        if self.path.split("?")[0].endswith(".gz"):
            self.send_header("Content-Encoding", "gzip")
        super().end_headers()


def _serve(site_dir: Path, handler_class):
    handler = functools.partial(handler_class, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(site_dir: Path):
    """The base URL (http://127.0.0.1:PORT) of the site served from a thread."""
    yield from _serve(site_dir, _Handler)


@pytest.fixture(scope="session")
def gzip_encoding_server(site_dir: Path):
    """The site served by a host that labels its `.gz` files `Content-Encoding: gzip`."""
    yield from _serve(site_dir, _GzipEncodingHandler)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's axe.min.js, taken from the axe-playwright-python package (not imported)."""
    override = os.environ.get("AXE_JS")
    if override:
        return Path(override).read_text(encoding="utf-8")
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("axe-playwright-python is not installed (pip install -r "
                    "Tests/Browser/requirements.txt); it carries axe.min.js", pytrace=False)
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).rglob("axe*.min.js"))
        if found:
            return found[0].read_text(encoding="utf-8")
    pytest.fail("axe.min.js not found inside axe_playwright_python", pytrace=False)


def _chrome():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    binary = os.environ.get("CHROME_BIN") or shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--hide-scrollbars", "--no-first-run",
                "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--force-color-profile=srgb", "--lang=en-US"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver_path = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    service = Service(executable_path=driver_path) if driver_path else Service()
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    return driver


@pytest.fixture(scope="module")
def driver():
    """One headless Chromium per test module."""
    browser = _chrome()
    yield browser
    browser.quit()


def set_viewport(driver, width: int, height: int = 900, dark: bool = False) -> None:
    """Emulates a desktop-style viewport of the given CSS width (no mobile zoom rules), light
    or dark colour scheme, and reduced motion so that no colour transition is caught halfway."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"},
        {"name": "prefers-reduced-motion", "value": "reduce"}]})
    settle(driver, dark)


def settle(driver, dark: bool | None = None) -> None:
    """Waits until the emulated colour scheme applies, no animation runs, and two frames rendered."""
    driver.execute_async_script("""
        const dark = arguments[0], done = arguments[arguments.length - 1];
        const start = performance.now();
        (function wait() {
            const ready = (dark === null || matchMedia('(prefers-color-scheme: dark)').matches === dark)
                && document.getAnimations().every(a => a.playState !== 'running');
            if (ready || performance.now() - start > 2000)
                requestAnimationFrame(() => requestAnimationFrame(() => done(ready)));
            else setTimeout(wait, 20);
        })();""", dark)
