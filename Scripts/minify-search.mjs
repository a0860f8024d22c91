// Writes the search scripts of Templates/assets that search pages load, each minified by terser
// (Debian package `terser`; run through `make search-js`) from its sources and headed by the
// start of the SHA-256 of those sources (concatenated), which the Node tests check against the
// current sources:
//   search.min.js          search-en.js + search.js: the engine with the English stemmer, which
//                          English search pages load (one file compresses better than two)
//   search-es.min.js       search-es.js + search.js: the same with the Spanish stemmer
//   search-core.min.js     search.js: the engine alone, for languages Lantern does not stem
//   search-excerpt.min.js  search-excerpt.js: the excerpts, loaded once results show
//   search-typos.min.js    search-typos.js: typo matching and Did you mean, loaded with words.json
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'Templates', 'assets');
const { minify } = createRequire(import.meta.url)('terser');
const OUTPUTS = {
  'search.min.js': ['search-en.js', 'search.js'],
  'search-core.min.js': ['search.js'],
  'search-es.min.js': ['search-es.js', 'search.js'],
  'search-excerpt.min.js': ['search-excerpt.js'],
  'search-typos.min.js': ['search-typos.js'],
};
for (const [output, sources] of Object.entries(OUTPUTS)) {
  const source = sources.map((name) => readFileSync(join(assets, name), 'utf8')).join('\n');
  // No parentheses around function arguments (`f((x)=>…)`): 51 bytes less gzipped, the same code.
  const { code } = await minify(source, {
    compress: { passes: 3 }, mangle: true, ecma: 2020, format: { wrap_func_args: false },
  });
  const hash = createHash('sha256').update(source).digest('hex');
  writeFileSync(join(assets, output), `/* ${sources.join(' + ')} ${hash.slice(0, 16)} minified */\n${code}\n`);
  console.log(`${output}: ${code.length} bytes from ${sources.join(' + ')} ${hash.slice(0, 12)}`);
}
