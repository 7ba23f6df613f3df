/** Localised labels of the fixed vocabularies the emit tools render. */
import { type Localised, type ReportLanguage, inLanguage } from './headings.js';
import { formatValue } from './format.js';
import type { Unit } from './quantity.js';

export const LAYER_LABELS: Readonly<Record<'application' | 'database' | 'network' | 'infrastructure', Localised>> = {
  application: { fr: 'Application', en: 'Application' },
  database: { fr: 'Base de donnees', en: 'Database' },
  network: { fr: 'Reseau', en: 'Network' },
  infrastructure: { fr: 'Infrastructure', en: 'Infrastructure' },
};

/** `> 70% pendant 2 min` / `> 70% for 2 min`. */
export function condition(comparator: string, value: number, unit: Unit, language: ReportLanguage, duration?: { value: number; unit: Unit }): string {
  const head = `${comparator} ${formatValue(value, unit, language)}`;
  if (!duration) return head;
  return `${head} ${inLanguage(language, { fr: 'pendant', en: 'for' })} ${formatValue(duration.value, duration.unit, language)}`;
}

/** Strings the renderers need in both languages. */
export const WORDS = {
  notApplicable: { fr: 'N/A', en: 'N/A' },
  growth: { fr: 'Hypothese de croissance : ', en: 'Growth assumption: ' },
  omitted: { fr: 'Scenarios omis', en: 'Scenarios left out' },
  never: { fr: 'jamais (aucune erreur observee)', en: 'never (no errors observed)' },
  exhausted: { fr: 'budget epuise', en: 'budget exhausted' },
  day: { fr: 'jour', en: 'day' },
} as const satisfies Record<string, Localised>;
