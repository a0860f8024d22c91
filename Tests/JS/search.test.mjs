// Node tests of the browser search engine, Templates/assets/search.js, against the real site
// built by the debug binary: the query set (Tests/Fixtures/search-queries.json) finds its
// pages, and for every query the JavaScript engine gives exactly what the Swift engine
// (`lantern search --json -`) gives, on the single-file and on the sharded index, both before
// the pages' text arrives (`--cards-only`) and with it.
// Run from the repository root after `swift build`: node --test Tests/JS/  (Node 20, no packages)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync }
  from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { REPO, LANTERN, requireLantern, fileEngine, flatten, assertMinifiedFrom } from './helpers.mjs';

const SCRIPT = join(REPO, 'Templates', 'assets', 'search.js');
// What the search page loads: search.js minified by `make search-js`.
const MINIFIED = join(REPO, 'Templates', 'assets', 'search.min.js');
const search = createRequire(import.meta.url)(SCRIPT);
// A file's bytes, through Node's own zlib when its name says gzip (the text files).
const gunzipIfNamed = (name, bytes) => (name.endsWith('.gz') ? gunzipSync(bytes) : bytes);
// search.min.js holds the English analyzer too, which adds itself to globalThis.lanternAnalyzers
// (where the engine finds it when it opens an English index) as it loads.
const searchMin = createRequire(import.meta.url)(MINIFIED);
const englishMin = globalThis.lanternAnalyzers.en;
const english = createRequire(import.meta.url)(join(REPO, 'Templates', 'assets', 'search-en.js'));
// What pages in other languages load: the engine without the English stemmer.
const searchCore = createRequire(import.meta.url)(join(REPO, 'Templates', 'assets', 'search-core.min.js'));
const QUERY_FILE = JSON.parse(
  readFileSync(join(REPO, 'Tests', 'Fixtures', 'search-queries.json'), 'utf8'));
const QUERY_SET = QUERY_FILE.queries;

// ---- Sites built for the tests, in a temporary folder ----

requireLantern();
const work = mkdtempSync(join(tmpdir(), 'lantern-js-tests-'));
after(() => rmSync(work, { recursive: true, force: true }));

function build(name, config, content = join(REPO, 'Content')) {
  const output = join(work, name);
  execFileSync(LANTERN, ['build', '--config', config, '--content', content,
    '--templates', join(REPO, 'Templates'), '--output', output, '--quiet'], { cwd: REPO });
  return join(output, 'search');
}

// The repository's site.yaml with a 1 KB shard threshold: the same site, sharded.
function shardedConfig() {
  const yaml = readFileSync(join(REPO, 'site.yaml'), 'utf8');
  const path = join(work, 'site-sharded.yaml');
  writeFileSync(path, /^search:[ \t]*$/m.test(yaml)
    ? yaml.replace(/^search:[ \t]*$/m, 'search:\n  shard_kb: 1')
    : `${yaml}\nsearch:\n  shard_kb: 1\n`);
  return path;
}

const single = build('single', join(REPO, 'site.yaml'));
const sharded = build('sharded', shardedConfig());

