/* Lantern site search: runs in the visitor's browser against the index in /search/.
   Nothing is sent anywhere but this site. Mirrors Sources/LanternKit/Search (tokenizer,
   Porter2 stemmer, ranking); the parity test keeps the two in step. Index format:
   docs/search-index.md. In Node, require() returns the engine. */
(function () {
  'use strict';
  var ENC = new TextEncoder(), DEC = new TextDecoder();
  var VERSION = 1;

  // ---- Tokenizer (Tokenizer.swift) ----
  var FOLD = 'aaaaaa1ceeeeiiiidnooooo ouuuuy23aaaaaa1ceeeeiiiidnooooo ouuuuy2yaaaaaacccccccc' +
    'ddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssss' +
    'ttttttuuuuuuuuuuuuwwyyyzzzzzzs';
  var PAIRS = { 1: 'ae', 2: 'th', 3: 'ss', 4: 'ij', 5: 'oe' };
  // Kinds: 1 letter, 2 digit, 3 combining mark, 4 apostrophe, 5 joiner (- . ,), 6 separator,
  // 7 other word character.
  function utf8(cp) { return Array.from(ENC.encode(String.fromCodePoint(cp))); }
  function cls(b, i) {
    var c = b[i], n, cp, k;
    if (c < 128) {
      if (c >= 97 && c <= 122) return [1, 1];
      if (c >= 65 && c <= 90) return [1, 1, [c | 32]];
      if (c >= 48 && c <= 57) return [2, 1];
      if (c === 39) return [4, 1];
      return [c === 44 || c === 45 || c === 46 ? 5 : 6, 1];
    }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 31; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 15; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 7; }
    else return [6, 1];
    if (i + n > b.length) return [6, 1];
    for (k = 1; k < n; k++) {
      if ((b[i + k] & 0xC0) !== 0x80) return [6, 1];
      cp = cp << 6 | b[i + k] & 63;
    }
    if (cp <= 0xBF || cp === 0xD7 || cp === 0xF7) return [6, n];
    if (cp <= 0x17F) {
      var f = FOLD[cp - 0xC0];
      return [1, n, Array.from(ENC.encode(PAIRS[f] || f))];
    }
    if (cp >= 0x300 && cp <= 0x36F) return [3, n];
    if (cp >= 0x391 && cp <= 0x3A9 || cp >= 0x410 && cp <= 0x42F) return [1, n, utf8(cp + 32)];
    if (cp >= 0x400 && cp <= 0x40F) return [1, n, utf8(cp + 80)];
    if (cp === 0x2018 || cp === 0x2019) return [4, n];
    if (cp >= 0x2000 && cp <= 0x2BFF || cp >= 0x3000 && cp <= 0x303F ||
      cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF0F ||
      cp >= 0xFF1A && cp <= 0xFF20 || cp >= 0xFF3B && cp <= 0xFF40 ||
      cp >= 0xFF5B && cp <= 0xFF65 || cp >= 0x1F000) return [6, n];
    return [7, n];
  }
  function isWord(k) { return k === 1 || k === 2 || k === 7; }

  // Tokens of bytes b[from..<to]: {t: folded term, s: start byte, e: end byte}.
  function tokenize(b, from, to) {
    var out = [], buf = [], start = -1, end = 0, digits = true, long = false, i = from;
    function flush() {
      if (start >= 0 && !long && buf.length) {
        out.push({ t: DEC.decode(new Uint8Array(buf)), s: start, e: end });
      }
      start = -1; buf = []; long = false; digits = true;
    }
    function add(x) { if (buf.length < 64) buf.push(x); else long = true; }
    while (i < to) {
      var c = cls(b, i), k = c[0], n = c[1], j;
      if (isWord(k)) {
        if (start < 0) start = i;
        if (k !== 2) digits = false;
        if (c[2]) c[2].forEach(add); else for (j = i; j < i + n; j++) add(b[j]);
        end = i + n;
      } else if (k === 3) {
        if (start >= 0) end = i + n;
      } else if (k === 4) {
        if (start >= 0 && i + n < to && isWord(cls(b, i + n)[0])) { add(39); digits = false; }
        else flush();
      } else if (k !== 5 || !(start >= 0 && digits && i + 1 < to && b[i + 1] >= 48 &&
        b[i + 1] <= 57)) {
        flush();
      }
      i += n;
    }
    flush();
    return out;
  }
  function tokens(text) { var b = ENC.encode(text); return tokenize(b, 0, b.length); }

  // ---- Snowball English (Porter2) stemmer (Stemmer.swift) ----
  var EXC = {
    skis: 'ski', skies: 'sky', idly: 'idl', gently: 'gentl', ugly: 'ugli', early: 'earli',
    only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
    cosmos: 'cosmos', bias: 'bias', andes: 'andes'
  };
  var STEP2 = {
    tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize',
    ization: 'ize', ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al',
    alli: 'al', fulness: 'ful', ousli: 'ous', ousness: 'ous', iveness: 'ive', iviti: 'ive',
    biliti: 'ble', bli: 'ble', ogist: 'og', ogi: 'og', fulli: 'ful', lessli: 'less', li: ''
  };
  var STEP3 = {
    tional: 'tion', ational: 'ate', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic',
    ful: '', ness: '', ative: ''
  };
  var STEP4 = ('al ance ence er ic able ible ant ement ment ent ism ate iti ous ive ize ion')
    .split(' ');
  function isV(c) { return 'aeiouy'.indexOf(c) >= 0 && c !== ''; }
  function stem(word) {
    if (Object.prototype.hasOwnProperty.call(EXC, word)) return EXC[word];
    if (word.length < 3 || /[^\x00-\x7f]/.test(word)) return word;
    var w = word, p1, p2, i, s, st, yf = false;
    function at(end, x) { return end >= x.length && w.slice(end - x.length, end) === x; }
    function longest(list) {
      var best = null;
      list.forEach(function (x) { if (at(w.length, x) && (!best || x.length > best.length)) best = x; });
      return best;
    }
    function hasV(end) { for (var k = 0; k < end; k++) if (isV(w[k])) return true; return false; }
    function afterVC(from) {
      var k = from;
      while (k < w.length && !isV(w[k])) k++;
      if (k >= w.length) return -1;
      while (k < w.length && isV(w[k])) k++;
      return k < w.length ? k + 1 : -1;
    }
    function nonVWXY(c) { return !isV(c) && c !== 'w' && c !== 'x' && c !== 'Y'; }
    function shortSyl(end) {
      if (end >= 3 && nonVWXY(w[end - 1]) && isV(w[end - 2]) && !isV(w[end - 3])) return true;
      if (end === 2 && !isV(w[1]) && isV(w[0])) return true;
      return at(end, 'past');
    }
    function cut(n, add) { w = w.slice(0, w.length - n) + add; }
    // prelude
    if (w[0] === "'") w = w.slice(1);
    if (w[0] === 'y') { w = 'Y' + w.slice(1); yf = true; }
    for (i = 1; i < w.length; i++) {
      if (w[i] === 'y' && isV(w[i - 1])) { w = w.slice(0, i) + 'Y' + w.slice(i + 1); yf = true; }
    }
    // regions
    p1 = p2 = w.length;
    s = ['gener', 'commun', 'arsen', 'past', 'univers', 'later', 'emerg', 'organ']
      .filter(function (x) { return w.indexOf(x) === 0; })[0];
    i = s ? s.length : afterVC(0);
    if (i >= 0) { p1 = i; i = afterVC(p1); p2 = i >= 0 ? i : w.length; }
    // step 1a
    s = longest(["'", "'s", "'s'"]);
    if (s) cut(s.length, '');
    s = longest(['sses', 'ied', 'ies', 's', 'us', 'ss']);
    if (s) {
      st = w.length - s.length;
      if (s === 'sses') cut(4, 'ss');
      else if (s === 'ied' || s === 'ies') cut(3, st >= 2 ? 'i' : 'ie');
      else if (s === 's' && st >= 1 && hasV(st - 1)) cut(1, '');
    }
    // step 1b
    s = longest(['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    step1b: if (s) {
      st = w.length - s.length;
      if (s === 'eed' || s === 'eedly') {
        if (['proc', 'exc', 'succ'].indexOf(w.slice(0, st)) < 0 && st >= p1) cut(s.length, 'ee');
        break step1b;
      }
      if (s === 'ing') {
        if (at(st, 'y')) {
          if (st === 2 && !isV(w[0])) { cut(4, 'ie'); break step1b; }
        } else if (['inn', 'out', 'cann', 'herr', 'earr', 'even'].some(function (x) {
          return at(st, x) && x.length === st;
        })) break step1b;
      }
      if (!hasV(st)) break step1b;
      cut(s.length, '');
      var last = w[w.length - 1];
      if (at(w.length, 'at') || at(w.length, 'bl') || at(w.length, 'iz')) w += 'e';
      else if (w.length >= 2 && w[w.length - 2] === last && 'bdfgmnprt'.indexOf(last) >= 0) {
        if (!(w.length === 3 && 'aeo'.indexOf(w[0]) >= 0)) cut(1, '');
      } else if (p1 === w.length && shortSyl(w.length)) w += 'e';
    }
    // step 1c
    i = w.length;
    if ((w[i - 1] === 'y' || w[i - 1] === 'Y') && i >= 3 && !isV(w[i - 2])) cut(1, 'i');
    // step 2
    s = longest(Object.keys(STEP2));
    if (s) {
      st = w.length - s.length;
      if (st >= p1 && !(s === 'ogi' && !at(st, 'l')) &&
        !(s === 'li' && !(st >= 1 && 'cdeghkmnrt'.indexOf(w[st - 1]) >= 0))) {
        cut(s.length, STEP2[s]);
      }
    }
    // step 3
    s = longest(Object.keys(STEP3));
    if (s) {
      st = w.length - s.length;
      if (st >= p1 && !(s === 'ative' && st < p2)) cut(s.length, STEP3[s]);
    }
    // step 4
    s = longest(STEP4);
    if (s) {
      st = w.length - s.length;
      if (st >= p2 && !(s === 'ion' && !at(st, 's') && !at(st, 't'))) cut(s.length, '');
    }
    // step 5
    st = w.length - 1;
    if (w[st] === 'e') {
      if (st >= p2 || st >= p1 && !shortSyl(st)) cut(1, '');
    } else if (w[st] === 'l' && st >= p2 && at(st, 'l')) cut(1, '');
    return yf ? w.replace(/Y/g, 'y') : w;
  }

  // ---- Query parsing (QueryParser.swift) ----
  function parse(query, stops) {
    var b = ENC.encode(query), words = [], seg = 0, inQuote = false, i = 0, out;
    function text(s, e) { return DEC.decode(b.subarray(s, e)); }
    function close(end, quoteFollows) {
      var ts = tokenize(b, seg, end);
      if (inQuote) {
        if (ts.length) {
          words.push({ text: text(ts[0].s, ts[ts.length - 1].e),
            phrase: ts.map(function (t) { return t.t; }) });
        }
        return;
      }
      ts.forEach(function (t) {
        words.push({ text: text(t.s, t.e), term: t.t, prefix: !quoteFollows && t.e === b.length });
      });
    }
    while (i < b.length) {
      var q = b[i] === 34 ? 1 : b[i] === 0xE2 && i + 2 < b.length && b[i + 1] === 0x80 &&
        (b[i + 2] === 0x9C || b[i + 2] === 0x9D) ? 3 : 0;
      if (q) { close(i, true); inQuote = !inQuote; seg = i + q; i += q; } else i++;
    }
    close(b.length, false);
    out = { clauses: [], ignored: [] };
    words.forEach(function (c) {
      if (!c.phrase && stops.has(c.term) && !(c.prefix && words.length === 1)) {
        out.ignored.push(c.text);
      } else out.clauses.push(c);
    });
    return out;
  }

  // ---- Edit distance (EditDistance.swift) ----
  function distance(a, b, limit) {
    var n = a.length, m = b.length, i, j, p2, p, c, t, min;
    if (Math.abs(n - m) > limit) return -1;
    if (!n || !m) return Math.max(n, m) <= limit ? Math.max(n, m) : -1;
    p2 = new Array(m + 1).fill(0); p = []; c = new Array(m + 1).fill(0);
    for (j = 0; j <= m; j++) p[j] = j;
    for (i = 1; i <= n; i++) {
      c[0] = min = i;
      for (j = 1; j <= m; j++) {
        var v = Math.min(p[j] + 1, c[j - 1] + 1, p[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          v = Math.min(v, p2[j - 2] + 1);
        }
        c[j] = v; if (v < min) min = v;
      }
      if (min > limit) return -1;
      t = p2; p2 = p; p = c; c = t;
    }
    return p[m] <= limit ? p[m] : -1;
  }
  // Strings compare by UTF-16 unit; as bytes when not ASCII, to match the Swift engine.
  function units(s) { return /^[\x00-\x7f]*$/.test(s) ? s : Array.from(ENC.encode(s)); }
  function allowedEdits(bytes) {
    var n = 0;
    bytes.forEach(function (x) { if ((x & 0xC0) !== 0x80) n++; });
    return n >= 8 ? 2 : n >= 4 ? 1 : 0;
  }

  // ---- Index access (IndexReader.swift) ----
  var ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  function digit(ch) { return ALPHA.indexOf(ch); }
  function decodePostings(code) {
    var nums = [], v = 0, sh = 0, out = [], page = -1, i, d;
    for (i = 0; i < code.length; i++) {
      d = digit(code[i]); v += (d & 31) * Math.pow(2, sh);
      if (d >= 32) sh += 5; else { nums.push(v); v = 0; sh = 0; }
    }
    for (i = 0; i + 1 < nums.length; i += 2) { page += nums[i] + 1; out.push([page, nums[i + 1] + 1]); }
    return out;
  }
  function lastIndex(starts, value) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= value) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function bytesLess(a, b) { return a < b; } // UTF-16 order = byte order for the BMP

  // `load(name)` returns a promise of the parsed JSON file `name` of the index directory.
  function Engine(load) {
    this.load = load; this.files = {}; this.stems = new Map();
  }
  Engine.prototype.file = function (name) {
    if (!this.files[name]) this.files[name] = this.load(name);
    return this.files[name];
  };
  Engine.prototype.open = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.file('index.json').then(function (x) {
        if (x.version !== VERSION) throw new Error('search index version ' + x.version);
        self.x = x; self.termIndex = new Map();
        x.terms.forEach(function (t, i) { self.termIndex.set(t, i); });
        self.pop = Array.from(x.popularity).map(digit);
        self.stops = new Set(x.stopWords);
      });
    }
    return this.ready;
  };
  Engine.prototype.stem = function (w) {
    var s = this.stems.get(w);
    if (s === undefined) { s = stem(w); this.stems.set(w, s); }
    return s;
  };
  Engine.prototype.words = function () {
    var x = this.x;
    if (x.words) return Promise.resolve(x.words);
    return this.file('words.json').then(function (f) { return f.words; });
  };
  Engine.prototype.shardOf = function (id) {
    return this.x.shards ? lastIndex(this.x.shards, id) : -1;
  };
  Engine.prototype.postings = function (id) {
    var x = this.x, n = this.shardOf(id);
    if (n < 0) return Promise.resolve(decodePostings(x.postings[id]));
    return this.file('shard-' + n + '.json').then(function (s) {
      return decodePostings(s.postings[id - x.shards[n]]);
    });
  };
  Engine.prototype.page = function (id) {
    var k = this.x.pagesPerChunk, n = Math.floor(id / k), self = this;
    return this.file('pages-' + n + '.json').then(function (c) {
      return new PageText(c.pages[id - n * k], self);
    });
  };

  // ---- Ranking (Ranker.swift) ----
  Engine.prototype.popularFirst = function (a, b) {
    return this.pop[a] !== this.pop[b] ? this.pop[b] - this.pop[a] : a - b;
  };
  Engine.prototype.wordVariants = async function (word, prefix) {
    var self = this, x = this.x, vs = [], stemmed = this.stem(word), exact = this.termIndex.get(stemmed);
    if (exact !== undefined) vs.push({ terms: [exact], pct: 100, kind: stemmed === word ? 'exact' : 'stem', edits: 0 });
    if (prefix) {
      var found = new Set(), lo = 0, hi = x.terms.length, mid, len, typed = ENC.encode(word);
      while (lo < hi) { mid = (lo + hi) >> 1; if (bytesLess(x.terms[mid], word)) lo = mid + 1; else hi = mid; }
      while (lo < x.terms.length && x.terms[lo].indexOf(word) === 0) found.add(lo++);
      for (len = Math.max(3, typed.length - 4); len < Math.max(3, typed.length); len++) {
        var id = this.termIndex.get(DEC.decode(typed.subarray(0, len)));
        if (id !== undefined) found.add(id);
      }
      found.delete(exact);
      Array.from(found).sort(function (a, b) { return self.popularFirst(a, b); }).slice(0, 20)
        .forEach(function (id) { vs.push({ terms: [id], pct: 70, kind: 'prefix', edits: 0 }); });
    }
    if (!vs.length) vs = await this.typoVariants(word, stemmed);
    (x.synonyms[stemmed] || []).forEach(function (exp) {
      var ids = exp.map(function (t) { return self.termIndex.get(t); });
      if (ids.every(function (i) { return i !== undefined; })) {
        vs.push({ terms: ids, pct: 60, kind: 'synonym', edits: 0 });
      }
    });
    return vs;
  };
  Engine.prototype.typoVariants = async function (word, stemmed) {
    var self = this, typed = ENC.encode(word), limit = allowedEdits(typed), edits = new Map();
    if (!limit) return [];
    var uw = units(word), us = units(stemmed);
    function consider(id, d) { if (d >= 0 && (!edits.has(id) || d < edits.get(id))) edits.set(id, d); }
    this.x.terms.forEach(function (t, id) {
      var u = units(t), a = distance(uw, u, limit), b = distance(us, u, limit);
      consider(id, a < 0 ? b : b < 0 ? a : Math.min(a, b));
    });
    (await this.words()).forEach(function (w) {
      var d = distance(uw, units(w), limit);
      if (d >= 0) { var id = self.termIndex.get(self.stem(w)); if (id !== undefined) consider(id, d); }
    });
    return Array.from(edits.keys()).sort(function (a, b) {
      return edits.get(a) - edits.get(b) || self.popularFirst(a, b);
    }).slice(0, 10).map(function (id) {
      var n = edits.get(id);
      return { terms: [id], pct: [100, 60, 45][n], kind: 'typo', edits: n };
    });
  };
  Engine.prototype.resolve = async function (c) {
    var self = this, m = { clause: c, variants: [], scores: new Map(), stems: new Set(), phrase: c.phrase };
    m.label = c.phrase ? '"' + c.text + '"' : c.text;
    if (c.phrase) {
      var stems = c.phrase.filter(function (t) { return !self.stops.has(t); }).map(function (t) { return self.stem(t); });
      var ids = stems.map(function (t) { return self.termIndex.get(t); });
      if (stems.length && ids.every(function (i) { return i !== undefined; })) {
        m.variants = [{ terms: ids, pct: 100, kind: 'phrase', edits: 0 }];
      }
    } else m.variants = await this.wordVariants(c.term, c.prefix);
    var shards = new Set();
    m.variants.forEach(function (v) {
      v.terms.forEach(function (id) { m.stems.add(self.x.terms[id]); shards.add(self.shardOf(id)); });
    });
    return { m: m, shards: shards };
  };
  Engine.prototype.addScores = async function (v, scores) {
    var sums = new Map(), i, list;
    for (i = 0; i < v.terms.length; i++) {
      list = await this.postings(v.terms[i]);
      list.forEach(function (p) {
        var cur = sums.get(p[0]) || [0, 0];
        sums.set(p[0], [cur[0] + 1, cur[1] + p[1]]);
      });
    }
    sums.forEach(function (s, page) {
      if (s[0] === v.terms.length) {
        var score = Math.floor(s[1] / v.terms.length) * v.pct;
        if (score > (scores.get(page) || 0)) scores.set(page, score);
      }
    });
  };
  function byKey(a, b) { return b.key - a.key || a.page - b.page; }
  function allWords(ms) {
    var small = ms.reduce(function (a, b) { return b.scores.size < a.scores.size ? b : a; }), out = [];
    small.scores.forEach(function (_, page) {
      var total = 0;
      for (var i = 0; i < ms.length; i++) {
        if (!ms[i].scores.has(page)) return;
        total += ms[i].scores.get(page);
      }
      out.push({ page: page, key: total });
    });
    return out;
  }
  function someWords(ms) {
    var totals = new Map(), out = [];
    ms.forEach(function (m) {
      m.scores.forEach(function (s, page) {
        var cur = totals.get(page) || [0, 0];
        totals.set(page, [cur[0] + 1, cur[1] + s]);
      });
    });
    totals.forEach(function (t, page) { out.push({ page: page, key: t[0] * 1e8 + t[1] }); });
    return out;
  }
  Engine.prototype.choose = async function (ms, limit) {
    var self = this, missing = ms.filter(function (m) { return !m.scores.size; }).map(function (m) { return m.label; });
    var partial = false, cands = [], chosen = [], i, j, batch, texts;
    if (!missing.length) cands = allWords(ms);
    if (!cands.length) { partial = true; cands = someWords(ms); }
    cands.sort(byKey);
    var phrases = ms.filter(function (m) { return m.phrase; });
    if (partial || !phrases.length) return { chosen: cands.slice(0, limit), partial: partial, missing: missing };
    cands = cands.slice(0, 200);
    for (i = 0; i < cands.length && chosen.length < limit; i += limit) {
      batch = cands.slice(i, i + limit);
      texts = await Promise.all(batch.map(function (c) { return self.page(c.page); }));
      for (j = 0; j < batch.length && chosen.length < limit; j++) {
        if (phrases.every(function (m) { return texts[j].contains(m.phrase); })) chosen.push(batch[j]);
      }
    }
    if (chosen.length) return { chosen: chosen, partial: false, missing: [] };
    missing = phrases.map(function (m) { return m.label; });
    var others = ms.filter(function (m) { return !m.phrase; });
    if (!others.length) return { chosen: [], partial: true, missing: missing };
    var fb = await this.choose(others, limit);
    return { chosen: fb.chosen, partial: true, missing: missing.concat(fb.missing) };
  };
  // Resolves `query` and returns {results, partial, missing, words} like SearchEngine.swift.
  Engine.prototype.search = async function (query, limit) {
    limit = limit === undefined ? 10 : limit;
    await this.open();
    var self = this, q = parse(query, this.stops), rs = [], i, m;
    var resolved = await Promise.all(q.clauses.map(function (c) { return self.resolve(c); }));
    var shards = new Set();
    resolved.forEach(function (r) { r.shards.forEach(function (n) { if (n >= 0) shards.add(n); }); });
    await Promise.all(Array.from(shards).map(function (n) { return self.file('shard-' + n + '.json'); }));
    var ms = resolved.map(function (r) { return r.m; });
    for (i = 0; i < ms.length; i++) {
      for (var k = 0; k < ms[i].variants.length; k++) await this.addScores(ms[i].variants[k], ms[i].scores);
    }
    var out = {
      results: [], partial: false, missing: [],
      words: ms.map(function (m) {
        return { word: m.label, stop: false, matches: m.variants.map(function (v) {
          return { term: v.terms.map(function (id) { return self.x.terms[id]; }).join(' '), kind: v.kind, edits: v.edits };
        }) };
      }).concat(q.ignored.map(function (w) { return { word: w, stop: true, matches: [] }; }))
    };
    if (limit <= 0 || !ms.length) return out;
    var ch = await this.choose(ms, limit);
    var texts = await Promise.all(ch.chosen.map(function (c) { return self.page(c.page); }));
    ch.chosen.forEach(function (c, n) {
      var r = texts[n].present(ms);
      r.score = c.key + texts[n].proximity(ms);
      rs.push({ r: r, page: c.page, n: n });
    });
    rs.sort(function (a, b) { return b.r.score - a.r.score || a.page - b.page; });
    rs = rs.slice(0, limit);
    if (ch.partial && !ch.missing.length && rs.length) {
      m = ms.filter(function (x) { return !x.scores.has(rs[0].page); }).map(function (x) { return x.label; });
      ch.missing = m;
    }
    out.results = rs.map(function (x) { return x.r; });
    out.partial = ch.partial; out.missing = ch.missing;
    return out;
  };

  // ---- Page text (PageText.swift) ----
  function Run(text, eng) {
    this.text = text; this.bytes = null;
    this.tokens = tokens(text);
    this.stems = this.tokens.map(function (t) { return eng.stops.has(t.t) ? null : eng.stem(t.t); });
  }
  Run.prototype.matches = function (i, m) { var s = this.stems[i]; return s !== null && m.stems.has(s); };
  Run.prototype.count = function (m) {
    var n = 0; for (var i = 0; i < this.tokens.length; i++) if (this.matches(i, m)) n++; return n;
  };
  Run.prototype.occurrences = function (phrase) {
    var out = [], ts = this.tokens, i, k;
    for (i = 0; i + phrase.length <= ts.length; i++) {
      for (k = 0; k < phrase.length && ts[i + k].t === phrase[k]; k++);
      if (k === phrase.length && phrase.length) out.push(i);
    }
    return out;
  };
  function PageText(rec, eng) {
    this.rec = rec;
    this.runs = [new Run(rec.title, eng), new Run(rec.description, eng)];
    for (var i = 0; i < rec.parts.length; i++) {
      this.runs.push(new Run(rec.parts[i].heading, eng), new Run(rec.parts[i].text, eng));
    }
  }
  PageText.prototype.contains = function (phrase) {
    return this.runs.some(function (r) { return r.occurrences(phrase).length > 0; });
  };
  PageText.prototype.proximity = function (ms) {
    var bonus = 0, p, best, runs = this.runs;
    for (p = 0; p + 1 < ms.length; p++) {
      best = Infinity;
      runs.forEach(function (r) {
        for (var a = 0; a < r.tokens.length; a++) {
          if (!r.matches(a, ms[p])) continue;
          for (var b = 0; b < r.tokens.length; b++) {
            if (r.matches(b, ms[p + 1])) best = Math.min(best, Math.max(1, Math.abs(a - b)));
          }
        }
      });
      if (best < 6) bonus += (6 - best) * 400;
    }
    return bonus;
  };
  PageText.prototype.bestPart = function (ms) {
    var best = 0, bestScore = 0, k, score, h, t;
    for (k = 0; k < this.rec.parts.length; k++) {
      h = this.runs[2 + 2 * k]; t = this.runs[3 + 2 * k]; score = 0;
      ms.forEach(function (m) {
        score += 3 * h.count(m) + Math.min(t.count(m), 5);
        if (m.phrase && (h.occurrences(m.phrase).length || t.occurrences(m.phrase).length)) score += 20;
      });
      if (score > bestScore) { best = k; bestScore = score; }
    }
    return best;
  };
  function firstMatch(run, ms) {
    var first = -1;
    ms.forEach(function (m) {
      if (m.phrase) {
        var o = run.occurrences(m.phrase);
        if (o.length && (first < 0 || o[0] < first)) first = o[0];
      }
    });
    for (var i = 0; i < run.tokens.length; i++) {
      if (ms.some(function (m) { return run.matches(i, m); })) {
        if (first < 0 || i < first) first = i;
        break;
      }
    }
    return first;
  }
  PageText.prototype.excerpt = function (part, ms) {
    var desc = this.runs[1], hasBody = this.rec.parts.length > 0, run = hasBody ? this.runs[3 + 2 * part] : desc;
    if (firstMatch(run, ms) < 0 && firstMatch(desc, ms) >= 0) run = desc;
    else if (!run.tokens.length) run = desc;
    if (!run.tokens.length) return [];
    var b = ENC.encode(run.text), ts = run.tokens, first = Math.max(0, firstMatch(run, ms));
    var ws = Math.max(0, first - 8), we = Math.min(ts.length, ws + 30);
    var start = ws === 0 ? 0 : ts[ws].s, end = we === ts.length ? b.length : ts[we - 1].e;
    var marks = [], segs = [], pos = start, i;
    for (i = ws; i < we; i++) {
      if (ms.some(function (m) { return run.matches(i, m); })) marks.push([ts[i].s, ts[i].e]);
    }
    ms.forEach(function (m) {
      if (!m.phrase) return;
      run.occurrences(m.phrase).forEach(function (o) {
        if (o >= ws && o < we) marks.push([ts[o].s, ts[Math.min(o + m.phrase.length, we) - 1].e]);
      });
    });
    marks.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    function add(f, t, match) { if (f < t) segs.push({ text: DEC.decode(b.subarray(f, t)), match: match }); }
    marks.forEach(function (mk) {
      if (mk[1] <= pos) return;
      add(pos, Math.max(pos, mk[0]), false); add(Math.max(pos, mk[0]), mk[1], true); pos = mk[1];
    });
    add(pos, end, false);
    if (ws > 0) segs.unshift({ text: '\u2026', match: false });
    if (we < ts.length) segs.push({ text: '\u2026', match: false });
    return segs;
  };
  PageText.prototype.present = function (ms) {
    var rec = this.rec, part = this.bestPart(ms), p = rec.parts[part], anchor = p ? p.anchor : '';
    return {
      url: anchor ? rec.url + '#' + anchor : rec.url, title: rec.title, section: rec.section,
      heading: p ? p.heading : '', excerpt: this.excerpt(part, ms), score: 0
    };
  };

  var api = { Engine: Engine, tokens: tokens, stem: stem, parse: parse, distance: distance };

  // ---- Page behaviour ----
  function start(form) {
    var input = form.querySelector('input[type="search"]') || form.querySelector('input');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var filters = document.getElementById('search-filters');
    var base = new URL(form.getAttribute('data-index') || '/search/', location.href);
    var engine = null, seq = 0, last = null, chosen = '';
    if (!input || !list) return;
    function get(name) {
      var url = new URL(name, base);
      if (url.origin !== location.origin) return Promise.reject(new Error('cross-origin index'));
      return fetch(url.href, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(r.status + ' ' + url.pathname);
        return r.json();
      });
    }
    function ensure() {
      if (!engine) { engine = new Engine(get); engine.open().catch(function () {}); }
      return engine;
    }
    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    function say(text) { if (status) status.textContent = text; }
    function show(resp, q) {
      var sections = [], shown;
      resp.results.forEach(function (r) { if (sections.indexOf(r.section) < 0) sections.push(r.section); });
      if (sections.indexOf(chosen) < 0) chosen = '';
      shown = resp.results.filter(function (r) { return !chosen || r.section === chosen; });
      list.textContent = '';
      shown.forEach(function (r) {
        var li = el('li'), a = el('a', r.title), ex = el('p', '', 'search-excerpt');
        a.href = r.url;
        li.appendChild(a);
        var meta = [r.section, r.heading].filter(Boolean).join(' \u203a ');
        if (meta) li.appendChild(el('p', meta, 'search-meta'));
        r.excerpt.forEach(function (s) { ex.appendChild(s.match ? el('mark', s.text) : document.createTextNode(s.text)); });
        li.appendChild(ex);
        list.appendChild(li);
      });
      list.hidden = shown.length === 0;
      if (filters) {
        filters.textContent = '';
        var named = sections.filter(Boolean);
        if (named.length > 1) {
          var fs = el('fieldset'), all = [''].concat(named);
          fs.appendChild(el('legend', 'Show results from'));
          all.forEach(function (s, i) {
            var id = 'search-section-' + i, r = el('input'), l = el('label', s || 'All sections');
            r.type = 'radio'; r.name = 'search-section'; r.id = id; r.value = s; r.checked = s === chosen;
            r.addEventListener('change', function () { chosen = s; show(last, q); });
            l.htmlFor = id;
            fs.appendChild(r); fs.appendChild(l);
          });
          filters.appendChild(fs);
        }
      }
      if (!resp.results.length) say('No pages matched \u201c' + q + '\u201d. Try fewer words.');
      else if (resp.partial) {
        say('Showing pages that match some of your words.' +
          (resp.missing.length ? ' Not found: ' + resp.missing.join(', ') : ''));
      } else {
        say(shown.length + (shown.length === 1 ? ' result' : ' results') + ' for \u201c' + q + '\u201d' +
          (chosen ? ' in ' + chosen : ''));
      }
    }
    function run() {
      var q = input.value.trim(), n = ++seq;
      if (!q) { list.textContent = ''; list.hidden = true; if (filters) filters.textContent = ''; say(''); return; }
      ensure().search(input.value, 10).then(function (resp) {
        if (n !== seq) return;
        last = resp; show(resp, q);
      }).catch(function () { if (n === seq) say('Search is not available right now.'); });
    }
    function setURL(push) {
      var u = new URL(location.href);
      if (input.value) u.searchParams.set('q', input.value); else u.searchParams.delete('q');
      history[push ? 'pushState' : 'replaceState'](null, '', u.href);
    }
    list.hidden = true;
    input.addEventListener('focus', ensure);
    input.addEventListener('input', function () { setURL(false); run(); });
    form.addEventListener('submit', function (e) { e.preventDefault(); setURL(true); run(); });
    window.addEventListener('popstate', function () {
      input.value = new URL(location.href).searchParams.get('q') || ''; run();
    });
    document.addEventListener('keydown', function (e) {
      var t = e.target, tag = t && t.tagName;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable) return;
      e.preventDefault(); input.focus();
    });
    // Arriving with ?q= means the visitor already searched (a form on another page).
    var initial = new URL(location.href).searchParams.get('q');
    if (initial) { input.value = initial; run(); }
  }

  if (typeof module === 'object' && module.exports) module.exports = api;
  else if (typeof document !== 'undefined') {
    var boot = function () {
      var f = document.querySelector('[data-lantern-search]');
      if (f) start(f);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
    else boot();
  }
})();
