// What a query's excerpts would download if each page's text were its own gzip member in one
// file, fetched by HTTP Range requests (adjacent pages merged into one request), against the
// text files it downloads now: a measurement for a format not built (README, What would come
// next for speed). Usage: node Benchmarks/text_ranges.mjs SITE
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileEngine } from '../Tests/JS/helpers.mjs';
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const site = process.argv[2], dir = join(site, 'search');
const require = createRequire(import.meta.url);
const page = join(dir, 'index.html');
const scripts = [...readFileSync(page, 'utf8').matchAll(/<script src="\/(assets\/[^"]+)" defer>/g)].map((m) => resolve(site, m[1]));
const api = scripts.map((s) => require(s)).find((x) => x && x.Engine);
const perPage = new Map();
for (const name of readdirSync(dir).filter((n) => /^text-\d+\.json(\.gz)?$/.test(n))) {
  const raw = readFileSync(join(dir, name));
  const f = JSON.parse((name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
  f.pages.forEach((t, i) => perPage.set(f.start + i, gzipSync(JSON.stringify(t), { level: 6 }).length));
}
const fixture = JSON.parse(readFileSync(join(REPO, 'Tests', 'Fixtures', 'search-queries.json'), 'utf8'));
const queries = [...fixture.queries, ...fixture.misses].map((q) => q.query)
  .concat(['theraphy', 'insurence', 'adolescent', 'xyzzy', 'family therapy sessions']);
const size = (p) => { const b = readFileSync(p); return p.endsWith('.gz') ? b.length : gzipSync(b, { level: 9 }).length; };
const now = [], ranged = [], requests = [], files = [];
const orig = api.Engine.prototype.fetch;
let wanted = null;
api.Engine.prototype.fetch = function (pages, full) {
  if (full && wanted) pages.filter((p) => !this.texts.has(p)).forEach((p) => wanted.add(p));
  return orig.call(this, pages, full);
};
for (const q of queries) {
  const read = [];
  const e = fileEngine(api, dir, read);
  await e.search(q, 10);
  const before = read.length;
  wanted = new Set();
  await e.search(q, 10, true);
  const texts = read.slice(before).filter((n) => n.startsWith('text-'));
  now.push(texts.reduce((n, name) => n + size(join(dir, name)), 0));
  files.push(texts.length);
  const ps = [...wanted].sort((a, b) => a - b);
  ranged.push(ps.reduce((n, p) => n + (perPage.get(p) || 0), 0));
  requests.push(ps.filter((p, i) => i === 0 || ps[i - 1] !== p - 1).length);
  wanted = null;
}
const at = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(`${queries.length} queries on ${site}: text files now median ${kb(at(now, 0.5))}, p95 ${kb(at(now, 0.95))} in ${at(files, 0.5)} files; ` +
  `per-page ranges median ${kb(at(ranged, 0.5))}, p95 ${kb(at(ranged, 0.95))} in ${at(requests, 0.5)} requests (p95 ${at(requests, 0.95)})`);