// A one-page site whose title is markup, to check that index data stays inert text.
const HOSTILE_TITLE = '<img src=x onerror=alert(1)>';
function hostileSite() {
  const content = join(work, 'hostile-content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, '_index.md'), '---\ntitle: Home\n---\n\nA tiny site.\n');
  writeFileSync(join(content, 'evil.md'),
    `---\ntitle: "${HOSTILE_TITLE}"\ndescription: "Text with </script> & <b>tags</b>."\n---\n\n` +
    'Text about onerror and <script>alert(2)</script> written out.\n');
  const config = join(work, 'hostile.yaml');
  writeFileSync(config, 'title: Hostile\nbase_url: https://example.org\n');
  return build('hostile', config, content);
}

// ---- Helpers ----

// search.js with the excerpts' source, search.min.js with the minified excerpts.
const engine = (dir, log, api = search) => fileEngine(api, dir, log, api === search);

// With `cardsOnly`, what the browser shows before the pages' text arrives.
function swiftResults(dir, queries, limit = 10, cardsOnly = false) {
  const out = execFileSync(LANTERN,
    ['search', '--json', '--site', dirname(dir), '--limit', String(limit), '-']
      .concat(cardsOnly ? ['--cards-only'] : []),
    { input: queries.join('\n') + '\n', maxBuffer: 64 << 20 });
  return JSON.parse(out.toString()).map(({ query, ...rest }) => rest);
}

const pageOf = (url) => url.split('#')[0];

// More queries for parity: typos, prefixes, phrases, synonyms, stop words, partial matches.
const EXTRA_QUERIES = [
  'dbt', 'cbt', 'rehab', 'meds', 'teen', 'cost', 'what to bring', 'relapse triggers',
  '"out of pocket"', '"what to bring"', 'anxeity', 'depresion', 'medicat', 'insur',
  'xyzzy therapy', 'xyzzy', 'the', 'group therapy skills', 'eating disorders teen',
  'co-occurring', 'Therapie', '"family workshop"', 'inpatient vs iop', '"family xyzzy" therapy',
  'what is', 'how do i pay for an iop', 'Café', 'call 1-800-662-4357', 'iop', 'help',
  'PHQ-9', '9', '98', 'GAD-7', 'a',
];
// Each query of the set also with a typo (two neighbouring letters of its longest word
// swapped, or a letter dropped), finished (a space after it: no prefix), quoted as a phrase,
// and with a word no page has: synonyms both ways, phrases and zero-result queries come in.
function variants(query) {
  const words = query.replace(/"/g, '').split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
  const i = Math.floor(longest.length / 2);
  const swapped = longest.slice(0, i - 1) + longest[i] + longest[i - 1] + longest.slice(i + 1);
  const dropped = longest.slice(0, i) + longest.slice(i + 1);
  return [query, query.replace(longest, longest.length > 5 ? swapped : dropped), `${query} `,
    `"${query.replace(/"/g, '')}"`, `${query} qqzx`];
}
// The queries the request tests read: those of the first query set (55) and the extra ones.
const WAVE_QUERIES = [...new Set([...QUERY_SET.slice(0, 55).map((q) => q.query), ...EXTRA_QUERIES])];
const PARITY_QUERIES = [...new Set([...QUERY_SET, ...QUERY_FILE.misses]
  .flatMap((q) => variants(q.query)).concat(EXTRA_QUERIES))];

test('the parity set is large and has every kind of query', () => {
  assert.ok(PARITY_QUERIES.length >= 500, `${PARITY_QUERIES.length} queries`);
  for (const q of ['adolescent', 'teen', 'psych doctor', 'xyzzy', '"what to bring"', 'anxeity']) {
    assert.ok(PARITY_QUERIES.includes(q), q);
  }
});

// ---- The script itself ----

test('the script loads in Node without a DOM and exposes the engine', () => {
  for (const name of ['Engine', 'tokens', 'parse', 'wording']) {
    assert.equal(typeof search[name], 'function', name);
  }
});

test('search.min.js was made from this search-en.js and search.js, and the page loads it', () => {
  assertMinifiedFrom(['search-en.js', 'search.js'], 'search.min.js');
  for (const name of ['Engine', 'tokens', 'parse', 'wording']) {
    assert.equal(typeof searchMin[name], 'function', name);
  }
  const page = readFileSync(join(single, 'index.html'), 'utf8');
  assert.ok(page.includes('<script src="/assets/search.min.js" defer>'));
});

test('the excerpts come with the text: search-excerpt.min.js, made from search-excerpt.js', async () => {
  assertMinifiedFrom('search-excerpt.js', 'search-excerpt.min.js');
  for (const api of [search, searchMin]) {
    const asked = [];
    const e = new api.Engine(async (name) => search.readIndexFile(readFileSync(join(single, name))),
      async (name) => { asked.push(name); return createRequire(import.meta.url)(join(REPO, 'Templates', 'assets', name)); });
    const first = await e.search('family therapy');
    assert.deepEqual(asked, [], 'the first results need no excerpt script');
    assert.ok(first.results.length && first.results.every((r) => r.excerpt.length === 0));
    const full = await e.search('family therapy', 10, true);
    assert.deepEqual(asked, ['search-excerpt.min.js']);
    assert.ok(full.results.every((r) => r.excerpt.some((x) => x.match)), 'every result has an excerpt with the words marked');
    await e.search('relapse triggers', 10, true);
    assert.deepEqual(asked, ['search-excerpt.min.js'], 'loaded once');
  }
  // A failed load leaves the results ranked with the text but without excerpts, and the next
  // search tries again.
  let tries = 0;
  const e = new search.Engine(async (name) => search.readIndexFile(readFileSync(join(single, name))),
    async () => { tries++; throw new Error('offline'); });
  const text = await fileEngine(search, single).search('family therapy', 10, true);
  const bare = await e.search('family therapy', 10, true);
  assert.deepEqual(bare.results.map((r) => r.url), text.results.map((r) => r.url));
  assert.ok(bare.results.every((r) => r.excerpt.length === 0));
  await e.search('relapse triggers', 10, true);
  assert.equal(tries, 2);
});

test('typo matching and Did you mean come with words.json: search-typos.min.js, made from search-typos.js', async () => {
  assertMinifiedFrom('search-typos.js', 'search-typos.min.js');
  const typos = createRequire(import.meta.url)(join(REPO, 'Templates', 'assets', 'search-typos.min.js'));
  assert.equal(typeof typos.typos, 'function');
  for (const api of [search, searchMin]) {
    const asked = [];
    const e = new api.Engine(async (name) => { asked.push(name); return search.readIndexFile(readFileSync(join(single, name))); },
      async (name) => { asked.push(name); return createRequire(import.meta.url)(join(REPO, 'Templates', 'assets', name)); });
    await e.search('family therapy');
    assert.deepEqual(asked, ['index.json'], 'a search in the site\'s own words needs no typo script');
    const typo = await e.search('anxeity');
    assert.deepEqual(asked.slice(1).sort(), ['bridges.json', 'search-typos.min.js', 'words.json']);
    assert.equal(pageOf(typo.results[0].url), '/conditions/anxiety/');
    const none = await e.search('xyzzyq familly');
    assert.ok(none.suggestions.length || none.results.length, 'Did you mean, or results for the typo');
    assert.equal(asked.filter((n) => n === 'search-typos.min.js').length, 1, 'loaded once');
  }
  // A failed load leaves the words the site uses found, typos unmatched, and the next search
  // with a word no page uses tries again.
  let tries = 0;
  const e = new search.Engine(async (name) => search.readIndexFile(readFileSync(join(single, name))),
    async () => { tries++; throw new Error('offline'); });
  assert.deepEqual((await e.search('anxeity')).results, []);
  assert.ok((await e.search('anxiety')).results.length);
  await e.search('depresion');
  assert.equal(tries, 2);
});

test('only English search pages load the English stemmer: search.min.js, not search-core.min.js', () => {
  assertMinifiedFrom('search.js', 'search-core.min.js');
  for (const api of [search, searchMin, searchCore]) {
    assert.equal(api.ANALYZERS.en, undefined, 'the English stemmer is in search-en.js');
  }
  assert.notEqual(englishMin, english, 'search.min.js brings its own copy of the English analyzer');
  assert.equal(englishMin.stem('medications'), 'medic');
  const englishPage = readFileSync(join(single, 'index.html'), 'utf8');
  const spanishPage = readFileSync(join(single, '..', 'es', 'search', 'index.html'), 'utf8');
  assert.ok(englishPage.includes('<script src="/assets/search.min.js" defer>'));
  assert.ok(!englishPage.includes('search-core') && !spanishPage.includes('search.min.js'),
    'a search page loads one engine, with its own language\'s stemmer only');
});

test('only Spanish search pages load the Spanish stemmer: search-es.min.js, made from search-es.js and search.js', () => {
  assertMinifiedFrom(['search-es.js', 'search.js'], 'search-es.min.js');
  const english = readFileSync(join(single, 'index.html'), 'utf8');
  const spanish = readFileSync(join(single, '..', 'es', 'search', 'index.html'), 'utf8');
  assert.ok(!english.includes('search-es'), 'the English search page loads the Spanish stemmer');
  assert.deepEqual([...spanish.matchAll(/<script src="([^"]+)" defer>/g)].map((m) => m[1]), ['/assets/search-es.min.js'],
    'the Spanish search page loads the engine with the Spanish stemmer, and no other engine');
});

test('the script never uses innerHTML, eval or cross-origin fetches', () => {
  const source = readFileSync(SCRIPT, 'utf8');
  for (const file of [source, readFileSync(MINIFIED, 'utf8')]) {
    assert.ok(!/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/
      .test(file));
  }
  assert.ok(source.includes('url.origin !== location.origin'));
  assert.ok(source.includes('textContent'));
});

// The search UI's words come from the page (the theme's strings), never from the script.
const pageWith = (json) => ({
  getElementById: (id) => (id === 'search-strings' && json !== null ? { textContent: json } : null)
});

test('the search UI speaks the strings the page holds, with plural forms by language', () => {
  const built = readFileSync(join(REPO, 'Public', 'search', 'index.html'), 'utf8');
  const json = built.match(/<script type="application\/json" id="search-strings">(.*?)<\/script>/)[1];
  for (const api of [search, searchMin]) {
    const t = api.wording(pageWith(json));
    assert.equal(t('results', { count: 1, query: 'iop' }), '1 result for \u201ciop\u201d');
    assert.equal(t('results', { count: 3, query: 'iop' }), '3 results for \u201ciop\u201d');
    assert.equal(t('results_in', { count: 2, query: 'x', section: 'Therapies' }),
      '2 results for \u201cx\u201d in Therapies');
    assert.equal(t('no_results', { query: 'zzz' }), 'No pages matched \u201czzz\u201d. Try fewer words.');
  }
  const es = search.wording(pageWith(JSON.stringify({ language: 'es', strings: {
    results: { one: '{{count}} resultado', many: '{{count}} de resultados', other: '{{count}} resultados' }
  } })));
  assert.equal(es('results', { count: 1 }), '1 resultado');
  assert.equal(es('results', { count: 4 }), '4 resultados');
  // A page without the strings shows keys, not English the script would have made up.
  assert.equal(search.wording(pageWith(null))('unavailable'), 'unavailable');
});

test('no words of the interface are left in the script', () => {
  const source = readFileSync(SCRIPT, 'utf8');
  for (const words of ['results for', 'No pages matched', 'Show results from', 'All sections',
    'not available', 'Not found:', 'Showing pages']) {
    assert.ok(!source.includes(words), words);
  }
});

test('tokenizer folds accents and case, keeps apostrophes and phone numbers', () => {
  const terms = (s) => search.tokens(s).map((t) => t.t);
  assert.deepEqual(terms('Café NAÏVE Straße'), ['cafe', 'naive', 'strasse']);
  assert.deepEqual(terms('Don’t call 988 or 1-800-662-4357.'),
    ["don't", 'call', '988', 'or', '18006624357']);
  assert.deepEqual(terms("parents' co-occurring"), ['parents', 'co', 'occurring']);
});

test('stemmer agrees with Snowball on a sample', () => {
  const pairs = { generously: 'generous', consign: 'consign', knightly: 'knight', skies: 'sky',
    dying: 'die', news: 'news', generate: 'generat', communism: 'communism', arsenal: 'arsenal',
    past: 'past', gently: 'gentl', therapies: 'therapi', relational: 'relat', hopping: 'hop' };
  for (const analyzer of [english, englishMin]) {
    for (const [word, stem] of Object.entries(pairs)) assert.equal(analyzer.stem(word), stem, word);
    assert.equal(analyzer.enye, false);
  }
});

test('the query parser keeps every word in order for the word-order bonus', () => {
  const stops = new Set(['what', 'is', 'an', 'the']);
  const q = search.parse('what is an iop "the plan"', stops);
  assert.deepEqual(q.clauses.map((c) => c.text), ['iop', 'the plan']);
  assert.deepEqual(q.ignored, ['what', 'is', 'an']);
  assert.deepEqual(q.seq, [{ t: 'what' }, { t: 'is' }, { t: 'an' }, { c: 0 },
    { t: 'the' }, { t: 'plan' }]);
});

// ---- The built indexes ----

test('the test sites have the layouts they are meant to have', () => {
  const layout = (dir) => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).layout;
  assert.equal(layout(single), 'single');
  assert.equal(layout(sharded), 'sharded');
  assert.ok(readdirSync(sharded).filter((n) => n.startsWith('shard-')).length > 3);
});

for (const [name, dir, api] of [['single', single, search], ['sharded', sharded, search],
  ['single, search.min.js', single, searchMin], ['sharded, search.min.js', sharded, searchMin]]) {
  test(`query set (${name} index): mean reciprocal rank and top 3, the misses included`, async () => {
    const e = engine(dir, null, api);
    let rr = 0, top = 0;
    const all = [...QUERY_SET, ...QUERY_FILE.misses];
    for (const { query, expect } of all) {
      const rank = (await e.search(query, 10, true)).results.map((r) => pageOf(r.url)).indexOf(expect) + 1;
      if (rank) rr += 1 / rank;
      if (rank && rank <= 3) top++;
    }
    console.log(`query set (JS, ${name}): mean reciprocal rank ${(rr / all.length).toFixed(3)}, top 3 ${top}/${all.length}`);
    assert.ok(rr / all.length >= 0.88);
  });
  test(`query set (${name} index): every expected page is in the first 3 results`, async (t) => {
    const e = engine(dir, null, api);
    for (const { query, expect } of QUERY_SET) {
      await t.test(query, async () => {
        const urls = (await e.search(query, 10, true)).results.map((r) => pageOf(r.url));
        assert.ok(urls.slice(0, 3).includes(expect),
          `${JSON.stringify(query)}: ${expect} not in ${urls.slice(0, 3).join(' ')}`);
        // Before the text arrives (titles and headings only), the page is already shown.
        const first = (await e.search(query, 10)).results.map((r) => pageOf(r.url));
        assert.ok(first.includes(expect), `${JSON.stringify(query)}: ${expect} not in ${first}`);
      });
    }
  });

  for (const full of [false, true]) {
    const state = full ? 'with the text' : 'before the text';
    test(`parity with the Swift engine (${name} index, ${state}, ${PARITY_QUERIES.length} queries)`,
      async () => {
        const swift = swiftResults(dir, PARITY_QUERIES, 10, !full);
        assert.equal(swift.length, PARITY_QUERIES.length);
        const e = engine(dir, null, api);
        for (const [i, query] of PARITY_QUERIES.entries()) {
          // Whole responses: ranked URLs with anchors, scores, titles, sections, headings,
          // excerpts with their marks, partial, missing words and every word's explanation.
          assert.deepEqual(flatten(await e.search(query, 10, full)), swift[i], query);
        }
      });
  }
}

test('parity holds for a smaller limit too, and it gives the first results of limit 10',
  async () => {
    const queries = QUERY_SET.map((q) => q.query);
    const swift = swiftResults(single, queries, 3);
    const e = engine(single);
    for (const [i, query] of queries.entries()) {
      const three = flatten(await e.search(query, 3, true));
      assert.deepEqual(three, swift[i], query);
      const ten = flatten(await e.search(query, 10, true));
      assert.deepEqual(three.results, ten.results.slice(0, 3), query);
    }
  });

test('sharded and single-file indexes give the same answers', async () => {
  // One pair of engines for each state, kept warm from query to query as on the page (the
  // requests tests start cold).
  for (const full of [false, true]) {
    const [s, one] = [engine(sharded), engine(single)];
    for (const query of PARITY_QUERIES) {
      assert.deepEqual(flatten(await s.search(query, 10, full)),
        flatten(await one.search(query, 10, full)), query);
    }
  }
});

// ---- The pages' text: excerpts and links ----

test('with the text, excerpts show the words searched for, and results link to their part',
  async () => {
    const e = engine(single);
    let shown = 0, marked = 0, linked = 0;
    for (const { query } of QUERY_SET) {
      for (const r of (await e.search(query, 10, true)).results) {
        shown++;
        if (r.excerpt.some((s) => s.match)) marked++;
        if (r.url.includes('#')) linked++;
        // A window of the text: words over at most 180 bytes, with "…" where it is cut (and
        // the punctuation around them where the text ends).
        const words = r.excerpt.map((s) => s.text).join('').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        assert.ok(Buffer.byteLength(words) <= 180, `${r.url}: ${words}`);
      }
    }
    // Before the text (format 2 kept no page text): 153 of 414 marked, 126 linked.
    assert.ok(marked >= 0.9 * shown, `${marked} of ${shown} excerpts show a searched word`);
    assert.ok(linked >= 0.8 * shown, `${linked} of ${shown} results link to a heading`);

    // A word found only in a part's text: the link goes to that part, the excerpt is its text.
    const r = (await e.search('vodka', 10, true)).results[0];
    assert.equal(r.url, '/family/supporting-a-loved-one/#if-you-are-a-worried-parent');
    assert.equal(r.heading, 'If you are a worried parent');
    assert.deepEqual(r.excerpt.filter((s) => s.match).map((s) => s.text), ['vodka']);
    const before = (await e.search('vodka', 10)).results[0];
    assert.deepEqual([before.url, before.excerpt], ['/family/supporting-a-loved-one/', []]);
  });

// ---- Ranking behaviours ----

test('a title with the query words in order, stop words included, comes first', async () => {
  const r = await engine(single).search('what is an iop');
  assert.equal(r.results[0].url, '/iop/what-is-an-iop/'); // the page itself, not a section
  assert.deepEqual(r.words.filter((w) => w.stop).map((w) => w.word), ['what', 'is', 'an']);
  const iop = (await engine(single).search('iop')).results[0].score;
  assert.ok(r.results[0].score >= iop + 2000);
});

test('typo, prefix and synonym matches are explained', async () => {
  const e = engine(single);
  const kinds = async (q) => (await e.search(q)).words[0].matches.map((m) => m.kind);
  assert.ok((await kinds('anxeity')).includes('typo'));
  assert.ok((await kinds('medicat')).includes('prefix'));
  assert.ok((await kinds('rehab')).includes('synonym'));
  assert.deepEqual(await kinds('dbt '), ['exact']);
  // A one-character last word is no prefix ("9" would start "988"); two characters are.
  assert.deepEqual(await kinds('9'), ['exact']);
  assert.ok((await kinds('98')).includes('prefix'));
});

test('partial matches: words found nowhere are reported, never dropped', async () => {
  const e = engine(single);
  const r = await e.search('xyzzy therapy', 10, true);
  assert.equal(r.partial, true);
  assert.deepEqual(r.missing, ['xyzzy']);
  assert.ok(r.results.length > 0);
  // The word that was found is marked wherever a result's excerpt has it.
  for (const x of r.results) {
    const text = x.excerpt.map((s) => s.text).join('');
    if (search.tokens(text).some((t) => english.stem(t.t) === 'therapi')) {
      assert.ok(x.excerpt.some((s) => s.match && /therap/i.test(s.text)), x.url);
    }
  }
  assert.ok(r.results.some((x) => x.excerpt.some((s) => s.match)));

  const none = await e.search('xyzzy');
  assert.deepEqual([none.results.length, none.missing], [0, ['xyzzy']]);

  // A quoted phrase no page has: said so, and the other words still rank pages.
  const phrase = await e.search('"family xyzzy" therapy');
  assert.equal(phrase.partial, true);
  assert.deepEqual(phrase.missing, ['"family xyzzy"']);
  assert.ok(phrase.results.length > 0);

  // Pages with more of the words come before pages with fewer.
  const some = await e.search('medicare xyzzy deductible');
  assert.equal(some.partial, true);
  assert.ok(some.results[0].score > 200_000_000, 'the best page matches two of three words');
});

test('quoted phrases match in order, stop words included', async () => {
  const r = await engine(single).search('"what to bring"', 10, true);
  assert.equal(r.partial, false);
  assert.equal(pageOf(r.results[0].url), '/admissions/what-to-bring/');
  assert.ok(r.results.some((x) => x.excerpt.some((s) => s.match && s.text === 'what to bring')));
  // Pages with "bring" but never "what to bring" are left out.
  const loose = await engine(single).search('what to bring');
  assert.ok(loose.results.length > r.results.length);
});

test('typo matching compares UTF-8 bytes, as the Swift engine does', async () => {
  // "japanes\u0435" ends with a Cyrillic е, two bytes: two edits from "japanese" as bytes (an
  // engine that compared the word's characters with the term's bytes never matched it).
  const content = join(work, 'cyrillic-content');
  mkdirSync(content, { recursive: true });
  writeFileSync(join(content, '_index.md'), '---\ntitle: Home\n---\n\nA tiny site.\n');
  writeFileSync(join(content, 'words.md'),
    '---\ntitle: Words\n---\n\nThe word japanes\u0435 is spelt with a Cyrillic letter.\n');
  const config = join(work, 'cyrillic.yaml');
  writeFileSync(config, 'title: Cyrillic\nbase_url: https://example.org\n');
  const dir = build('cyrillic', config, content);
  const r = await engine(dir).search('japanese', 10, true);
  assert.deepEqual(r.results.map((x) => pageOf(x.url)), ['/words/']);
  assert.deepEqual(r.words[0].matches, [{ term: 'japanes\u0435', kind: 'typo', edits: 2 }]);
  assert.deepEqual(flatten(r), swiftResults(dir, ['japanese'])[0]);
});

// ---- Lazy loading ----

test('nothing is fetched before a search; a single-layout site reads index.json only', async () => {
  for (const dir of [single, sharded]) {
    const log = [];
    const e = engine(dir, log);
    assert.deepEqual(log, []);
    await e.open();
    assert.deepEqual(log, ['index.json']);
    await e.search('relapse triggers');
    await e.search('relapse triggers', 10, true);
    assert.equal(new Set(log).size, log.length, 'no file is fetched twice');
  }
  const log = [];
  const e = engine(single, log);
  for (const query of PARITY_QUERIES) await e.search(query);
  // bridges.json (the synonyms of words no page uses) and words.json (the words typo matching
  // compares), read at once, once a query has such a word.
  assert.deepEqual(log, ['index.json', 'bridges.json', 'words.json']);
  const known = [];
  for (const query of ['therapy', 'relapse triggers', 'teen']) await engine(single, known).search(query);
  assert.deepEqual(known, ['index.json', 'index.json', 'index.json']);
  const typo = [];
  const typed = await engine(single, typo).search('theraphy');
  assert.deepEqual(typo, ['index.json', 'bridges.json', 'words.json']);
  assert.ok(typed.results.length > 0 && typed.words[0].matches.some((m) => m.kind === 'typo'));
});

test('the text comes after the results, and only that of the pages read', async () => {
  const index = JSON.parse(readFileSync(join(single, 'index.json'), 'utf8'));
  const texts = readdirSync(single).filter((n) => n.startsWith('text-'));
  assert.equal(texts.length, Math.ceil(index.pageCount / index.pagesPerText));
  for (const query of ['copay', 'family therapy', 'xyzzy therapy']) {
    const log = [];
    const e = engine(single, log);
    const first = await e.search(query);
    const early = (n) => n !== 'bridges.json' && n !== 'words.json';
    assert.deepEqual(log.filter(early), ['index.json'], query);
    const full = await e.search(query, 10, true);
    const read = log.slice(1).filter(early);
    assert.ok(read.every((n) => n.startsWith('text-')), query);
    assert.ok(read.length >= 1 && read.length <= full.results.length, `${query}: ${read}`);
    assert.deepEqual(full.results.map((r) => pageOf(r.url)).sort(),
      first.results.map((r) => pageOf(r.url)).sort(), `${query}: the same pages`);
  }
});

test('sharded index: index.json, then only the shards of the query, with the cards to show',
  async () => {
    const log = [];
    const e = engine(sharded, log);
    const r = await e.search('relapse triggers');
    const shards = log.filter((n) => n.startsWith('shard-'));
    assert.equal(log[0], 'index.json');
    assert.ok(shards.length >= 1 && shards.length <= 2, log.join(' '));
    assert.deepEqual(log, ['index.json', ...shards], 'no card chunk is needed');
    assert.ok(r.results.length >= 3 && r.results.every((x) => x.title && x.url));
    const all = readdirSync(sharded).filter((n) => n.startsWith('shard-')).length;
    assert.ok(shards.length < all);
  });

// Each fetch records how many fetches had finished when it was asked for: fetches asked
// for at the same count were waiting on nothing new, so they form one wave. With `full`, the
// search is then run again with the text, as the search page does once it shows the results.
async function waves(dir, query, full = false) {
  let finished = 0;
  const calls = [];
  const later = (name, value) => {
    calls.push({ name, finished });
    return new Promise((resolve) => setTimeout(() => { finished++; resolve(value()); }, 2));
  };
  const e = new search.Engine((name) => later(name, () => search.readIndexFile(readFileSync(join(dir, name)))),
    (name) => later(name, () => createRequire(import.meta.url)(join(REPO, 'Templates', 'assets', name))));
  const response = await e.search(query);
  if (full) await e.search(query, 10, true);
  return { calls, response, waves: new Set(calls.map((c) => c.finished)).size };
}

test('requests come in at most two waves: index.json, then the shards; the text follows',
  async () => {
    // The shards carry the cards of their terms' champions, so showing results adds no wave.
    for (const query of WAVE_QUERIES) {
      const { calls, response } = await waves(sharded, query, true);
      const later = (c) => c.name.startsWith('text-') || c.name === 'search-excerpt.min.js';
      const before = calls.filter((c) => !later(c));
      // A word no page uses reads bridges.json (its synonyms), words.json and the script that
      // compares them (for its typos) before the shards, together: one wave more.
      const unknown = (c) => c.name === 'bridges.json' || c.name === 'words.json' || c.name === 'search-typos.min.js';
      const bridged = calls.some(unknown) ? 1 : 0;
      assert.ok(new Set(calls.filter(unknown).map((c) => c.finished)).size <= 1, `${query}: ${JSON.stringify(calls)}`);
      const text = calls.filter(later);
      assert.ok(new Set(before.map((c) => c.finished)).size <= 2 + bridged, `${query}: ${JSON.stringify(calls)}`);
      if (response.results.length) {
        assert.ok(calls.some((c) => c.name.startsWith('shard-')), query);
      }
      assert.ok(!calls.some((c) => c.name.startsWith('cards-')), `${query}: ${JSON.stringify(calls)}`);
      // The text of the pages read: one wave, or two when no page of the first 30 has a
      // quoted phrase in order and other pages are shown instead.
      assert.ok(text.every((c) => c.finished >= before.length), `${query}: ${JSON.stringify(calls)}`);
      const textWaves = new Set(text.map((c) => c.finished)).size;
      assert.ok(textWaves === (response.results.length ? 1 : 0) || query.includes('"') && textWaves === 2,
        `${query}: ${JSON.stringify(calls)}`);
    }
  });

test('pages that are no term\'s champions are read from card chunks, in one more wave',
  async () => {
    // 40 pages say "alpha" four times, 30 say "beta" four times, 10 say "alpha beta" twice:
    // every page has the same length and title, so "alpha beta" finds ten pages, of which
    // only two are champions (of "beta"); the other eight are no term's champion.
    const content = join(work, 'chunk-content');
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, '_index.md'), '---\ntitle: Page\ndescription: Words.\n---\n\nHome page.\n');
    for (let i = 0; i < 80; i++) {
      const body = i < 40 ? 'alpha alpha alpha alpha' : i < 70 ? 'beta beta beta beta' : 'alpha beta alpha beta';
      writeFileSync(join(content, `p${String(i).padStart(2, '0')}.md`),
        `---\ntitle: Page\ndescription: Words.\n---\n\n${body}\n`);
    }
    const config = join(work, 'chunk.yaml');
    writeFileSync(config, 'title: Chunks\nbase_url: https://example.org\nsearch:\n  shard_kb: 1\n');
    const dir = build('chunks', config, content);
    const { calls, response, waves: n } = await waves(dir, 'alpha beta');
    assert.equal(response.results.length, 10);
    assert.ok(calls.some((c) => c.name.startsWith('cards-')), JSON.stringify(calls));
    assert.equal(n, 3);
    for (const full of [false, true]) {
      const swift = swiftResults(dir, ['alpha beta', 'alpha', 'beta gamma'], 10, !full);
      const e = engine(dir);
      for (const [i, q] of ['alpha beta', 'alpha', 'beta gamma'].entries()) {
        assert.deepEqual(flatten(await e.search(q, 10, full)), swift[i], q);
      }
    }
  });

