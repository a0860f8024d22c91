/* Typo matching and "Did you mean" of Lantern's site search (search.js): the terms and words
   (words.json) nearest to a word no page uses, by edit distance; the twin of
   Sources/LanternKit/Search/EditDistance.swift and Ranker.swift's typos and suggestion. A file of
   its own, which the engine asks for together with words.json, in the same wave, and only for
   a query with such a word: a search in the site's own words downloads none of it. In a browser
   it sets globalThis.lanternTypos; in Node, require() returns it. */
(() => {
  'use strict';
  const ENC = new TextEncoder(), DEC = new TextDecoder();

  // ---- Edit distance (EditDistance.swift): optimal string alignment of the UTF-8 bytes
  // `a` and b[from..<to], -1 past `limit` ----
  // The three rows (two back, one back, this one) side by side, kept between calls: a typo
  // search compares the word with every term.
  let rows = new Int32Array(0);
  function distance(a, b, limit, from = 0, to = b.length) {
    const n = a.length, m = to - from, w = m + 1;
    if (Math.abs(n - m) > limit) return -1;
    if (!n || !m) return Math.max(n, m) <= limit ? Math.max(n, m) : -1;
    if (rows.length < 3 * w) rows = new Int32Array(3 * w);
    let p2 = 0, p = w, c = 2 * w, t;
    for (let j = 0; j <= m; j++) rows[p + j] = j;
    for (let i = 1; i <= n; i++) {
      let min = rows[c] = i;
      for (let j = 1; j <= m; j++) {
        const x = b[from + j - 1];
        let v = Math.min(rows[p + j] + 1, rows[c + j - 1] + 1, rows[p + j - 1] + (a[i - 1] === x ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[from + j - 2] && a[i - 2] === x) {
          v = Math.min(v, rows[p2 + j - 2] + 1);
        }
        rows[c + j] = v; min = Math.min(min, v);
      }
      if (min > limit) return -1;
      t = p2; p2 = p; p = c; c = t;
    }
    return rows[p + m] <= limit ? rows[p + m] : -1;
  }
  // Letters, not bytes, decide the allowance (R: the index's ranking settings).
  const allowed = (word, R) => {
    const n = Array.from(ENC.encode(word)).filter((x) => (x & 0xC0) !== 0x80).length;
    return n >= R.twoTypos ? 2 : n >= R.oneTypo ? 1 : 0;
  };
  // Whether bytes `a` come before bytes `b`.
  const less = (a, b) => {
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return a.length < b.length;
  };

  // The words of words.json's "words" (for each term " ", then each word whose stem it is: "+",
  // how many characters of the term to drop, what to add), as [word, term id]; decoded once.
  // `eng`: the engine (search.js), whose `wordText` is that string ('' without the file).
  function words(eng) {
    if (eng.wordList) return eng.wordList;
    const s = eng.wordText, terms = eng.terms, list = [];
    for (let i = 0, j, k = -1; i < s.length; i = j) {
      if (s[i] === ' ') { k++; j = i + 1; continue; }
      for (j = i + 2; j < s.length && s[j] !== ' ' && s[j] !== '+';) j++;
      const cs = Array.from(terms[k] || '');
      list.push([cs.slice(0, cs.length - eng.digit(s[i + 1])).join('') + s.slice(i + 2, j), k]);
    }
    return eng.wordList = list;
  }
  // The terms, then the words, as UTF-8 bytes, made on the first typo search: entry k is
  // b[at[k]..<at[k + 1] - 1] (tokens have no spaces, so one space ends each).
  function bytes(eng) {
    if (!eng.vb) {
      const b = ENC.encode(eng.terms.concat(words(eng).map((w) => w[0])).join(' ') + ' ');
      const at = [0];
      b.forEach((x, i) => { if (x === 32) at.push(i + 1); });
      eng.vb = { b, at };
    }
    return eng.vb;
  }

  // The variants of `word` (stemmed: `stemmed`) that are typos of a term or of a word whose
  // stem is a term, fewest edits first, then the most popular (Ranker's typo expansion).
  function typos(eng, word, stemmed) {
    const R = eng.R, limit = allowed(word, R), sl = Math.min(limit, allowed(stemmed, R)), edits = new Map();
    const consider = (id, d) => { if (d >= 0 && !(edits.get(id) <= d)) edits.set(id, d); };
    if (limit) {
      // Compared as UTF-8 bytes, like the Swift engine.
      const { b, at } = bytes(eng), nt = eng.terms.length, bw = ENC.encode(word);
      const bs = ENC.encode(stemmed);
      for (let k = 0; k < nt; k++) {
        consider(k, distance(bw, b, limit, at[k], at[k + 1] - 1));
        if (sl) consider(k, distance(bs, b, sl, at[k], at[k + 1] - 1));
      }
      words(eng).forEach(([, id], k) => consider(id, distance(bw, b, limit, at[nt + k], at[nt + k + 1] - 1)));
    }
    return [...edits.keys()].sort((a, b) => edits.get(a) - edits.get(b) || eng.popular(a, b))
      .slice(0, R.typoExpansions).map((id) => ({ terms: [id], pct: [R.exact, R.typo1, R.typo2][edits.get(id)], kind: 'typo', edits: edits.get(id) }));
  }
  // "Did you mean" (Ranker.suggestion): the vocabulary's word nearest to `word`, one edit
  // more than a typo may have (at most three); the most popular term's, then the first in
  // byte order, on ties. Candidates: the words, and the terms no word has as its stem.
  function suggest(eng, word) {
    const bw = ENC.encode(word), limit = Math.min(3, allowed(word, eng.R) + 1), { b, at } = bytes(eng);
    const nt = eng.terms.length, list = words(eng), stems = eng.stemsOfWords ||= new Set(list.map((w) => w[1]));
    let best = null;
    const consider = (k, term) => {
      const d = distance(bw, b, limit, at[k], at[k + 1] - 1), p = eng.pop[term];
      if (d <= 0) return;
      const text = b.subarray(at[k], at[k + 1] - 1);
      if (best && (best.d !== d ? best.d < d : best.p !== p ? best.p > p : !less(text, best.text))) return;
      best = { d, p, text };
    };
    for (let k = 0; k < nt; k++) if (!stems.has(k)) consider(k, k);
    list.forEach(([, id], k) => consider(nt + k, id));
    return best && DEC.decode(best.text);
  }

  const api = { typos, suggest, distance };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else globalThis.lanternTypos = api;
})();
