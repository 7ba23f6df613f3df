/** The report language: set by start_report, else guessed from the target text, else English. */
import type { ReportLanguage } from './headings.js';

const FRENCH_WORDS = new Set([
  'le',
  'la',
  'les',
  'des',
  'du',
  'de',
  'un',
  'une',
  'et',
  'est',
  'pour',
  'avec',
  'sur',
  'dans',
  'notre',
  'nos',
  'votre',
  'vos',
  'mon',
  'ma',
  'mes',
  'qui',
  'que',
  'pas',
  'trop',
  'lent',
  'lente',
  'plus',
  'optimiser',
  'analyser',
  'requetes',
  'requêtes',
  'performances',
  'lenteur',
  'au',
  'aux',
  'ce',
  'cette',
  'ces',
  'il',
  'elle',
  'sont',
  'leur',
  'temps',
  'reponse',
  'réponse',
  'charge',
]);
const ENGLISH_WORDS = new Set([
  'the',
  'an',
  'and',
  'is',
  'for',
  'with',
  'of',
  'our',
  'your',
  'my',
  'which',
  'that',
  'not',
  'too',
  'slow',
  'more',
  'optimise',
  'optimize',
  'analyze',
  'requests',
  'latency',
  'this',
  'these',
  'it',
  'are',
  'their',
  'response',
  'load',
  'why',
  'how',
  'make',
  'faster',
]);

/** 'fr' or 'en' when the text says so clearly enough; undefined for a bare path. */
export function detectLanguage(text: string | undefined): ReportLanguage | undefined {
  if (!text) return undefined;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  let fr = /[éèêàùçôî]/.test(text.toLowerCase()) ? 2 : 0;
  let en = 0;
  for (const w of words) {
    if (FRENCH_WORDS.has(w) && !ENGLISH_WORDS.has(w)) fr++;
    if (ENGLISH_WORDS.has(w) && !FRENCH_WORDS.has(w)) en++;
  }
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return undefined;
}

export function sessionLanguage(session: { language?: ReportLanguage | undefined; target?: string | undefined }): ReportLanguage {
  return session.language ?? detectLanguage(session.target) ?? 'en';
}