test('an index whose impacts are cut short is searched, not looped over forever', async () => {
  const e = new search.Engine(async (name) => {
    const data = await search.readIndexFile(readFileSync(join(single, name)));
    return name === 'index.json' ? { ...data, impacts: data.impacts.slice(0, 10) } : data;
  });
  assert.ok((await e.search('dbt')).results.length);
});

test('a failed fetch is forgotten: the next search tries again', async () => {
  let fail = true;
  const e = new search.Engine(async (name) => {
    if (fail) throw new Error('offline');
    return search.readIndexFile(readFileSync(join(single, name)));
  });
  await assert.rejects(e.search('dbt'), /offline/);
  fail = false;
  assert.equal(pageOf((await e.search('dbt')).results[0].url), '/therapies/dbt/');
});

test('the text files are gzip that Node\'s own zlib reads, and readIndexFile reads them either way', async () => {
  const names = readdirSync(single).filter((n) => /^text-\d+\.json\.gz$/.test(n));
  assert.ok(names.length, 'the site has text files');
  assert.ok(!readdirSync(single).some((n) => /^text-\d+\.json$/.test(n)), 'no plain copy is written beside them');
  for (const name of names) {
    const stored = readFileSync(join(single, name));
    const plain = gunzipSync(stored);
    assert.ok(stored.length < plain.length, `${name} is compressed`);
    // As stored, and as a browser hands it over after a host sent it with Content-Encoding: gzip.
    assert.deepEqual(await search.readIndexFile(stored), JSON.parse(plain.toString('utf8')));
    assert.deepEqual(await search.readIndexFile(plain), JSON.parse(plain.toString('utf8')));
    // A file cut short in transit is refused, not read as a page range with missing text.
    await assert.rejects(search.readIndexFile(stored.subarray(0, stored.length - 9)));
  }
});

