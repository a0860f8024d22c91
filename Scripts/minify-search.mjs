// Writes Templates/assets/search.min.js, the file the search page loads: search.js minified
// by terser (Debian package `terser`; run through `make search-js`), headed by the start of the
// SHA-256 of the search.js it came from, which the Node tests check against the current search.js.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'Templates', 'assets');
const source = readFileSync(join(assets, 'search.js'), 'utf8');
const { minify } = createRequire(import.meta.url)('terser');
const { code } = await minify(source, { compress: { passes: 3 }, mangle: true, ecma: 2020 });
const hash = createHash('sha256').update(source).digest('hex');
writeFileSync(join(assets, 'search.min.js'),
  `/* search.js ${hash.slice(0, 16)} minified */\n${code}\n`);
console.log(`search.min.js: ${code.length} bytes from search.js ${hash.slice(0, 12)}`);
