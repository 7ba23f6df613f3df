/**
 * The language detector's data, cut at bundle time to the languages a report can be written in.
 * eld's `extrasmall` database holds n-gram weights for 60 languages in a 1.5 MB object literal
 * that takes about 0.6 s of CPU to evaluate, paid by every `ace validate`, `ace audit` and
 * `ace run`. The validator restricts detection to French and English (setLanguageSubset), and
 * eld scores each language only from that language's own weights, so a database holding only
 * theirs gives the same scores: 4,331 n-grams instead of 49,553, read with JSON.parse.
 * test/eld-subset.test.ts compares both databases' detections through eld itself.
 */

import { pathToFileURL } from 'node:url';

/** The data module of `eld/extrasmall`, as rolldown resolves it. */
const DATA_MODULE = /[\\/]node_modules[\\/]eld[\\/]src[\\/]ngrams[\\/]extrasmall\.js$/;

/** eld's database `data` keeping only the weights of `languages` (ISO 639-1 codes); language indexes are kept. */
export function subsetNgrams(data, languages) {
  const keep = Object.entries(data.languages)
    .filter(([, code]) => languages.includes(code))
    .map(([index]) => index);
  if (keep.length !== languages.length) throw new Error(`eld's database lacks some of ${languages.join(', ')}`);
  const ngrams = {};
  for (const [ngram, weights] of Object.entries(data.ngrams)) {
    let kept = null;
    for (const index of keep) if (index in weights) (kept ??= {})[index] = weights[index];
    if (kept) ngrams[ngram] = kept;
  }
  return { ...data, ngrams };
}

/** A rolldown plugin replacing eld's extrasmall database with its `languages` subset. */
export function eldSubset(languages) {
  return {
    name: 'ace-eld-subset',
    async load(id) {
      if (!DATA_MODULE.test(id)) return null;
      const { ngramsData } = await import(pathToFileURL(id).href);
      const json = JSON.stringify(subsetNgrams(ngramsData, languages));
      return `export const ngramsData = JSON.parse(${JSON.stringify(json)});\n`;
    },
  };
}
