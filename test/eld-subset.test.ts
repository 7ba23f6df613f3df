/**
 * The bundle carries eld's database cut to the report languages (scripts/eld-subset.mjs). Its
 * detections must be eld's own: the same scores, language and reliability on every paragraph
 * of the persona prompt (French) and of the README (English), and on text in other languages,
 * mixed, or with no words at all.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eld as full } from 'eld/extrasmall';
import type { Plugin } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_LANGUAGES } from '../src/report/table.js';
import { bundleEntry } from './support/bundle-entry.js';

const ROOT = new URL('..', import.meta.url).pathname;
type Eld = typeof full;
type Subset = (data: unknown, languages: readonly string[]) => { languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };

const OTHERS = [
  'Der Server antwortet langsam, weil die Datenbank keine Indizes hat.',
  'El servidor responde lentamente porque la base de datos no tiene índices.',
  'Сервер отвечает медленно, потому что в базе данных нет индексов.',
  'サーバーの応答が遅いのは、データベースにインデックスがないためです。',
  'Le cache miss rate du throughput est élevé sur le endpoint /api/orders.',
  'p99 = 412 ms, 1 200 req/s, 0.3 % errors',
  '',
  '🚀 🔥 ✅',
];

function paragraphs(file: string): string[] {
  return readFileSync(join(ROOT, file), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

describe('the bundled language detector (eld, report languages only)', () => {
  let dir: string;
  let subsetNgrams: Subset;
  let bundled: Eld;

  beforeAll(async () => {
    const plugin = (await import(pathToFileURL(join(ROOT, 'scripts', 'eld-subset.mjs')).href)) as {
      subsetNgrams: Subset;
      eldSubset: (languages: readonly string[]) => Plugin;
    };
    subsetNgrams = plugin.subsetNgrams;
    const code = await bundleEntry("export { eld } from 'eld/extrasmall';\n", {
      platform: 'node',
      format: 'esm',
      plugins: [plugin.eldSubset(REPORT_LANGUAGES)],
    });
    dir = mkdtempSync(join(tmpdir(), 'ace-eld-'));
    writeFileSync(join(dir, 'eld.mjs'), code);
    bundled = ((await import(pathToFileURL(join(dir, 'eld.mjs')).href)) as { eld: Eld }).eld;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds far fewer n-grams, each with a report language weight', async () => {
    const { ngramsData } = (await import(pathToFileURL(join(ROOT, 'node_modules', 'eld', 'src', 'ngrams', 'extrasmall.js')).href)) as {
      ngramsData: { languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };
    };
    const cut = subsetNgrams(ngramsData, REPORT_LANGUAGES);
    expect(cut.languages).toEqual(ngramsData.languages);
    const codes = Object.values(cut.ngrams).flatMap((w) => Object.keys(w).map((i) => cut.languages[i]));
    expect(new Set(codes)).toEqual(new Set(REPORT_LANGUAGES));
    expect(Object.keys(cut.ngrams).length).toBeLessThan(Object.keys(ngramsData.ngrams).length / 5);
    expect(() => subsetNgrams(ngramsData, ['fr', 'xx'])).toThrow(/lacks/);
  });

  it('detects exactly as eld with its whole database', () => {
    const reference = full.newInstance();
    reference.setLanguageSubset([...REPORT_LANGUAGES]);
    const cut = bundled.newInstance();
    cut.setLanguageSubset([...REPORT_LANGUAGES]);
    const texts = [...paragraphs('skills/ace/SKILL.md'), ...paragraphs('README.md'), ...OTHERS];
    expect(texts.length).toBeGreaterThan(100);
    const seen = new Set<string>();
    for (const text of texts) {
      const want = reference.detect(text);
      const got = cut.detect(text);
      expect({ text, language: got.language, scores: got.getScores(), reliable: got.isReliable() }).toEqual({
        text,
        language: want.language,
        scores: want.getScores(),
        reliable: want.isReliable(),
      });
      seen.add(want.language);
    }
    expect(seen).toEqual(new Set(['fr', 'en', '']));
  });
});
