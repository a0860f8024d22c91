/* Lantern site search, run in the visitor's browser against /search/*.json; nothing is sent
   anywhere else. Mirrors Sources/LanternKit/Search (tokenizer, analyzers, ranking);
   the parity test keeps the two in step. Format: docs/search-index.md. In Node, require()
   returns the engine; in a page it starts on the [data-lantern-search] form. */
(() => {
  'use strict';
  const VERSION = 7, ENC = new TextEncoder(), DEC = new TextDecoder();
  // Where this script was loaded from (the theme's assets), while it runs.
  const SELF = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : '';
  const utf8 = (s) => Array.from(ENC.encode(s));
  const has = (list, x) => list.indexOf(x) >= 0;

  // ---- Tokenizer (Tokenizer.swift) ----
  // U+00C0...U+017F folded to ASCII; digits stand for ae, th, ss, ij, oe; space = separator.
  const FOLD = 'aaaaaa1ceeeeiiiidnooooo ouuuuy23aaaaaa1ceeeeiiiidnooooo ouuuuy2yaaaaaacccccccc' +
    'ddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrssssssss' +
    'ttttttuuuuuuuuuuuuwwyyyzzzzzzs';
  const PAIRS = ['', 'ae', 'th', 'ss', 'ij', 'oe'];
  const SEPARATORS = [0x2000, 0x2BFF, 0x3000, 0x303F, 0xFE30, 0xFE4F, 0xFF00, 0xFF0F, 0xFF1A,
    0xFF20, 0xFF3B, 0xFF40, 0xFF5B, 0xFF65, 0x1F000, 0x10FFFF];
  // [kind, byte length, folded bytes]. Kinds: 1 letter, 2 digit, 3 combining mark,
  // 4 apostrophe, 5 joiner (- . ,), 6 separator, 7 other word character. With `enye` (the
  // Spanish analyzer), Ñ and ñ stay ñ.
  function cls(b, i, enye) {
    const c = b[i];
    let n, cp;
    if (c < 128) {
      if (c >= 97 && c <= 122) return [1, 1];
      if (c >= 65 && c <= 90) return [1, 1, [c | 32]];
      if (c >= 48 && c <= 57) return [2, 1];
      return [c === 39 ? 4 : c === 44 || c === 45 || c === 46 ? 5 : 6, 1];
    }
    if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 31; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 15; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 7; }
    else return [6, 1];
    if (i + n > b.length) return [6, 1];
    for (let k = 1; k < n; k++) {
      if ((b[i + k] & 0xC0) !== 0x80) return [6, 1];
      cp = cp << 6 | b[i + k] & 63;
    }
    if (cp <= 0xBF || cp === 0xD7 || cp === 0xF7) return [6, n];
    if (enye && (cp === 0xD1 || cp === 0xF1)) return [1, n, [0xC3, 0xB1]];
    if (cp <= 0x17F) { const f = FOLD[cp - 0xC0]; return [1, n, utf8(PAIRS[f] || f)]; }
    if (cp >= 0x300 && cp <= 0x36F) return [3, n];
    if (cp >= 0x391 && cp <= 0x3A9 || cp >= 0x410 && cp <= 0x42F) {
      return [1, n, utf8(String.fromCodePoint(cp + 32))];
    }
    if (cp >= 0x400 && cp <= 0x40F) return [1, n, utf8(String.fromCodePoint(cp + 80))];
    if (cp === 0x2018 || cp === 0x2019) return [4, n];
    for (let k = 0; k < SEPARATORS.length; k += 2) {
      if (cp >= SEPARATORS[k] && cp <= SEPARATORS[k + 1]) return [6, n];
    }
    return [7, n];
  }
  const isWord = (k) => k === 1 || k === 2 || k === 7;

  // Tokens of bytes b[from..<to]: {t: folded term, s: start byte, e: end byte}.
  function tokenize(b, from, to, enye) {
    const out = [];
    let buf = [], start = -1, end = 0, digits = true, long = false, i = from;
    const flush = () => {
      if (start < 0) return;
      if (!long && buf.length) out.push({ t: DEC.decode(new Uint8Array(buf)), s: start, e: end });
      start = -1; buf = []; long = false; digits = true;
    };
    const add = (x) => { if (buf.length < 64) buf.push(x); else long = true; };
    while (i < to) {
      // Fast path for ASCII letters and digits, as in Tokenizer.swift: most of any page.
      const c = b[i];
      if (c >= 97 && c <= 122 || c >= 48 && c <= 57 || c >= 65 && c <= 90) {
        if (start < 0) start = i;
        if (c > 57) digits = false;
        add(c <= 90 && c >= 65 ? c | 32 : c);
        end = ++i;
        continue;
      }
      const [k, n, folded] = cls(b, i, enye);
      if (isWord(k)) {
        if (start < 0) start = i;
        if (k !== 2) digits = false;
        (folded || b.subarray(i, i + n)).forEach(add);
        end = i + n;
      } else if (k === 3) {
        if (start >= 0) end = i + n;
      } else if (k === 4 && start >= 0 && i + n < to && isWord(cls(b, i + n)[0])) {
        add(39); digits = false;
      } else if (!(k === 5 && start >= 0 && digits && i + 1 < to && b[i + 1] >= 48 &&
        b[i + 1] <= 57)) {
        flush();
      }
      i += n;
    }
    flush();
    return out;
  }
  const tokens = (text, enye) => { const b = ENC.encode(text); return tokenize(b, 0, b.length, enye); };

  // ---- Analyzers (Analyzer.swift), chosen by the index's "analyzer" ----
  // Stop words come with the index; an analyzer is its stemmer and whether ñ stays ñ. Each
  // stemmer is a file of its own, search-en.js and search-es.js, which only search pages of its
  // language load (in Node: require it), and which adds itself to globalThis.lanternAnalyzers.
  const ANALYZERS = {
    none: { stem: (w) => w, enye: false }
  };

  // ---- Query parsing (QueryParser.swift) ----
  function parse(query, stops, enye) {
    // seq: every word in order for the word-order bonus, {c: clause index} or {t: token}.
    const b = ENC.encode(query), words = [], out = { clauses: [], ignored: [], seq: [] };
    const text = (s, e) => DEC.decode(b.subarray(s, e));
    let seg = 0, quoted = false, i = 0;
    const close = (end, quoteFollows) => {
      const ts = tokenize(b, seg, end, enye);
      if (quoted) {
        if (ts.length) {
          words.push({ text: text(ts[0].s, ts[ts.length - 1].e), phrase: ts.map((t) => t.t) });
        }
      } else {
        ts.forEach((t) => words.push({
          text: text(t.s, t.e), term: t.t, prefix: !quoteFollows && t.e === b.length
        }));
      }
    };
    while (i < b.length) {
      const q = b[i] === 34 ? 1
        : b[i] === 0xE2 && b[i + 1] === 0x80 && (b[i + 2] === 0x9C || b[i + 2] === 0x9D) ? 3 : 0;
      if (q) { close(i, true); quoted = !quoted; seg = i + q; i += q; } else i++;
    }
    close(b.length, false);
    words.forEach((c) => {
      if (!c.phrase && stops.has(c.term) && !(c.prefix && words.length === 1)) {
        out.ignored.push(c.text);
        out.seq.push({ t: c.term });
      } else {
        if (c.phrase) c.phrase.forEach((t) => out.seq.push({ t }));
        else out.seq.push({ c: out.clauses.length });
        out.clauses.push(c);
      }
    });
    return out;
  }

  // Runs of neighbouring words (at most n) whose stems are a synonym key made one clause
  // {text, key}, the longest first from the left; the sequence names it once, where its first
  // word was (QueryParser.joiningKeys).
  function joinKeys(q, n, stemOf, isKey) {
    const cs = [], at = [];
    for (let i = 0; i < q.clauses.length;) {
      let k = Math.min(n, q.clauses.length - i);
      for (; k > 1; k--) {
        const run = q.clauses.slice(i, i + k);
        if (run.some((c) => c.phrase)) continue;
        const key = run.map((c) => stemOf(c.term)).join(' ');
        if (isKey(key)) {
          run.forEach(() => at.push(cs.length));
          cs.push({ text: run.map((c) => c.text).join(' '), key });
          break;
        }
      }
      if (k > 1) i += k;
      else { at.push(cs.length); cs.push(q.clauses[i++]); }
    }
    const named = new Set();
    return { clauses: cs, ignored: q.ignored, seq: q.seq.filter((x) => x.c === undefined ||
      !named.has(at[x.c]) && named.add(at[x.c])).map((x) => x.c === undefined ? x : { c: at[x.c] }) };
  }

  // ---- Numbers, postings, vocabulary and cards (IndexFormat.swift) ----
  const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const DIGIT = new Int8Array(128);
  for (let k = 0; k < 64; k++) DIGIT[ALPHA.charCodeAt(k)] = k;
  // A reader of the numbers in `s` from position `i`.
  const numbers = (s, i) => () => {
    let v = 0, sh = 0, d;
    do { d = DIGIT[s.charCodeAt(i++) & 127]; v += (d & 31) * 2 ** sh; sh += 5; } while (d > 31);
    return v;
  };
  // Where each term's postings start in the pages string `s` (each term's end with ".") and in
  // the impacts string `im` (one number per page, nothing between terms), and how many pages
  // each has.
  function offsets(s, im) {
    const starts = [0], at = [0], counts = [];
    let n = 0, k = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '.') {
        for (let c = n; c > 0 && k < im.length; k++) if (DIGIT[im.charCodeAt(k)] < 32) c--;
        starts.push(i + 1); at.push(k); counts.push(n); n = 0;
      } else if (DIGIT[s.charCodeAt(i)] < 32) n++;
    }
    return { s, im, starts, at, counts };
  }
  // Vocabulary (and the stop words, stored the same way): each term (" ", how many
  // characters it shares with the term before, the rest).
  function vocabulary(s) {
    const terms = [];
    for (let i = 0, j; i + 1 < s.length; i = j) {
      for (j = i + 2; j < s.length && s[j] !== ' ';) j++;
      terms.push((terms[terms.length - 1] || '').slice(0, ALPHA.indexOf(s[i + 1])) + s.slice(i + 2, j));
    }
    return terms;
  }
  // The anchor of a plain heading (IndexFormat.anchorGuess).
  const guess = (h) => h.replace(/[^ A-Za-z0-9_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff-]/g, '').replace(/ /g, '-').toLowerCase();

  // The parsed JSON of an index file's bytes (an ArrayBuffer or a Uint8Array). The text files
  // are gzip (Gzip.swift), known by their first two bytes: a host that sent one with
  // `Content-Encoding: gzip` has had the browser inflate it already. Without
  // DecompressionStream (Safari before 16.4) the promise fails; the page does not ask then.
  async function readIndexFile(bytes) {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    if (b[0] !== 0x1f || b[1] !== 0x8b) return JSON.parse(DEC.decode(b));
    // Through a Response's own stream: in Chromium three times as fast as a Blob's with text().
    return new Response(new Response(b).body.pipeThrough(new DecompressionStream('gzip'))).json();
  }

  // ---- Engine (IndexReader.swift, Ranker.swift) ----
  // `load(name)` returns a promise of the parsed JSON file `name` of the index folder;
  // `script(name)`, when given, of the theme's script `name` run (search-excerpt.min.js,
  // search-typos.min.js: in a browser they set globalThis.lanternExcerpt, lanternTypos; a
  // loader may instead give what they export). Without it the results have no excerpts and
  // no word is matched as a typo.
  class Engine {
    constructor(load, script) {
      this.load = load; this.script = script; this.files = {}; this.stems = new Map();
      this.post = new Map(); this.champs = new Map(); this.cards = new Map(); this.src = [];
      this.texts = new Map(); this.pages = new Map(); this.loading = {};
    }
    // The parsed file `name`, passed once through `use`. A failed fetch is forgotten, so the
    // next keystroke tries again.
    file(name, use) {
      return this.files[name] || (this.files[name] = this.load(name).then(use, (e) => {
        delete this.files[name];
        throw e;
      }));
    }
    open() {
      return this.ready || (this.ready = this.file('index.json', (x) => {
        if (x.version !== VERSION) throw new Error('search index version ' + x.version);
        const code = x.analyzer || 'en', an = ANALYZERS[code] || (globalThis.lanternAnalyzers || {})[code];
        if (!an) throw new Error('search index analyzer ' + code);
        this.an = an;
        this.x = x;
        this.terms = vocabulary(x.vocabulary);
        // words.json's words, decoded by search-typos.js ('' when the site has none).
        this.wordText = x.words ? null : '';
        this.ids = new Map(this.terms.map((t, i) => [t, i]));
        // Stop words and ranking constants come from the index (RankingSettings.swift).
        this.stops = new Set(vocabulary(x.stopWords));
        this.R = x.ranking;
        this.n = x.pageCount;
        this.starts = x.shards || [0];
        if (x.postings) {
          const o = this.src[0] = offsets(x.postings, x.impacts);
          this.pop = o.counts.map((c) => 31 - Math.clz32(c));
          this.addCards(x.cards, 0);
        } else this.pop = Array.from(x.popularity, (c) => ALPHA.indexOf(c));
      }).catch((e) => { this.ready = null; throw e; }));
    }
    // Cards of pages `first`, `first` + 1… or, with `gaps`, of the pages these numbers give.
    addCards(list, first, gaps) {
      const next = gaps && numbers(gaps, 0);
      let url = '', page = first - 1;
      list.forEach((c) => this.cards.set(page += next ? next() + 1 : 1, {
        url: url = url.slice(0, ALPHA.indexOf(c[0][0])) + c[0].slice(1),
        title: c[1], section: this.x.sections[c[2]], heads: c
      }));
    }
    stem(w) {
      let s = this.stems.get(w);
      if (s === undefined) this.stems.set(w, s = this.an.stem(w));
      return s;
    }
    shard(id) {
      let n = 0;
      while (this.starts[n + 1] <= id) n++;
      return n;
    }
    // Loads the shards of terms `ids`, all at once: one wave of requests.
    fetchShards(ids) {
      return Promise.all([...new Set(ids.map((id) => this.shard(id)))].map((n) => n ||
        !this.x.postings ? this.file(`shard-${n}.json`, (f) => {
        this.addCards(f.cards, 0, f.pages);
        this.src[n] = offsets(f.postings, f.impacts);
      }) : 0));
    }
    // Loads the cards of `pages` missing from the shards and, when `full`, their text and the
    // excerpt script: one wave of card chunks, text files and the script. Without the script
    // (it failed to load: the next search tries again) the results have no excerpts.
    fetch(pages, full) {
      const get = (have, k, name, add, ext = 'json') => [...new Set(pages.filter((p) => !have.has(p))
        .map((p) => p / k | 0))].map((n) => this.file(`${name}-${n}.${ext}`, add));
      const more = full && pages.length ? [this.need('search-excerpt.min.js', 'lanternExcerpt', 'ex')] : [];
      return Promise.all(get(this.cards, this.x.pagesPerChunk, 'cards',
        (f) => this.addCards(f.cards, f.start)).concat(full ? get(this.texts, this.x.pagesPerText,
        'text', (f) => f.pages.forEach((t, i) => this.texts.set(f.start + i, t)), 'json.gz') : [], more));
    }
    // {p: pages, i: impacts} of a term, decoded once; its shard must be loaded.
    postings(id) {
      let r = this.post.get(id);
      if (r) return r;
      const n = this.shard(id), src = this.src[n], t = id - this.starts[n];
      const next = numbers(src.s, src.starts[t]), impact = numbers(src.im, src.at[t]);
      const count = src.counts[t], p = new Int32Array(count), i = new Int32Array(count);
      for (let k = 0, page = -1; k < count; k++) { p[k] = page += next() + 1; i[k] = impact() + 1; }
      this.post.set(id, r = { p, i });
      return r;
    }
    // The term's champions: its x.champions highest-impact pages, lower pages first on ties
    // (the k-th highest impact from a histogram, as the builder finds them).
    champions(id) {
      let c = this.champs.get(id);
      if (c) return c;
      const { p, i } = this.postings(id), k = this.x.champions, n = p.length;
      c = [];
      if (n <= k) c = Array.from(p);
      else {
        let t = 0, above = 0, j;
        for (j = 0; j < n; j++) if (i[j] > t) t = i[j];
        const h = new Int32Array(t + 1);
        for (j = 0; j < n; j++) h[i[j]]++;
        while (above + h[t] < k) above += h[t--];
        for (j = 0, above = k - above; j < n; j++) {
          if (i[j] > t || i[j] === t && above-- > 0) c.push(p[j]);
        }
      }
      this.champs.set(id, c);
      return c;
    }
    popular(a, b) { return this.pop[b] - this.pop[a] || a - b; }
    // Loads the theme's script `name` once, through `script`: what it gives (or in a browser
    // sets as globalThis[global]) becomes this[key] (`ex`: the excerpts, `ty`: typo matching).
    // A failed load is forgotten, so the next search that needs it tries again.
    need(name, global, key) {
      if (this[key] || !this.script) return null;
      return this.loading[name] ||= this.script(name).then((f) => { this[key] = f || globalThis[global]; },
        () => { delete this.loading[name]; });
    }
    digit(c) { return ALPHA.indexOf(c); }

    variants(word, prefix) {
      const vs = [], stemmed = this.stem(word), exact = this.ids.get(stemmed), ts = this.terms, R = this.R;
      const v = (terms, pct, kind, edits) => vs.push({ terms, pct, kind, edits: edits || 0 });
      if (exact !== undefined) v([exact], R.exact, stemmed === word ? 'exact' : 'stem');
      if (prefix && Array.from(word).length >= R.minPrefix) {
        const found = new Set(), typed = ENC.encode(word);
        ts.forEach((t, id) => { if (t.startsWith(word)) found.add(id); });
        // Stems are often shorter than the word being typed ("medicat" → "medic").
        for (let len = Math.max(3, typed.length - 4); len < Math.max(3, typed.length); len++) {
          const id = this.ids.get(DEC.decode(typed.subarray(0, len)));
          if (id !== undefined) found.add(id);
        }
        found.delete(exact);
        Array.from(found).sort((a, b) => this.popular(a, b)).slice(0, R.prefixExpansions)
          .forEach((id) => v([id], R.prefix, 'prefix'));
      }
      if (!vs.length && this.ty) this.ty.typos(this, word, stemmed).forEach((t) => vs.push(t));
      return vs.concat(this.synonymVariants(stemmed));
    }
    // The expansions of synonym key `key` the index has every term of.
    synonyms(key) {
      const own = Object.prototype.hasOwnProperty;
      return own.call(this.x.synonyms, key) ? this.x.synonyms[key]
        : this.bridges && own.call(this.bridges, key) ? this.bridges[key] : null;
    }
    synonymVariants(key) {
      return (this.synonyms(key) || []).map((exp) => exp.map((t) => this.ids.get(t)))
        .filter((ids) => ids.every((i) => i !== undefined))
        .map((terms) => ({ terms, pct: this.R.synonym, kind: 'synonym', edits: 0 }));
    }
    resolve(c) {
      const m = {
        label: c.phrase ? `"${c.text}"` : c.text, phrase: c.phrase, variants: [], stems: new Set()
      };
      if (c.phrase) {
        const stems = c.phrase.filter((t) => !this.stops.has(t)).map((t) => this.stem(t));
        const ids = stems.map((t) => this.ids.get(t));
        if (stems.length && ids.every((i) => i !== undefined)) {
          m.variants = [{ terms: ids, pct: this.R.exact, kind: 'phrase', edits: 0 }];
        }
      } else if (c.key) {
        // The words themselves, all required, then what the key stands for.
        const ids = c.key.split(' ').map((t) => this.ids.get(t));
        if (ids.every((i) => i !== undefined)) m.variants.push({ terms: ids, pct: this.R.exact, kind: 'exact', edits: 0 });
        m.variants = m.variants.concat(this.synonymVariants(c.key));
      } else m.variants = this.variants(c.term, c.prefix);
      m.variants.forEach((v) => v.terms.forEach((id) => m.stems.add(this.terms[id])));
      return m;
    }
    // A clause's best score on each page: m.sc[page] (0: no match), m.pages the pages. A
    // variant of several terms needs them all, and scores the integer mean of their impacts.
    score(m) {
      const n = this.n, sc = m.sc = new Int32Array(n), pages = m.pages = [];
      const cnt = new Int32Array(n), sum = new Int32Array(n);
      m.variants.forEach((v) => {
        const touched = [];
        v.terms.forEach((id) => {
          const { p, i } = this.postings(id);
          for (let k = 0; k < p.length; k++) {
            if (!cnt[p[k]]++) touched.push(p[k]);
            sum[p[k]] += i[k];
          }
        });
        touched.forEach((page) => {
          const s = Math.floor(sum[page] / cnt[page]) * v.pct;
          if (cnt[page] === v.terms.length) {
            if (!sc[page]) pages.push(page);
            if (s > sc[page]) sc[page] = s;
          }
          cnt[page] = sum[page] = 0;
        });
      });
    }
    // Candidates {page, key} in key order, champions of the query's terms first; only
    // `need` of them are wanted, so the others are sorted only when too few champions match.
    rank(ms, partial, need) {
      const mark = new Uint8Array(this.n), cands = [];
      let total;
      ms.forEach((m) => m.variants.forEach((v) => v.terms.forEach((id) => {
        this.champions(id).forEach((p) => { mark[p] = 1; });
      })));
      if (!partial) {
        const small = ms.reduce((a, b) => b.pages.length < a.pages.length ? b : a);
        small.pages.forEach((page) => {
          let key = 0;
          for (const m of ms) {
            if (!m.sc[page]) return;
            key += m.sc[page];
          }
          cands.push({ page, key });
        });
      } else {
        total = new Map();
        ms.forEach((m) => m.pages.forEach((page) => {
          total.set(page, (total.get(page) || 0) + this.R.matchedWord + m.sc[page]);
        }));
        total.forEach((key, page) => cands.push({ page, key }));
      }
      const order = (a, b) => b.key - a.key || a.page - b.page;
      const champs = cands.filter((c) => mark[c.page]).sort(order);
      if (champs.length >= need) return champs;
      return champs.concat(cands.filter((c) => !mark[c.page]).sort(order));
    }
    // The pages to present, best first by postings score (Ranker.choose).
    async choose(ms, limit, full) {
      let missing = ms.filter((m) => !m.pages.length).map((m) => m.label);
      // At least R.readWindow pages are read, so a smaller limit gives the first results of a
      // larger one.
      const R = this.R, w = Math.max(limit, R.readWindow), phrases = ms.filter((m) => m.phrase), chosen = [];
      let partial = !!missing.length;
      let cands = partial ? [] : this.rank(ms, false, phrases.length ? R.phraseCheck : w);
      if (!cands.length) {
        partial = true;
        cands = this.rank(ms, true, w);
      }
      if (partial || !phrases.length) return { chosen: cands.slice(0, w), partial, missing };
      cands = cands.slice(0, R.phraseCheck);
      await this.fetch(cands.map((c) => c.page), full);
      for (const c of cands) {
        const t = this.page(c.page, full);
        if (phrases.every((m) => t.contains(m.phrase)) && chosen.push(c) === w) break;
      }
      if (chosen.length) return { chosen, partial: false, missing: [] };
      // No page has the phrase in order in its card: say so, and rank by the words, the
      // phrase's words still all required but in any order.
      const fb = await this.choose(ms.map((m) => ({ ...m, phrase: null })), limit, full);
      return { chosen: fb.chosen, partial: true, missing: phrases.map((m) => m.label).concat(fb.missing) };
    }
    // A page's card and, when `full`, its text (loaded by then), tokenized once.
    page(p, full) {
      const key = full ? ~p : p;
      let t = this.pages.get(key);
      if (!t) this.pages.set(key, t = new Page(this.cards.get(p), full && this.texts.get(p), this));
      return t;
    }
    // {results, partial, missing, words}, like SearchEngine.search in Swift. Without `full`,
    // from the cards alone (lantern search --cards-only), as soon as the shards are loaded;
    // with it, also from the text of the pages read, which it loads (one wave more).
    async search(query, limit = 10, full = false) {
      await this.open();
      let st = this.last;
      if (!st || st.query !== query) {
        let q = parse(query, this.stops, this.an.enye);
        // Synonyms of words no page uses (bridges.json), the words that typo matching and
        // Did you mean compare (words.json) and the script that compares them
        // (search-typos.min.js) are read by a query with such a word, at once. Without the
        // script (it failed to load: the next search tries again) no typo is matched.
        if (q.clauses.some((c) => !c.phrase && !this.ids.has(this.stem(c.term)))) {
          await Promise.all([
            this.x.bridges && !this.bridges && this.file('bridges.json', (f) => { this.bridges = f.synonyms; }),
            this.wordText === null && this.file('words.json', (f) => { this.wordText = f.words; }),
            this.need('search-typos.min.js', 'lanternTypos', 'ty')]);
        }
        q = joinKeys(q, this.R.keyWords, (t) => this.stem(t), (k) => !!this.synonyms(k));
        const ms = q.clauses.map((c) => this.resolve(c));
        await this.fetchShards([].concat(...ms.map((m) => [].concat(...m.variants.map((v) => v.terms)))));
        ms.forEach((m) => this.score(m));
        const suggestions = q.clauses.map((c, i) => !c.phrase && !c.key && !ms[i].pages.length &&
          this.ty && [c.text, this.ty.suggest(this, c.term)]).filter((x) => x && x[1] !== null);
        this.last = st = { query, q, ms, suggestions };
      }
      const { q, ms, suggestions } = st, out = {
        results: [], partial: false, missing: [], suggestions,
        words: ms.map((m) => ({
          word: m.label, stop: false,
          matches: m.variants.map((v) => ({
            term: v.terms.map((id) => this.terms[id]).join(' '), kind: v.kind, edits: v.edits
          }))
        })).concat(q.ignored.map((word) => ({ word, stop: true, matches: [] })))
      };
      if (limit <= 0 || !ms.length) return out;
      const ch = await this.choose(ms, limit, full);
      await this.fetch(ch.chosen.map((c) => c.page), full);
      let rs = ch.chosen.map((c) => {
        const t = this.page(c.page, full), order = t.order(q.seq, ms);
        const r = t.present(ms, order === this.R.titleOrder, ms.map((m) => m.sc[c.page]));
        r.score = c.key + t.proximity(ms) + order;
        return { r, page: c.page };
      });
      rs.sort((a, b) => b.r.score - a.r.score || a.page - b.page);
      rs = rs.slice(0, limit);
      if (ch.partial && !ch.missing.length && rs.length) {
        ch.missing = ms.filter((m) => !m.sc[rs[0].page]).map((m) => m.label);
      }
      out.results = rs.map((x) => x.r);
      out.partial = ch.partial;
      out.missing = ch.missing;
      return out;
    }
  }

  // ---- Page text (PageText.swift): the card's title and headings, and the page's text
  // once loaded ----
  // A run of text: its tokens and their stems (null for stop words).
  const run = (text, eng) => {
    const ts = tokens(text, eng.an.enye);
    return { text, ts, stems: ts.map((t) => eng.stops.has(t.t) ? null : eng.stem(t.t)) };
  };
  const matches = (r, i, m) => r.stems[i] !== null && m.stems.has(r.stems[i]);
  const count = (r, m) => r.ts.reduce((n, _, i) => n + matches(r, i, m), 0);
  // The query's words, stop words included, in order (other words may come between).
  const inOrder = (r, seq, ms) => {
    let k = 0;
    r.ts.forEach((t, i) => {
      const x = seq[k];
      if (x && (x.t === undefined ? matches(r, i, ms[x.c]) : t.t === x.t)) k++;
    });
    return k === seq.length;
  };
  const occurrences = (r, phrase) =>
    r.ts.map((_, i) => i).filter((i) => phrase.every((p, k) => (r.ts[i + k] || {}).t === p));
  // What search-excerpt.js uses of this file, given with each call.
  const EXCERPT_LIB = { matches, occurrences, ENC, DEC };
  class Page {
    constructor(card, text, eng) {
      const r = (s) => run(s, eng);
      this.card = card;
      this.eng = eng;
      this.R = eng.R;
      this.heads = card.heads.slice(3).map((h) => typeof h === 'string' ? [h, guess(h)] : h);
      this.title = r(card.title);
      this.hs = this.heads.map((h) => r(h[0]));
      this.desc = text && r(text.description);
      this.parts = text ? text.parts.map(r) : [];
      this.runs = [this.title].concat(this.hs, text ? [this.desc] : [], this.parts);
    }
    contains(phrase) { return this.runs.some((r) => occurrences(r, phrase).length); }
    proximity(ms) {
      let bonus = 0;
      for (let p = 0; p + 1 < ms.length; p++) {
        let best = Infinity;
        this.runs.forEach((r) => r.ts.forEach((_, a) => {
          if (matches(r, a, ms[p])) {
            r.ts.forEach((_, b) => {
              if (matches(r, b, ms[p + 1])) best = Math.min(best, Math.max(1, Math.abs(a - b)));
            });
          }
        }));
        if (best < this.R.proximityReach) bonus += (this.R.proximityReach - best) * this.R.proximityPoints;
      }
      return bonus;
    }
    // A title or else a heading with every query word in the query's order.
    order(seq, ms) {
      if (seq.length < 2) return 0;
      if (inOrder(this.title, seq, ms)) return this.R.titleOrder;
      if (this.hs.some((r) => inOrder(r, seq, ms))) return this.R.headingOrder;
      // A question in other small words than the heading's: its words of content, in order.
      const content = seq.filter((x) => x.t === undefined);
      return content.length > 1 && [this.title].concat(this.hs).some((r) => inOrder(r, content, ms))
        ? this.R.contentOrder : 0;
    }
    // The part that matches best: each clause gives its score `sc[c]` to the parts whose
    // heading has it and to the part where it weighs most (R.partHeading and R.partBody per word); the
    // part given most, the first on ties (0: the top of the page).
    bestPart(ms, sc) {
      const votes = this.hs.map(() => 0).concat(0);
      ms.forEach((m, c) => {
        if (!sc[c]) return;
        const given = new Set();
        let heavy = 0, part = 0;
        this.hs.forEach((h, k) => { if (count(h, m)) given.add(k + 1); });
        this.parts.forEach((r, k) => {
          const w = k < votes.length ? this.R.partBody * count(r, m) + (k ? this.R.partHeading * count(this.hs[k - 1], m) : 0) : 0;
          if (w > heavy) { heavy = w; part = k; }
        });
        if (heavy) given.add(part);
        given.forEach((k) => { votes[k] += sc[c]; });
      });
      return votes.reduce((best, v, k) => v > votes[best] ? k : best, 0);
    }
    // The excerpt, as segments: search-excerpt.js, which the search page loads with the
    // pages' text (none before it has come, or without the text).
    excerpt(ms, part) {
      return this.eng.ex ? this.eng.ex(this, ms, part, EXCERPT_LIB) : [];
    }
    // A title that reads like the query links to the top of the page.
    present(ms, top, sc) {
      const c = this.card, part = this.bestPart(ms, sc), head = !top && part && this.heads[part - 1];
      return {
        url: head ? `${c.url}#${head[1]}` : c.url, title: c.title, section: c.section,
        heading: head ? head[0] : '', excerpt: this.excerpt(ms, part), score: 0
      };
    }
  }

  // ---- The search page ----
  // The interface text, from the theme's strings (Templates/strings/LANGUAGE.yaml, the keys
  // under `search`), which the page holds in <script type="application/json" id="search-strings">:
  // `say('results', {count: 3, query: 'x'})` picks the plural form by Intl.PluralRules and
  // fills in each {{name}}.
  function wording(doc) {
    const node = doc.getElementById('search-strings');
    let data = {};
    try { data = JSON.parse(node ? node.textContent : '{}'); } catch (e) { data = {}; }
    const table = data.strings || {};
    let rules = null;
    try { rules = new Intl.PluralRules(data.language || undefined); } catch (e) { rules = null; }
    return (key, values = {}) => {
      let text = table[key];
      if (text && typeof text === 'object') {
        const form = rules && typeof values.count === 'number' ? rules.select(values.count) : 'other';
        text = text[form] || text.other;
      }
      if (typeof text !== 'string') return key;
      return text.replace(/\{\{\s*([A-Za-z_]+)\s*\}\}/g, (m, name) =>
        Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m);
    };
  }

  function start(form) {
    const t = wording(document);
    const input = form.querySelector('input[type="search"]') || form.querySelector('input');
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    const filters = document.getElementById('search-filters');
    // Shown when nothing matched: "Did you mean", the crisis line and the main sections.
    const suggest = document.getElementById('search-suggest');
    const next = document.getElementById('search-next');
    const base = new URL(form.getAttribute('data-index') || '/search/', location.href);
    // `kept`: the current history entry holds a finished search, so typing starts a new one.
    let engine = null, seq = 0, last = null, section = '', kept = false;
    if (!input || !list) return;
    const get = (name) => {
      const url = new URL(name, base);
      if (url.origin !== location.origin) return Promise.reject(new Error('cross-origin index'));
      return fetch(url.href, { credentials: 'same-origin' }).then((r) => {
        if (!r.ok) throw new Error(`${r.status} ${url.pathname}`);
        return r.arrayBuffer().then(readIndexFile);
      });
    };
    // The excerpt script, beside this one, same-origin like the index.
    const script = (name) => new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(name, SELF || location.href).href;
      s.onload = () => resolve();
      s.onerror = () => { s.remove(); reject(new Error(`cannot load ${name}`)); };
      document.head.appendChild(s);
    });
    const ensure = () => {
      if (!engine) { engine = new Engine(get, script); engine.open().catch(() => { engine = null; }); }
      return engine;
    };
    const el = (tag, text, cls) => {
      const e = document.createElement(tag);
      if (text) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    };
    // `again`: the same search again (with the pages' text, or another section): what did not
    // change stays as it is, and the live region says nothing new unless its words change.
    const say = (text, again) => {
      if (status && !(again && status.textContent === text)) status.textContent = text;
    };
    const key = (r) => r.url.split('#')[0];
    // How long the results wait for the pages' text (ms): on most connections it comes within
    // this, and the list is drawn once, in its final order. When the results themselves or
    // the last text took longer (a slow network), the results show at once instead.
    const patience = 150;
    let textDelay = 0;
    // The visitor has touched, focused or scrolled the results since they were shown: from
    // then on they keep their order, so that no result moves under a finger about to tap it.
    let handled = false;
    ['pointerdown', 'focusin', 'wheel', 'touchmove', 'keydown'].forEach((type) => {
      list.addEventListener(type, () => { handled = true; }, { passive: true });
    });
    addEventListener('scroll', () => { handled = true; }, { passive: true });
    // The answer with the pages' text, in the order of the answer shown before it: the pages
    // shown keep their places (those the text rules out drop away), new pages come after.
    const inShownOrder = (full, shown) => {
      const place = new Map(shown.results.map((r, i) => [key(r), i]));
      const kept = full.results.filter((r) => place.has(key(r)))
        .sort((a, b) => place.get(key(a)) - place.get(key(b)));
      return Object.assign({}, full, { results: kept.concat(full.results.filter((r) => !place.has(key(r)))) });
    };
    function show(resp, q, again) {
      const sections = [];
      resp.results.forEach((r) => { if (!has(sections, r.section)) sections.push(r.section); });
      if (!has(sections, section)) section = '';
      const shown = resp.results.filter((r) => !section || r.section === section);
      const named = sections.filter(Boolean);
      let items = Array.from(list.children), had;
      // The same pages in the same order keep their list items (and focus); otherwise the
      // list is made again, focus kept on the same page's link.
      if (!again || items.length !== shown.length || items.some((li, i) => li.k !== key(shown[i]))) {
        had = again && items.find((li) => li.contains(document.activeElement));
        list.textContent = '';
        items = shown.map(() => list.appendChild(el('li')));
      }
      items.forEach((li, i) => {
        const r = shown[i], a = li.firstChild || li.appendChild(el('a')), ex = el('p', '', 'search-excerpt');
        const meta = [r.section, r.heading].filter(Boolean).join(' \u203a ');
        const href = new URL(r.url, location.href);
        li.k = key(r);
        a.textContent = r.title;
        if (href.origin === location.origin) a.href = href.href; // never javascript: or off-site
        while (a.nextSibling) a.nextSibling.remove();
        if (meta) li.appendChild(el('p', meta, 'search-meta'));
        r.excerpt.forEach((s) => {
          ex.appendChild(s.match ? el('mark', s.text) : document.createTextNode(s.text));
        });
        li.appendChild(ex);
        if (had && had.k === li.k) a.focus();
      });
      list.hidden = !shown.length;
      if (filters && !(again && filters.k === named.join('\n'))) {
        filters.textContent = '';
        filters.k = named.join('\n');
        if (named.length > 1) {
          const fs = el('fieldset');
          fs.appendChild(el('legend', t('filter_legend')));
          [''].concat(named).forEach((s, i) => {
            const r = el('input'), l = el('label', s || t('all_sections'));
            r.type = 'radio'; r.name = 'search-section'; r.id = l.htmlFor = `search-section-${i}`;
            r.value = s; r.checked = s === section;
            r.addEventListener('change', () => { section = s; show(last, q, true); });
            fs.append(r, l, ' ');
          });
          filters.appendChild(fs);
        }
      }
      const count = shown.length;
      // "Did you mean": the query with each word found nowhere replaced by the nearest word.
      let better = q;
      (resp.suggestions || []).forEach(([w, s]) => { better = better.replace(w, s); });
      const offer = better !== q && !resp.results.length;
      if (suggest && !(again && suggest.k === (offer ? better : ''))) {
        suggest.textContent = '';
        suggest.k = offer ? better : '';
        if (offer) {
          const b = el('button', better);
          b.type = 'button';
          b.addEventListener('click', () => { input.value = better; setURL(true); run(); input.focus(); });
          suggest.append(t('did_you_mean_label') + ' ', b);
        }
      }
      if (suggest) suggest.hidden = !offer;
      if (next) next.hidden = resp.results.length > 0;
      if (!resp.results.length) {
        say(t('no_results', { query: q }) + (offer ? ' ' + t('did_you_mean', { query: better }) : ''), again);
      }
      else if (resp.partial) {
        say(t('partial') +
          (resp.missing.length ? ' ' + t('not_found', { words: resp.missing.join(', ') }) : ''), again);
      } else {
        say(section ? t('results_in', { count, query: q, section }) : t('results', { count, query: q }), again);
      }
    }
    function run() {
      const v = input.value, q = v.trim(), n = ++seq;
      if (!q) {
        list.textContent = '';
        list.hidden = true;
        if (suggest) suggest.hidden = true;
        if (next) next.hidden = true;
        if (filters) filters.textContent = '';
        return say('');
      }
      const e = ensure(), started = performance.now();
      e.search(v, 10).then((resp) => {
        if (n !== seq) return;
        // Then the text of the pages read, for excerpts cut from it and a better order: one
        // more wave. The list is busy until it arrives (or fails, and the results stay as they
        // are). What arrives within `patience` ms is shown at once, with the results; after
        // that the results show first and the text fills them in.
        let shown = false;
        const asked = performance.now();
        list.setAttribute('aria-busy', 'true');
        const early = setTimeout(() => {
          if (n !== seq) return;
          shown = true;
          handled = false;
          show(last = resp, q);
        }, textDelay > patience || asked - started > patience ? 0 : patience);
        const fill = (full) => {
          clearTimeout(early);
          textDelay = performance.now() - asked;
          if (n !== seq) return;
          list.setAttribute('aria-busy', 'false');
          if (!shown) return show(last = full || resp, q);
          show(last = full ? (handled ? inShownOrder(full, resp) : full) : last, q, true);
        };
        // A browser that cannot inflate the text files (Safari before 16.4) keeps the results
        // as they are, without downloading text it could not read on every search.
        if (typeof DecompressionStream !== 'function') return fill();
        e.search(v, 10, true).then(fill, () => fill());
      }).catch(() => { if (n === seq) say(t('unavailable')); });
    }
    const setURL = (submit) => {
      const u = new URL(location.href);
      if (input.value) u.searchParams.set('q', input.value); else u.searchParams.delete('q');
      if (u.href !== location.href) {
        history[submit || kept ? 'pushState' : 'replaceState'](null, '', u.href);
      }
      kept = submit;
    };
    list.hidden = true;
    input.addEventListener('focus', ensure);
    // A short pause before searching, so fast typing does not fetch pages for every letter.
    let timer = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { setURL(false); run(); }, 150);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(timer);
      setURL(true);
      run();
    });
    addEventListener('popstate', () => {
      input.value = new URL(location.href).searchParams.get('q') || '';
      kept = true;
      run();
    });
    document.addEventListener('keydown', (e) => {
      const t = e.target;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (t && (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable)) return;
      e.preventDefault();
      input.focus();
    });
    // Arriving with ?q= means the visitor already searched (a form on another page).
    const initial = new URL(location.href).searchParams.get('q');
    if (initial) { input.value = initial; kept = true; run(); }
  }

  const api = { Engine, tokens, ANALYZERS, parse, wording, readIndexFile };
  if (typeof module === 'object' && module.exports) module.exports = api;
  else if (typeof document !== 'undefined') {
    const boot = () => {
      const f = document.querySelector('[data-lantern-search]');
      if (f) start(f);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
    else boot();
  }
})();
