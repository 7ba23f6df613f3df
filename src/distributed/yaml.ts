/** Kubernetes and compose documents as YAML text: one stringifier, no line folding. */
import { stringify } from 'yaml';

export function yamlDocuments(docs: readonly unknown[]): string {
  return docs.map((doc) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}
