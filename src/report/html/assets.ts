/**
 * The client bundles scripts/bundle-report-client.mjs writes at build time
 * (dist/report/html/assets/; a plugin installed from git, which has no dist/, carries a copy in
 * plugin/assets/), read once through the package's own files.
 */
import { readPackageFile } from '../../package-files.js';

export type Asset = 'report.js' | 'app.js' | 'report.css';

const cache = new Map<Asset, string>();

export function asset(name: Asset): string {
  let text = cache.get(name);
  if (text === undefined) {
    const rel = `dist/report/html/assets/${name}`;
    for (const candidate of [rel, `plugin/assets/${name}`]) {
      try {
        text = readPackageFile(candidate);
        break;
      } catch {
        // the next place, or the error below
      }
    }
    if (text === undefined) throw new Error(`the report's client bundle is missing (${rel}): run npm run build`);
    cache.set(name, text);
  }
  return text;
}
