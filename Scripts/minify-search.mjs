// Writes Templates/assets/search.min.js, search-en.min.js, search-es.min.js and
// search-excerpt.min.js, the files search pages load (the second only English ones, the third
// only Spanish ones, the last once results show): their sources
// minified by terser (Debian package `terser`; run through `make search-js`), each headed by
// the start of the SHA-256 of the source it came from, which the Node tests check against the current source.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'Templates', 'assets');
const { minify } = createRequire(import.meta.url)('terser');
for (const name of ['search', 'search-en', 'search-es', 'search-excerpt']) {
  const source = readFileSync(join(assets, `${name}.js`), 'utf8');
  const { code } = await minify(source, { compress: { passes: 3 }, mangle: true, ecma: 2020 });
  const hash = createHash('sha256').update(source).digest('hex');
  writeFileSync(join(assets, `${name}.min.js`),
    `/* ${name}.js ${hash.slice(0, 16)} minified */\n${code}\n`);
  console.log(`${name}.min.js: ${code.length} bytes from ${name}.js ${hash.slice(0, 12)}`);
}
