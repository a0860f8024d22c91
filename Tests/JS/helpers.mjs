// What the Node tests of search.js share: where the repository and the binary are, an engine
// that reads an index folder, responses in the shape `lantern search --json` prints, and the
// check that a committed .min.js was made from its source.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LANTERN = process.env.LANTERN_BIN ?? join(REPO, '.build', 'debug', 'lantern');
export const ASSETS = join(REPO, 'Templates', 'assets');

export function requireLantern() {
  if (!existsSync(LANTERN)) {
    throw new Error(`${LANTERN} is missing: run \`swift build\` first (make test does)`);
  }
}

// An engine of `api` (search.js or search.min.js) reading the index in `dir`; the names of the
// files it reads go to `log` when given. The excerpt script it asks for is the theme's, as a
// search page loads it, or with `source` the file it is minified from; the English analyzer
// (search-en.js, which search.min.js holds minified) is put where English search pages have it.
// The names of the scripts it asks for go to `scriptLog` when given.
export function fileEngine(api, dir, log, source = false, scriptLog = null) {
  const en = require(join(ASSETS, 'search-en.js'));
  globalThis.lanternAnalyzers = Object.assign(globalThis.lanternAnalyzers || {}, { en });
  // Engines of index format 6 and before (a site built earlier, in the benchmarks) read plain JSON.
  const read = api.readIndexFile || ((bytes) => JSON.parse(bytes.toString('utf8')));
  return new api.Engine(async (name) => {
    if (log) log.push(name);
    return read(readFileSync(join(dir, name)));
  }, async (name) => {
    if (scriptLog) scriptLog.push(name);
    return require(join(ASSETS, source ? name.replace('.min.js', '.js') : name));
  });
}

// A response in the shape `lantern search --json` prints.
export function flatten(response) {
  return {
    partial: response.partial,
    missing: response.missing,
    suggestions: response.suggestions,
    results: response.results.map((r) => ({
      url: r.url, score: r.score, title: r.title, section: r.section, heading: r.heading,
      excerpt: r.excerpt.map((s) => (s.match ? `[${s.text}]` : s.text)).join(''),
    })),
    words: response.words.map((w) => ({
      word: w.word, stop: w.stop, matches: w.matches.map((m) => `${m.kind}:${m.term}`),
    })),
  };
}

// `make search-js` writes the hash of the sources (one file, or several joined by line breaks)
// into the first line of each .min.js.
export function assertMinifiedFrom(sources, minified) {
  const header = readFileSync(join(ASSETS, minified), 'utf8').split('\n')[0];
  const text = [].concat(sources).map((name) => readFileSync(join(ASSETS, name), 'utf8')).join('\n');
  const hash = createHash('sha256').update(text).digest('hex');
  assert.ok(header.includes(hash.slice(0, 16)), `${minified} is stale: run \`make search-js\``);
}
