#!/usr/bin/env python3
"""Makes a large site from the sample site, for `make bench`: every page of Content/ is copied
N / (number of pages) times into numbered copies, with links rewritten to stay valid.
usage: scaled_site.py --pages N --out DIR   (writes DIR/Content)"""
import argparse, json, os, re, shutil

parser = argparse.ArgumentParser()
parser.add_argument("--pages", type=int, default=1000)
parser.add_argument("--out", required=True)
args = parser.parse_args()
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Content")
pages = []
for folder, _, files in os.walk(root):
    for name in files:
        if name.endswith(".md") and name != "_index.md":
            pages.append(os.path.relpath(os.path.join(folder, name), root))
pages.sort()
copies = max(1, args.pages // len(pages))
out = os.path.join(args.out, "Content")
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(root, out)
for k in range(1, copies):
    for page in pages:
        text = open(os.path.join(root, page), encoding="utf-8").read()
        text = re.sub(r"^title: (.*)$",
                      lambda m: "title: " + json.dumps("%s (copy %d)" % (m.group(1).strip('"'), k)), text,
                      count=1, flags=re.M)
        text = re.sub(r"^aliases:.*$", "", text, flags=re.M)
        # A copy of a translation stays one (cbt.es.md -> cbt-copy-1.es.md, beside
        # cbt-copy-1.md) with a slug of its own.
        text = re.sub(r"^slug: *(.*)$", lambda m: "slug: %s-copy-%d" % (m.group(1).strip().strip('"'), k), text,
                      count=1, flags=re.M)
        base, _ = os.path.splitext(page)
        language = ""
        if re.search(r"\.[a-z]{2}$", base):
            base, language = base[:-3], base[-3:]
        target = os.path.join(out, "%s-copy-%d%s.md" % (base, k, language))
        open(target, "w", encoding="utf-8").write(text)
print("%d pages in %s" % (len(pages) * copies, out))
