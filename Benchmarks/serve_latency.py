#!/usr/bin/env python3
"""How long `lantern serve` takes from saving a page to serving its new text.

    python3 Benchmarks/serve_latency.py --content DIR [--edits 20] [--port 8071] [--edit body|title]
        [--language es] [--pictures]

Starts `lantern serve` on the content folder with this repository's site.yaml and theme,
then edits pages of every section in turn: each edit appends a unique marker, and the page's
URL is polled (every 2 ms) until the marker is served. Prints each latency and the median.
`--edit title` makes the marker the page's title instead (which its section's list and its
neighbours show too). `--language es` edits the Spanish twins (`x.es.md`, served under /es/;
a content folder made by spanish_twin.py). `--pictures` gives every page that will be edited a
picture of its own first (a photo of Content/family/marigold.jpg beside it, shown in its text),
so that the edits are of pages with pictures. Every page is restored afterwards. Run from the
repository root after `swift build -c release`.
"""
import argparse, os, random, re, statistics, subprocess, time, urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("--content", required=True)
parser.add_argument("--binary", default=".build/release/lantern")
parser.add_argument("--edits", type=int, default=20)
parser.add_argument("--port", type=int, default=8071)
parser.add_argument("--edit", choices=["body", "title"], default="body")
parser.add_argument("--language", choices=["en", "es"], default="en")
parser.add_argument("--pictures", action="store_true")
args = parser.parse_args()
suffix = ".es.md" if args.language == "es" else ".md"


def is_page(name):
    return name.endswith(suffix) and not name.startswith("_index") and (suffix == ".es.md" or not name.endswith(".es.md"))


def url_of(page):
    return ("/es/" if args.language == "es" else "/") + page[: -len(suffix)] + "/"


random.seed(7)
pages = []
for section in sorted(os.listdir(args.content)):
    folder = os.path.join(args.content, section)
    if os.path.isdir(folder):
        names = sorted(n for n in os.listdir(folder) if is_page(n))
        pages += [f"{section}/{n}" for n in random.sample(names, min(3, len(names)))]
random.shuffle(pages)
pages = pages[: args.edits]
restore = {}
if args.pictures:
    photo = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content", "family", "marigold.jpg"), "rb").read()
    for page in pages:
        path = os.path.join(args.content, page)
        name = os.path.basename(page)[: -len(suffix)] + "-photo.jpg"
        restore[path] = open(path, encoding="utf-8").read()
        with open(os.path.join(os.path.dirname(path), name), "wb") as f:
            f.write(photo)
        with open(path, "a", encoding="utf-8") as f:
            f.write(f"\n\n![A marigold in a garden]({name})\n")

serve = subprocess.Popen([args.binary, "serve", "--content", args.content, "--port", str(args.port)],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
started = time.perf_counter()
line = ""
while "serving at" not in line:
    line = serve.stdout.readline()
    if not line and serve.poll() is not None:
        raise SystemExit("lantern serve stopped before serving")
print(f"first build and serve: {time.perf_counter() - started:.1f} s")


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{args.port}{path}") as response:
        return response.read().decode()


latencies = []
try:
    for i, page in enumerate(pages):
        path = os.path.join(args.content, page)
        url = url_of(page)
        assert "<html" in get(url)
        if args.pictures:
            assert "<picture>" in get(url), url
        original = open(path, encoding="utf-8").read()
        marker = f"bench-marker-{i}-{time.time_ns()}"
        try:
            with open(path, "w", encoding="utf-8") as f:
                if args.edit == "title":
                    f.write(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
                else:
                    f.write(original + f"\n\n{marker}\n")
            saved = time.perf_counter()
            while marker not in get(url):
                time.sleep(0.002)
            latencies.append((time.perf_counter() - saved) * 1000)
            print(f"{page}: {latencies[-1]:.0f} ms")
            time.sleep(0.3 + random.random() * 0.4)
        finally:
            with open(path, "w", encoding="utf-8") as f:
                f.write(original)
        time.sleep(0.3 + random.random() * 0.4)
finally:
    serve.terminate()
    serve.communicate()
    for path, text in restore.items():
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        os.remove(os.path.join(os.path.dirname(path), os.path.basename(path)[: -len(suffix)] + "-photo.jpg"))
print(f"median {statistics.median(latencies):.0f} ms, min {min(latencies):.0f}, "
      f"max {max(latencies):.0f} (n={len(latencies)})")
