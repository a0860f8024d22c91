// Node tests of the Spanish analyzer of search.js: its stemmer (search-es.js, and the copy in
// search-es.min.js, which Spanish search pages load: it and the engine minified together) agrees with
// the Snowball reference on every word of Debian's Spanish word list (.build/spanish-reference.tsv,
// written by `make spanish-reference`), it folds as Tokenizer.swift does for Spanish, and on a
// small Spanish site built by the debug binary the JavaScript engine answers exactly as
// `lantern search --json -` does.
// Run from the repository root after `swift build` and `make spanish-reference`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { REPO, LANTERN, requireLantern, fileEngine, flatten } from './helpers.mjs';

const REFERENCE = join(REPO, '.build', 'spanish-reference.tsv');
const require = createRequire(import.meta.url);
const asset = (name) => require(join(REPO, 'Templates', 'assets', name));
// The Spanish analyzer adds itself to globalThis.lanternAnalyzers, where the engine finds it when
// it opens a Spanish index: search-es.js on its own, and search-es.min.js (the engine with it).
const bundle = asset('search-es.min.js');
const spanish = { 'search-es.min.js': globalThis.lanternAnalyzers.es, 'search-es.js': asset('search-es.js') };
// The engines, each with the analyzer it comes with: the sources, and what Spanish pages load.
const engines = { 'search.js': [asset('search.js'), spanish['search-es.js']], 'search-es.min.js': [bundle, spanish['search-es.min.js']] };

test('the Spanish stemmer agrees with Snowball on every word of the word list', () => {
  assert.ok(existsSync(REFERENCE), `${REFERENCE} is missing: run \`make spanish-reference\``);
  const lines = readFileSync(REFERENCE, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
  assert.ok(lines.length > 90000, `only ${lines.length} words`);
  for (const [name, { stem: stemSpanish }] of Object.entries(spanish)) {
    const wrong = lines.filter(([word, stem]) => stemSpanish(word) !== stem)
      .map(([word, stem]) => `${word}: ${stemSpanish(word)}, not ${stem}`);
    assert.deepEqual(wrong.slice(0, 20), [], `${name}: ${wrong.length} words stemmed unlike Snowball`);
  }
});

test('the Spanish analyzer folds accents but keeps ñ, as Tokenizer.swift does', () => {
  assert.notEqual(spanish['search-es.min.js'], spanish['search-es.js'], 'search-es.min.js has its own copy');
  for (const [api] of Object.values(engines)) {
    const terms = (s, enye) => api.tokens(s, enye).map((t) => t.t);
    assert.deepEqual(terms('Año ANO Sueño MEDICACIÓN pingüino Ñandú', true),
      ['año', 'ano', 'sueño', 'medicacion', 'pinguino', 'ñandu']);
    assert.deepEqual(terms('Año', false), ['ano']);
    assert.equal(api.ANALYZERS.es, undefined, 'the Spanish analyzer is in search-es.js');
  }
  for (const es of Object.values(spanish)) {
    assert.equal(es.stem('medicacion'), 'medic');
    assert.equal(es.enye, true);
  }
});

// ---- A small Spanish site, searched by both engines ----

requireLantern();
const work = mkdtempSync(join(tmpdir(), 'lantern-js-spanish-'));
after(() => rmSync(work, { recursive: true, force: true }));

const PAGES = {
  '_index.md': ['Inicio', 'Ayuda para usted y su familia.'],
  'depresion.md': ['La depresión', 'La depresión es una tristeza que no se va. Tiene tratamiento.'],
  'adicciones.md': ['Adicciones', 'Las adicciones a las drogas o al alcohol tienen tratamiento.'],
  'seguro.md': ['Su seguro médico', 'Llame a su aseguradora para saber qué cubre su seguro médico.'],
  'medicacion.md': ['Medicación', 'Pregunte a su médico por las medicaciones y sus efectos.'],
  'sueno.md': ['Dormir bien', 'El sueño ayuda a sanar. Duerma a la misma hora cada noche.'],
  'programa.md': ['Un año de programa', 'Durante el año, las familias aprenden a ayudarse.'],
};
const content = join(work, 'content');
mkdirSync(content, { recursive: true });
for (const [file, [title, text]] of Object.entries(PAGES)) {
  writeFileSync(join(content, file), `---\ntitle: "${title}"\n---\n\n${text}\n`);
}
const config = join(work, 'site.yaml');
writeFileSync(config, 'title: Sitio\nbase_url: https://example.org\nlanguage: es\n' +
  'search:\n  synonyms:\n    droga: [adicción]\n    terapia: [tratamiento]\n');
const output = join(work, 'public');
execFileSync(LANTERN, ['build', '--config', config, '--content', content,
  '--templates', join(REPO, 'Templates'), '--output', output, '--quiet'], { cwd: REPO });
const dir = join(output, 'search');

const QUERIES = ['depresion', 'depresión', 'adiccion', 'seguro medico', 'medicacion', 'MEDICACIÓN',
  'sueño', 'sueno', 'año', 'ano', 'la depresion', 'depresoin', 'drogas', 'terapia', 'medic',
  '"seguro medico"', 'familias ayuda', 'que cubre'];

test('the index says it was built with the Spanish analyzer', () => {
  assert.equal(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).analyzer, 'es');
});

test('search.js answers Spanish queries exactly as lantern search does', async () => {
  const out = execFileSync(LANTERN, ['search', '--json', '--site', output, '-'],
    { input: QUERIES.join('\n') + '\n' });
  const swift = JSON.parse(out.toString()).map(({ query, ...rest }) => rest);
  for (const [engine, [api, es]] of Object.entries(engines)) {
    globalThis.lanternAnalyzers = { es };
    const e = fileEngine(api, dir, null, engine === 'search.js');
    for (const [i, query] of QUERIES.entries()) {
      assert.deepEqual(flatten(await e.search(query, 10, true)), swift[i], `${engine}: ${query}`);
    }
  }
  delete globalThis.lanternAnalyzers;
  const e = fileEngine(engines['search.js'][0], dir);
  await assert.rejects(e.search('depresion'), /search index analyzer es/,
    'without search-es.js a Spanish index is refused, not searched with the wrong stemmer');
  const first = (i) => swift[i].results.map((r) => r.url.split('#')[0])[0];
  assert.equal(first(QUERIES.indexOf('depresion')), '/depresion/');
  assert.equal(first(QUERIES.indexOf('adiccion')), '/adicciones/');
  assert.equal(first(QUERIES.indexOf('seguro medico')), '/seguro/');
  assert.equal(first(QUERIES.indexOf('sueño')), '/sueno/');
  assert.equal(first(QUERIES.indexOf('drogas')), '/adicciones/');
});
