#!/usr/bin/env python3
"""Gives every page of a benchmark corpus a Spanish twin, for the two-language benchmark: beside
each `x.md` (and `_index.md`) of DIR/Content it writes `x.es.md`, the same Markdown (headings,
lists, tables, links, front matter) with every English word replaced by a Spanish-looking word of
about the same length, always the same one for the same word. Common words become real Spanish
words; the others are made of Spanish syllables and endings (-ción, -mente, -idad, -ando…), so the
Spanish stemmer and the accent folding have real work. Links keep their targets, which a Spanish
page resolves to the Spanish twins; `#overview` (every corpus page opens with "## Overview")
becomes `#resumen`, as the heading does. Deterministic: same corpus, same bytes.
usage: spanish_twin.py DIR   (after `corpus.py --out DIR` or `scaled_site.py --out DIR`)"""
import hashlib, os, re, sys

COMMON = {
    "the": "el", "a": "un", "an": "una", "and": "y", "or": "o", "of": "de", "to": "a", "in": "en",
    "for": "para", "with": "con", "on": "sobre", "at": "en", "by": "por", "from": "desde",
    "is": "es", "are": "son", "be": "ser", "it": "lo", "this": "este", "that": "que",
    "you": "usted", "your": "su", "we": "nosotros", "our": "nuestro", "they": "ellos",
    "not": "no", "can": "puede", "will": "va", "when": "cuando", "what": "qué", "how": "cómo",
    "more": "más", "less": "menos", "each": "cada", "after": "después", "before": "antes",
    "week": "semana", "weeks": "semanas", "day": "día", "days": "días", "family": "familia",
    "therapy": "terapia", "program": "programa", "help": "ayuda", "care": "atención",
    "overview": "resumen", "anxiety": "ansiedad", "depression": "depresión",
    "insurance": "seguro", "treatment": "tratamiento", "recovery": "recuperación",
}
ONSETS = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "ch", "br", "pr",
          "tr", "gr", "cl", "pl", "ll", "ñ", "j", "qu"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ue", "io"]
ENDINGS = ["ción", "ciones", "mente", "idad", "idades", "ando", "iendo", "ado", "ada", "idos",
           "oso", "osa", "ista", "ible", "ía", "ías", "ar", "er", "ir", "an", "en", "os", "as",
           "encia", "amiento", "ero", "ez", "al", "ó", "é"]


def spanish(word, cache={}):
    key = word.lower()
    if key not in cache:
        if key in COMMON:
            cache[key] = COMMON[key]
        else:
            h = hashlib.sha1(key.encode()).digest()
            ending = ENDINGS[h[0] % len(ENDINGS)]
            out, k = "", 1
            while len(out) + len(ending) < len(key) or not out:
                out += ONSETS[h[k % 20] % len(ONSETS)] + VOWELS[h[(k + 7) % 20] % len(VOWELS)]
                k += 1
            cache[key] = out + ending
    es = cache[key]
    if word.isupper() and len(word) > 1:
        return es.upper()
    return es[0].upper() + es[1:] if word[0].isupper() else es


WORD = re.compile(r"[A-Za-z]+")
# What keeps its text: link targets (their #overview excepted), bare URLs, inline code.
KEPT = re.compile(r"(\]\([^)]*\)|https?://\S+|`[^`]*`)")


def words(text):
    return WORD.sub(lambda m: spanish(m.group(0)), text)


def body_line(line):
    parts = KEPT.split(line)
    return "".join(p.replace("#overview", "#resumen") if i % 2 else words(p)
                   for i, p in enumerate(parts))


def translate(text):
    out, front = [], 0
    for line in text.split("\n"):
        if line == "---" and front < 2:
            front += 1
            out.append(line)
        elif front == 1:
            key, sep, value = line.partition(":")
            out.append(key + sep + words(value) if key in ("title", "description") else line)
        else:
            out.append(body_line(line))
    return "\n".join(out)


def main():
    content = os.path.join(sys.argv[1], "Content")
    count = 0
    for folder, _, files in os.walk(content):
        for name in sorted(files):
            if name.endswith(".md") and not re.search(r"\.[a-z]{2}\.md$", name):
                source = os.path.join(folder, name)
                text = open(source, encoding="utf-8").read()
                with open(source[:-3] + ".es.md", "w", encoding="utf-8") as f:
                    f.write(translate(text))
                count += 1
    print("%d Spanish twins in %s" % (count, content))


if __name__ == "__main__":
    main()
