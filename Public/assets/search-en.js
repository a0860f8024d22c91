/* The English analyzer of Lantern's site search (search.js): Snowball's English (Porter2)
   stemmer, the twin of Sources/LanternKit/Search/Stemmer.swift. A file of its own, as
   search-es.js is, so that a search page downloads only its own language's stemmer: English
   search pages load it before search.js, which finds it in globalThis.lanternAnalyzers when it
   opens an English index. In Node, require() this file (which returns the analyzer) before
   searching one. */
(() => {
  'use strict';
  const has = (list, x) => list.indexOf(x) >= 0;
  const pairs = (s) => {
    const o = {};
    s.split(' ').forEach((p) => { const [a, b] = p.split(':'); o[a] = b || ''; });
    return o;
  };
  const EXC = pairs('skis:ski skies:sky idly:idl gently:gentl ugly:ugli early:earli only:onli ' +
    'singly:singl sky:sky news:news howe:howe atlas:atlas cosmos:cosmos bias:bias andes:andes');
  const STEP2 = pairs('tional:tion enci:ence anci:ance abli:able entli:ent izer:ize ization:ize ' +
    'ational:ate ation:ate ator:ate alism:al aliti:al alli:al fulness:ful ousli:ous ousness:ous ' +
    'iveness:ive iviti:ive biliti:ble bli:ble ogist:og ogi:og fulli:ful lessli:less li');
  const STEP3 = pairs('tional:tion ational:ate alize:al icate:ic iciti:ic ical:ic ful ness ative');
  const STEP4 = 'al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion'
    .split(' ');
  const isV = (c) => c !== undefined && has('aeiouy', c);

  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXC, word)) return EXC[word];
    if (word.length < 3 || /[^\x00-\x7f]/.test(word)) return word;
    let w = word, s, st, i, yFound = false;
    const at = (end, x) => end >= x.length && w.slice(end - x.length, end) === x;
    const longest = (list) =>
      list.reduce((best, x) => at(w.length, x) && x.length > best.length ? x : best, '');
    const hasV = (end) => Array.from(w.slice(0, end)).some(isV);
    const cut = (n, add) => { w = w.slice(0, w.length - n) + add; };
    const afterVC = (from) => {
      let k = from;
      while (k < w.length && !isV(w[k])) k++;
      while (k < w.length && isV(w[k])) k++;
      return k < w.length ? k + 1 : -1;
    };
    const shortSyl = (end) =>
      end >= 3 && !isV(w[end - 1]) && !has('wxY', w[end - 1]) && isV(w[end - 2]) &&
        !isV(w[end - 3]) ||
      end === 2 && !isV(w[1]) && isV(w[0]) || at(end, 'past');
    // Prelude: initial apostrophe; consonant y → Y.
    if (w[0] === "'") w = w.slice(1);
    for (i = 0; i < w.length; i++) {
      if (w[i] === 'y' && (i === 0 || isV(w[i - 1]))) {
        w = w.slice(0, i) + 'Y' + w.slice(i + 1);
        yFound = true;
      }
    }
    // Regions R1 (from p1) and R2 (from p2).
    let p1 = w.length, p2 = w.length;
    s = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ']
      .find((x) => w.indexOf(x) === 0);
    i = s ? s.length : afterVC(0);
    if (i >= 0) { p1 = i; i = afterVC(p1); p2 = i >= 0 ? i : w.length; }
    // Step 1a
    s = longest(["'", "'s", "'s'"]);
    cut(s.length, '');
    s = longest(['sses', 'ied', 'ies', 's', 'us', 'ss']);
    st = w.length - s.length;
    if (s === 'sses') cut(4, 'ss');
    else if (s === 'ied' || s === 'ies') cut(3, st >= 2 ? 'i' : 'ie');
    else if (s === 's' && st >= 1 && hasV(st - 1)) cut(1, '');
    // Step 1b
    s = longest(['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    st = w.length - s.length;
    step1b: if (s) {
      if (s[1] === 'e') {
        if (!has(['proc', 'exc', 'succ'], w.slice(0, st)) && st >= p1) cut(s.length, 'ee');
        break step1b;
      }
      if (s === 'ing') {
        if (at(st, 'y')) { if (st === 2 && !isV(w[0])) { cut(4, 'ie'); break step1b; } }
        else if (['inn', 'out', 'cann', 'herr', 'earr', 'even']
          .some((x) => at(st, x) && x.length === st)) break step1b;
      }
      if (!hasV(st)) break step1b;
      cut(s.length, '');
      const last = w[w.length - 1];
      if (at(w.length, 'at') || at(w.length, 'bl') || at(w.length, 'iz')) w += 'e';
      else if (w.length >= 2 && w[w.length - 2] === last && has('bdfgmnprt', last)) {
        if (!(w.length === 3 && has('aeo', w[0]))) cut(1, '');
      } else if (p1 === w.length && shortSyl(w.length)) w += 'e';
    }
    // Step 1c
    i = w.length;
    if (has('yY', w[i - 1]) && i >= 3 && !isV(w[i - 2])) cut(1, 'i');
    // Step 2
    s = longest(Object.keys(STEP2));
    st = w.length - s.length;
    if (s && st >= p1 && (s !== 'ogi' || at(st, 'l')) &&
      (s !== 'li' || st >= 1 && has('cdeghkmnrt', w[st - 1]))) {
      cut(s.length, STEP2[s]);
    }
    // Step 3
    s = longest(Object.keys(STEP3));
    st = w.length - s.length;
    if (s && st >= p1 && (s !== 'ative' || st >= p2)) cut(s.length, STEP3[s]);
    // Step 4
    s = longest(STEP4);
    st = w.length - s.length;
    if (s && st >= p2 && (s !== 'ion' || at(st, 's') || at(st, 't'))) cut(s.length, '');
    // Step 5
    st = w.length - 1;
    if (w[st] === 'e' ? st >= p2 || st >= p1 && !shortSyl(st)
      : w[st] === 'l' && st >= p2 && at(st, 'l')) cut(1, '');
    return yFound ? w.replace(/Y/g, 'y') : w;
  }

  // The analyzer as search.js's ANALYZERS holds the others: its stemmer and whether ñ stays ñ.
  const en = { stem, enye: false };
  globalThis.lanternAnalyzers = Object.assign(globalThis.lanternAnalyzers || {}, { en });
  if (typeof module === 'object' && module.exports) module.exports = en;
})();
