/* The excerpts of Lantern's site search (search.js): around the words that matched, the
   text of the best part of a page, cut at most `excerptBytes` bytes long, as segments with the
   matched words apart; the twin of Sources/LanternKit/Search/PageText.swift's excerpts. A file
   of its own, which the search page loads together with the pages' text, after the first
   results: what a search downloads before its first result stays small. In a browser it sets
   globalThis.lanternExcerpt; in Node, require() returns the function. */
(() => {
  'use strict';
  // From search.js, given with each call.
  let matches, occurrences, ENC, DEC;
  // Excerpts are at most R.excerptBytes bytes of a run.
  const NONE = { f: 0, l: 0, n: 0, k: 0 };
  const better = (a, b) => a.n !== b.n ? a.n > b.n : a.k > b.k;
  // The matched tokens f..l within SPAN bytes with the most clauses (n), then the most
  // matched tokens (k), the first on ties; null when nothing matches.
  function cluster(r, ms, SPAN) {
    const masks = r.ts.map(() => 0), marked = [];
    let best = null;
    ms.forEach((m, c) => {
      const bit = (c < 30 ? 1 << c : 0) | 1 << 30;
      r.ts.forEach((_, i) => { if (matches(r, i, m)) masks[i] |= bit; });
      if (m.phrase) {
        occurrences(r, m.phrase).forEach((o) => {
          for (let i = o; i < o + m.phrase.length; i++) masks[i] |= bit;
        });
      }
    });
    masks.forEach((x, i) => { if (x) marked.push(i); });
    for (let a = 0; a < marked.length; a++) {
      let mask = 0, b = a, n = 0;
      while (b < marked.length && r.ts[marked[b]].e - r.ts[marked[a]].s <= SPAN) mask |= masks[marked[b++]];
      for (mask &= (1 << 30) - 1; mask; mask &= mask - 1) n++;
      const c = { f: marked[a], l: marked[b - 1], n, k: b - a };
      if (!best || better(c, best)) best = c;
    }
    return best;
  }
  // Tokens [from, to) around cluster c: widened a token at a time on the side with less
  // context while the whole stays within SPAN bytes.
  function win(r, c, SPAN) {
    const t = r.ts;
    let lo = c.f, hi = c.l;
    for (;;) {
      const left = lo > 0 && t[hi].e - t[lo - 1].s <= SPAN;
      const right = hi + 1 < t.length && t[hi + 1].e - t[lo].s <= SPAN;
      if (!left && !right) return [lo, hi + 1];
      if (left && (!right || t[c.f].s - t[lo].s <= t[hi].e - t[c.l].e)) lo--; else hi++;
    }
  }
  // Tokens [ws, we) of a run as segments, matched words and phrases apart, with "…" where
  // the run goes on.
  function segments(r, [ws, we], ms) {
    const ts = r.ts, marks = [], segs = [], b = ENC.encode(r.text);
    const end = we === ts.length ? b.length : ts[we - 1].e;
    let pos = ws === 0 ? 0 : ts[ws].s;
    for (let i = ws; i < we; i++) {
      if (ms.some((m) => matches(r, i, m))) marks.push([ts[i].s, ts[i].e]);
    }
    ms.forEach((m) => {
      if (m.phrase) {
        occurrences(r, m.phrase).forEach((o) => {
          const last = Math.min(o + m.phrase.length, we) - 1;
          if (o >= ws && o < we) marks.push([ts[o].s, ts[last].e]);
        });
      }
    });
    marks.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
    const add = (f, t, match) => {
      if (f < t) segs.push({ text: DEC.decode(b.subarray(f, t)), match });
    };
    marks.forEach(([f, t]) => {
      if (t > pos) { add(pos, Math.max(pos, f), false); add(Math.max(pos, f), t, true); pos = t; }
    });
    add(pos, end, false);
    if (ws > 0) segs.unshift({ text: '\u2026', match: false });
    if (we < ts.length) segs.push({ text: '\u2026', match: false });
    return segs;
  }
  // Around the best cluster of part `part`, or its opening when it is a heading's part, or
  // around the best cluster of the description or any part, or the opening of the first
  // with text. None without the text.
  const excerpt = (page, ms, part, lib) => {
    ({ matches, occurrences, ENC, DEC } = lib);
    const p = page.parts[part], S = page.R.excerptBytes;
    let found = null, c;
    if (p) {
      if ((c = cluster(p, ms, S))) return segments(p, win(p, c, S), ms);
      if (part && p.ts.length) return segments(p, win(p, NONE, S), ms);
    }
    const runs = page.desc ? [page.desc].concat(page.parts) : [];
    runs.forEach((r) => {
      if ((c = cluster(r, ms, S)) && (!found || better(c, found[1]))) found = [r, c];
    });
    if (!found) {
      const r = runs.find((x) => x.ts.length);
      if (!r) return [];
      found = [r, NONE];
    }
    return segments(found[0], win(found[0], found[1], S), ms);
  };

  if (typeof module === 'object' && module.exports) module.exports = excerpt;
  else globalThis.lanternExcerpt = excerpt;
})();
