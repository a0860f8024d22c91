#!/usr/bin/env python3
"""How soon the search page draws its results and their excerpts, and how often the list
visibly reorders, in headless Chromium.

    python3 Benchmarks/search_display.py [--session] SITE...

For each built site (default Public/) and two networks (local, and a phone: 150 ms latency,
1.6 Mbps), the 55 queries of Tests/Fixtures/search-queries.json are typed at once, as a
paste. Each is a visitor's first search (page reloaded, browser cache off), or with
--session one visitor's searches in a row on one page. Times run from the input event (the
page's 150 ms pause for typing included). Needs what `make test-browser` needs.
"""
import argparse, functools, http.server, json, statistics, sys, threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "Browser"))
from conftest import _chrome, _Handler  # noqa: E402

QUERIES = [q["query"] for q in json.loads((REPO / "Tests" / "Fixtures" / "search-queries.json")
                                          .read_text(encoding="utf-8"))["queries"]]
NETWORKS = {"local": None, "phone (150 ms, 1.6 Mbps)": dict(
    offline=False, latency=150, downloadThroughput=200_000, uploadThroughput=90_000)}

# Types the query, then reports when the list was first drawn, when its text arrived (the
# list stops being busy) and how many different orders of results it showed.
MEASURE = """
const [q, done] = [arguments[0], arguments[arguments.length - 1]];
const list = document.getElementById('search-results'), input = document.getElementById('search-q');
list.textContent = ''; list.hidden = true;
const orders = []; let drawn = null;
const observer = new MutationObserver(() => {
  const order = Array.from(list.querySelectorAll(':scope > li > a')).map(a => a.pathname).join(' ');
  if (order && orders[orders.length - 1] !== order) {
    orders.push(order);
    if (drawn === null) drawn = performance.now() - start;
  }
});
observer.observe(list, {childList: true, subtree: true});
const start = performance.now();
input.value = q; input.dispatchEvent(new Event('input'));
(function poll() {
  const finished = drawn !== null && list.getAttribute('aria-busy') === 'false';
  if (finished || performance.now() - start > 15000) {
    observer.disconnect();
    done(finished ? {drawn, text: performance.now() - start, orders: orders.length} : null);
  } else setTimeout(poll, 5);
})();
"""

parser = argparse.ArgumentParser()
parser.add_argument("sites", nargs="*", default=[str(REPO / "Public")])
parser.add_argument("--session", action="store_true")
args = parser.parse_args()
for site in args.sites:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=site))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/search/"
    for name, conditions in NETWORKS.items():
        driver = _chrome()
        driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        if conditions:
            driver.execute_cdp_cmd("Network.emulateNetworkConditions", conditions)
        rows = []
        for i, query in enumerate(QUERIES):
            if i == 0 or not args.session:
                driver.get(base)
            rows.append(driver.execute_async_script(MEASURE, query))
        driver.quit()
        rows = [r for r in rows if r]
        drawn = sorted(r["drawn"] for r in rows)
        print(f"{site}, {name}: results drawn median {statistics.median(drawn):.0f} ms "
              f"(p90 {drawn[int(0.9 * len(drawn))]:.0f}), excerpts median "
              f"{statistics.median(r['text'] for r in rows):.0f} ms; the list reordered for "
              f"{sum(r['orders'] > 1 for r in rows)} of {len(rows)} queries")
    httpd.shutdown()