test('an index of another format version is refused', async () => {
  const e = new search.Engine(async (name) => {
    const data = await search.readIndexFile(readFileSync(join(single, name)));
    return name === 'index.json' ? { ...data, version: data.version + 1 } : data;
  });
  await assert.rejects(e.search('dbt'), /version/);
});

// ---- Escaping ----

test('markup in page text stays inert: escaped in the files, plain text in results',
  async () => {
    const dir = hostileSite();
    const names = readdirSync(dir).filter((n) => n.endsWith('.json') || n.endsWith('.json.gz'));
    assert.ok(names.some((n) => n.endsWith('.json.gz')), 'the text files are read too');
    for (const name of names) {
      const raw = gunzipIfNamed(name, readFileSync(join(dir, name))).toString('utf8');
      assert.ok(!/[<>&\u2028\u2029]/.test(raw), `${name} has a raw < > & or line separator`);
    }
    const r = await engine(dir).search('onerror', 10, true);
    assert.equal(r.results.length, 1);
    assert.equal(r.results[0].title, HOSTILE_TITLE);
    const tags = (await engine(dir).search('tags', 10, true)).results[0].excerpt;
    assert.equal(tags.map((s) => s.text).join(''), 'Text with </script> & <b>tags</b>.');
    const swift = swiftResults(dir, ['onerror', 'script alert', 'tags']);
    const e = engine(dir);
    for (const [i, q] of ['onerror', 'script alert', 'tags'].entries()) {
      assert.deepEqual(flatten(await e.search(q, 10, true)), swift[i], q);
    }
  });
