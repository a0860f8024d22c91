#!/usr/bin/env python3
"""Writes the reference the Spanish analyzer and syllable counter are tested against.

For every word of Debian's Spanish word list (`wspanish`, /usr/share/dict/spanish), and for
the same word with its accents folded as the Spanish analyzer folds them (á é í ó ú ü → a e i
o u, ñ kept), one line: the word, its stem by the Snowball Spanish stemmer of PyPI
`snowballstemmer` (3.x), and, for the word as written, its syllable count by PyPI
`pylabeador` (Spanish syllabification after the RAE's rules; "-" where it gives none).

Run by `make spanish-reference` (make test-swift and make test-js need it); read by
SpanishStemmerTests, SpanishSyllableTests and Tests/JS/spanish.test.mjs.
"""
import sys
import unicodedata

import pylabeador
import snowballstemmer

WORDS = "/usr/share/dict/spanish"


def fold(word):
    """The Spanish analyzer's folding: marks dropped, but ñ stays ñ."""
    out = []
    for char in word.lower():
        if char == "ñ":
            out.append(char)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)))
    return "".join(out)


def syllables(word):
    try:
        return str(len(pylabeador.syllabify(word)))
    except Exception:  # words pylabeador cannot divide (no vowel, foreign spellings)
        return "-"


def main():
    out_path = sys.argv[1]
    stemmer = snowballstemmer.stemmer("spanish")
    seen = set()
    lines = []
    with open(WORDS, encoding="utf-8") as f:
        words = [w.strip().lower() for w in f if w.strip()]
    for word in words:
        for form, count in ((word, syllables(word)), (fold(word), "-")):
            if form in seen:
                continue
            seen.add(form)
            lines.append(f"{form}\t{stemmer.stemWord(form)}\t{count}\n")
    with open(out_path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    print(f"{out_path}: {len(lines)} words from {WORDS}")


if __name__ == "__main__":
    main()
