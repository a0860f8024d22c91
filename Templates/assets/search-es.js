/* The Spanish analyzer of Lantern's site search (search.js): Snowball's Spanish stemmer,
   spanish.sbl of Snowball 3, the twin of Sources/LanternKit/Search/SpanishStemmer.swift, and ñ
   kept apart from n. A file of its own so that only Spanish search pages download it: they load
   it before search.js, which finds it in globalThis.lanternAnalyzers when it opens a Spanish
   index. In Node, require() this file (which returns the analyzer) before searching one. */
(() => {
  'use strict';
  // A suffix list of Snowball's (an `among`) as the stemmer reads it, [suffixes, case], each
  // suffix split into characters once, here.
  const among = (xs, c) => [xs.split(' ').map((x) => Array.from(x)), c];
  const ES_PRONOUNS = [among('me se sela selo selas selos la le lo las les los nos', 1)];
  // Verb endings an attached pronoun may follow, and what they become once it goes.
  const ES_HOSTS = { iéndo: 'iendo', ándo: 'ando', ár: 'ar', ér: 'er', ír: 'ir', ando: '',
    iendo: '', ar: '', er: '', ir: '', yendo: '' };
  const ES_HOST_SUFFIXES = Object.keys(ES_HOSTS).map((x) => [[Array.from(x)], x]);
  // Standard suffixes by case (standard_suffix): [suffixes, case].
  const ES_STANDARD = [
    among('anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa ' +
      'osos osas amiento amientos imiento imientos', 1),
    among('adora ador ación acion adoras adores aciones ante antes ancia ancias', 2),
    among('logía logías', 3), among('ución uciones ucion', 4), among('encia encias', 5),
    among('amente', 6), among('mente', 7), among('idad idades', 8), among('iva ivo ivas ivos', 9)
  ];
  // What a standard suffix's case may remove after it, in R2 (inR2).
  const ES_AFTER = Object.fromEntries(['ic', 'iv os ic ad', 'at', 'ante able ible', 'abil ic iv']
    .map((xs) => [xs, [among(xs, 1)]]));
  const ES_Y = [among('ya ye yan yen yeron yendo yo yó yas yes yais yamos', 1)];
  const ES_VERB = [among('en es éis emos', 1), among(
    'arían arías arán arás aríais aría aréis aríamos aremos ará aré erían erías erán erás ' +
    'eríais ería eréis eríamos eremos erá eré irían irías irán irás iríais iría iréis ' +
    'iríamos iremos irá iré aba ada ida ía ara iera ad ed id ase iese aste iste an aban ' +
    'ían aran ieran asen iesen aron ieron ado ido ando iendo ió ar er ir as abas adas ' +
    'idas ías aras ieras ases ieses ís áis abais íais arais ierais aseis ieseis asteis ' +
    'isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos', 2)];
  const ES_RESIDUAL = [among('os a o á í ó', 1), among('e é', 2)];
  const ES_ACUTE = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' };
  const isVes = (c) => c !== undefined && 'aeiouáéíóúü'.includes(c);

  function stemSpanish(word) {
    let w = Array.from(word);
    const n = w.length, V = (i) => isVes(w[i]);
    const ends = (a, end, floor) => {
      const st = end - a.length;
      return st >= (floor || 0) && a.every((c, k) => w[st + k] === c);
    };
    // The longest suffix of `groups` ([suffixes, case]) ending at `end`: {c: case, len, x}.
    const longest = (groups, end, floor) => {
      let best = null;
      groups.forEach(([xs, c]) => xs.forEach((a) => {
        if ((!best || a.length > best.len) && ends(a, end, floor)) best = { c, len: a.length, x: a };
      }));
      return best;
    };
    const past = (from, vowel) => {  // just past the next vowel (or non-vowel) from `from`
      let i = from;
      while (i < w.length && V(i) !== vowel) i++;
      return i < w.length ? i + 1 : -1;
    };
    const pastVC = (from) => { const i = past(from, true); return i < 0 ? -1 : past(i, false); };
    // Regions RV (from pV), R1 (from p1), R2 (from p2).
    let pV = n, p1 = n, p2 = n, i;
    if (n >= 2) {
      if (V(0)) i = V(1) ? past(2, false) : past(2, true);
      else i = V(1) ? (n >= 3 ? 3 : -1) : past(2, true);
      if (i >= 0) pV = i;
    }
    i = pastVC(0);
    if (i >= 0) { p1 = i; i = pastVC(p1); if (i >= 0) p2 = i; }
    const cut = (len, add) => { w = w.slice(0, w.length - len).concat(Array.from(add || '')); };
    const inR2 = (xs) => {
      const f = longest(ES_AFTER[xs], w.length);
      if (f && w.length - f.len >= p2) { cut(f.len); return f.x.join(''); }
      return null;
    };
    // Attached pronoun
    let f = longest(ES_PRONOUNS, w.length);
    if (f) {
      const end = w.length - f.len, h = longest(ES_HOST_SUFFIXES, end);
      if (h && end - h.len >= pV) {
        if (ES_HOSTS[h.c]) w = w.slice(0, end - h.len).concat(Array.from(ES_HOSTS[h.c]));
        else if (h.c !== 'yendo' || w[end - h.len - 1] === 'u') w = w.slice(0, end);
      }
    }
    // Standard suffix, or else a verb suffix beginning with y, or else another verb suffix.
    let done = false;
    f = longest(ES_STANDARD, w.length);
    if (f) {
      const st = w.length - f.len;
      if (f.c === 6 ? st >= p1 : st >= p2) {
        done = true;
        cut(f.len, f.c === 3 ? 'log' : f.c === 4 ? 'u' : f.c === 5 ? 'ente' : '');
        if (f.c === 2) inR2('ic');
        else if (f.c === 6) { if (inR2('iv os ic ad') === 'iv') inR2('at'); }
        else if (f.c === 7) inR2('ante able ible');
        else if (f.c === 8) inR2('abil ic iv');
        else if (f.c === 9) inR2('at');
      }
    }
    if (!done) {
      f = longest(ES_Y, w.length, pV);
      if (f && w.length - f.len > 0 && w[w.length - f.len - 1] === 'u') { cut(f.len); done = true; }
    }
    if (!done) {
      f = longest(ES_VERB, w.length, pV);
      if (f) {
        let st = w.length - f.len;
        if (f.c === 1 && st >= 2 && w[st - 1] === 'u' && w[st - 2] === 'g') st--;
        w = w.slice(0, st);
      }
    }
    // Residual suffix
    f = longest(ES_RESIDUAL, w.length);
    if (f && w.length - f.len >= pV) {
      const st = w.length - f.len;
      cut(f.len);
      if (f.c === 2 && st >= 2 && w[st - 1] === 'u' && w[st - 2] === 'g' && st - 1 >= pV) cut(1);
    }
    return w.map((c) => ES_ACUTE[c] || c).join('');
  }

  // The analyzer as search.js's ANALYZERS holds the others: its stemmer and whether ñ stays ñ.
  const es = { stem: stemSpanish, enye: true };
  globalThis.lanternAnalyzers = Object.assign(globalThis.lanternAnalyzers || {}, { es });
  if (typeof module === 'object' && module.exports) module.exports = es;
})();
