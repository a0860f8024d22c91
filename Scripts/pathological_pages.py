#!/usr/bin/env python3
"""The pathological Markdown inputs of cmark's and cmark-gfm's test suites
(test/pathological_tests.py in commonmark/cmark and github/cmark-gfm), built the way the
suites describe, plus the GFM extensions' inputs (autolinks, strikethrough, footnotes, wide
tables). Too big to commit: the bad-input catalogue (`generate:` in case.yaml), the timing
script and `make fuzz`'s seeds make them from here.

usage: pathological_pages.py NAME [--out FILE]   one page (front matter, body from line 4)
       pathological_pages.py --list             the names
"""
import argparse, itertools, sys


def hash_collisions(count=25000):
    def badhash(ref):
        h = 0
        for c in ref:
            h = (ord(c) + ((h << 6) & 0xFFFFFFFF) + ((h << 16) & 0xFFFFFFFF) - h) & 0xFFFFFFFF
        return h % 16 == 0
    keys = (k for k in ("x%d" % i for i in itertools.count()) if badhash(k))
    collisions = list(itertools.islice(keys, count))
    bad = collisions[0]
    return "".join("[%s]: /url\n\n[%s]\n\n" % (key, bad) for key in collisions[1:])


CASES = {
    # commonmark/cmark test/pathological_tests.py
    "nested-strong-emph": lambda: "*a **a " * 65000 + "b" + " a** a*" * 65000,
    "emph-closers-no-openers": lambda: "a_ " * 65000,
    "emph-openers-no-closers": lambda: "_a " * 65000,
    "link-closers-no-openers": lambda: "a]" * 65000,
    "link-openers-no-closers": lambda: "[a" * 65000,
    "mismatched-openers-closers": lambda: "*a_ " * 50000,
    "issue-389": lambda: "*a " * 20000 + "_a*_ " * 20000,
    "openers-closers-multiple-of-3": lambda: "a**b" + "c* " * 50000,
    "link-openers-emph-closers": lambda: "[ a_" * 50000,
    "pattern-bracket-paren": lambda: "[ (](" * 80000,
    "pattern-image-brackets": lambda: "![[]()" * 160000,
    "nested-brackets": lambda: "[" * 50000 + "a" + "]" * 50000,
    "nested-block-quotes": lambda: "> " * 50000 + "a",
    "deeply-nested-lists": lambda: "".join("  " * x + "* a\n" for x in range(1000)),
    "nul-in-input": lambda: "abc\u0000de\u0000",
    "backticks": lambda: "".join("e" + "`" * x for x in range(1, 5000)),
    "unclosed-links-a": lambda: "[a](<b" * 30000,
    "unclosed-links-b": lambda: "[a](b" * 30000,
    "unclosed-html-comment": lambda: "</" + "<!--" * 300000,
    "empty-lines-nested-lists": lambda: "- " * 30000 + "x" + "\n" * 30000,
    "empty-lines-nested-lists-quote": lambda: "> " + "- " * 30000 + "x\n" + ">\n" * 30000,
    "emph-in-deep-blockquote": lambda: ">" * 100000 + "a*" * 100000,
    "reference-collisions": hash_collisions,
    "nested-inlines": lambda: "*" * 20000 + "a" + "*" * 20000,
    # github/cmark-gfm test/pathological_tests.py (its sizes where they differ from cmark's)
    "tables": lambda: "aaa\rbbb\n-\v\n" * 30000,
    "many-references": lambda: "".join("[%d]: u\n" % x for x in range(1, 5000 * 16)) + "[0] " * 5000,
    # The extensions' inputs (cmark-gfm's 2022-23 advisories: autolink, strikethrough,
    # footnotes, tables with many columns)
    "autolink-www-underscores": lambda: "www.a" + "_" * 100000,
    "autolink-many-emails": lambda: "a@" * 100000,
    "autolink-many-www": lambda: "www." * 100000,
    "strikethrough-openers": lambda: "~~a " * 65000,
    "strikethrough-mismatched": lambda: "~a~~ " * 50000,
    "footnote-references": lambda: "[^a]" * 65000 + "\n\n[^a]: note\n",
    "footnote-nested-definitions": lambda: "[^a]: " * 50000 + "x\n",
    # Found by `make fuzz`: nesting times inline content, with definitions' text uncounted.
    "footnote-nested-brackets": lambda: "[^a]: " * 20000 + "a_[ " * 20000 + "\n",
    "table-wide-short-rows": lambda: "|a" * 5000 + "|\n" + "|-" * 5000 + "|\n" + "|\n" * 5000,
    "deep-blockquote-brackets": lambda: ">" * 50000 + "\n" + "[a" * 25000 + "\n" + "*a" * 25000,
}

FRONT_MATTER = "---\ntitle: Pathological\n---\n"

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("name", nargs="?")
    parser.add_argument("--out")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.list or not args.name:
        print("\n".join(CASES))
        sys.exit(0)
    page = FRONT_MATTER + CASES[args.name]()
    with open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout as out:
        out.write(page)
