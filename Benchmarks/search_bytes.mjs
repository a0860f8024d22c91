// What a visitor's first search downloads before its first result, and how long the engine
// takes, on a built site: each query of Tests/Fixtures/search-queries.json (and its misses) is
// a first search, on an engine of its own that reads the index folder from disk.
//
//   node Benchmarks/search_bytes.mjs [--index search] [--queries FILE] SITE [SCRIPT...]
//
// SITE is a built site's folder, whose index folder `--index` (default search/; es/search for
// the Spanish one) is read; `--queries` gives the queries, one a line, instead of the query
// set. Each SCRIPT is a file the search page loads before the first result (default: those the
// site's search page loads): the engine, which brings its language's analyzer, and any
// analyzer of its own, which adds itself to globalThis.lanternAnalyzers. Bytes are gzip -9 sizes (zlib level 9; a file stored gzip counts as it is) of the files the engine asked for before
// its first answer, plus the scripts, plus the scripts it asked for then (search-typos.min.js,
// from the site's assets). Times are of the first answer (cards) and of the answer
// with the text, from a cold engine, files read and parsed included; the text's bytes are
// those of the files and the script that answer then asked for.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { fileEngine } from '../Tests/JS/helpers.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const indexFolder = option('--index', 'search'), queryFile = option('--queries', null);
const [site, ...given] = args;
if (!site) { console.error('usage: search_bytes.mjs [--index DIR] [--queries FILE] SITE [SCRIPT...]'); process.exit(2); }
// By default the scripts the site's search page loads, from the site's own assets.
const page = join(site, indexFolder, 'index.html');
const scripts = given.length ? given.map((s) => resolve(s))
  : [...readFileSync(page, 'utf8').matchAll(/<script src="\/(assets\/[^"]+)" defer>/g)].map((m) => resolve(site, m[1]));
const require = createRequire(import.meta.url);
// The engine is the script that exports one; an analyzer adds itself as it loads.
const api = scripts.map((script) => require(script)).find((exported) => exported && exported.Engine);
const dir = join(site, indexFolder);
const fixture = JSON.parse(readFileSync(join(REPO, 'Tests', 'Fixtures', 'search-queries.json'), 'utf8'));
const queries = queryFile ? readFileSync(queryFile, 'utf8').split('\n').filter(Boolean)
  : [...fixture.queries, ...fixture.misses].map((q) => q.query)
    .concat(['theraphy', 'insurence', 'adolescent', 'xyzzy', 'family therapy sessions']);

// A file stored gzip (the text files, *.json.gz) is sent as it is: its own size.
const gz = new Map();
const size = (path) => gz.get(path) ?? gz.set(path, path.endsWith('.gz') ? readFileSync(path).length
  : gzipSync(readFileSync(path), { level: 9 }).length).get(path);
const scriptBytes = scripts.reduce((n, s) => n + size(s), 0);

const bytes = [], first = [], full = [], textBytes = [];
for (const query of queries) {
  const read = [], loaded = [];
  const e = fileEngine(api, dir, read, false, loaded);
  let t = performance.now();
  await e.search(query, 10);
  first.push(performance.now() - t);
  bytes.push(scriptBytes + read.reduce((n, name) => n + size(join(dir, name)), 0)
    + loaded.reduce((n, name) => n + size(join(site, 'assets', name)), 0));
  const before = read.length, scriptsBefore = loaded.length;
  t = performance.now();
  await e.search(query, 10, true);
  full.push(performance.now() - t);
  textBytes.push(read.slice(before).reduce((n, name) => n + size(join(dir, name)), 0)
    + loaded.slice(scriptsBefore).reduce((n, name) => n + size(join(site, 'assets', name)), 0));
}
const at = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(`${queries.length} first searches on ${site}: before the first result ` +
  `median ${kb(at(bytes, 0.5))}, p95 ${kb(at(bytes, 0.95))}, max ${kb(Math.max(...bytes))} ` +
  `(scripts ${kb(scriptBytes)}); first answer median ${at(first, 0.5).toFixed(1)} ms, ` +
  `p95 ${at(first, 0.95).toFixed(1)} ms; with the text median ${at(full, 0.5).toFixed(1)} ms, ` +
  `p95 ${at(full, 0.95).toFixed(1)} ms; the text then (files and excerpt script) median ` +
  `${kb(at(textBytes, 0.5))}, p95 ${kb(at(textBytes, 0.95))}`);
