/**
 * JMeter results (JTL). CSV: columns are read by header name, so JMeter 5's default set
 * (…failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect) and
 * older ones such as Debian's JMeter 2.13 (no sentBytes/URL/IdleTime/Connect) both work.
 * XML: top-level <httpSample>/<sample> elements; nested sub-results are not counted, as in
 * JMeter's own aggregate report. Active threads (`allThreads`, XML `na`) give the load over time.
 */
import { type ByteSource, decoded, forEachCsvRecord } from '../bytes.js';
import { RawAccumulator } from './model.js';

export type JtlVariant = 'jmeter-5' | 'jmeter-2';

/** Which column set a JTL header shows. */
export function jtlVariant(header: string[]): JtlVariant {
  const names = new Set(header.map((h) => h.trim()));
  return names.has('sentBytes') || names.has('IdleTime') || names.has('Connect') || names.has('URL') ? 'jmeter-5' : 'jmeter-2';
}

function parseTimestamp(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw);
  const t = Date.parse(raw.replace(/\//g, '-'));
  return Number.isNaN(t) ? undefined : t;
}

export async function parseJmeterCsv(source: ByteSource, acc: RawAccumulator): Promise<{ rows: number; variant: JtlVariant }> {
  let col: Record<string, number> | null = null;
  let variant: JtlVariant = 'jmeter-5';
  let rows = 0;
  await forEachCsvRecord(source, (f, lineNo) => {
    if (col === null) {
      col = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      if (col.elapsed === undefined || col.label === undefined) {
        throw new Error(
          'JTL without a header row: save results with jmeter.save.saveservice.print_field_names=true (the default), or use the XML form',
        );
      }
      variant = jtlVariant(f);
      return;
    }
    const elapsed = Number(f[col.elapsed!]);
    if (!Number.isFinite(elapsed)) throw new Error(`line ${lineNo}: elapsed is not a number`);
    const label = f[col.label!] ?? '';
    const success = col.success === undefined ? true : f[col.success] === 'true';
    const ts = col.timeStamp === undefined ? undefined : parseTimestamp(f[col.timeStamp] ?? '');
    acc.endpoint(label).record(elapsed, success, ts);
    if (ts !== undefined && col.allThreads !== undefined) acc.timeline.activeUsers(ts, Number(f[col.allThreads]));
    rows++;
  });
  return { rows, variant };
}

const ATTR = /\s([a-zA-Z_]+)="([^"]*)"/g;

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR)) out[m[1]!] = m[2]!;
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

export async function parseJmeterXml(source: ByteSource, acc: RawAccumulator): Promise<{ rows: number }> {
  let text = '';
  let depth = 0; // depth inside sample elements
  let rows = 0;
  const TAG = /<(\/?)(httpSample|sample)\b([^>]*?)(\/?)>/g;
  for await (const chunk of decoded(source)) {
    text += chunk.toString('utf8');
    // Only handle complete tags; keep the tail from the last '<' that has no '>' after it.
    const lastOpen = text.lastIndexOf('<');
    const cut = lastOpen !== -1 && text.indexOf('>', lastOpen) === -1 ? lastOpen : text.length;
    const work = text.slice(0, cut);
    TAG.lastIndex = 0;
    for (let m = TAG.exec(work); m; m = TAG.exec(work)) {
      const [, closing, , body, selfClosing] = m;
      if (closing) {
        depth = Math.max(0, depth - 1);
        continue;
      }
      if (depth === 0) {
        const a = attrs(body!);
        const t = Number(a.t);
        if (Number.isFinite(t)) {
          const ts = a.ts === undefined ? undefined : Number(a.ts);
          acc.endpoint(unescapeXml(a.lb ?? '')).record(t, a.s !== 'false', ts);
          if (ts !== undefined && a.na !== undefined) acc.timeline.activeUsers(ts, Number(a.na)); // na: active threads, all groups
          rows++;
        }
      }
      if (!selfClosing) depth++;
    }
    text = text.slice(cut);
    // Drop text between tags (response data can be large) but keep a possible partial tag.
    if (text.length > 1024 * 1024 && text.indexOf('<') === -1) text = '';
  }
  return { rows };
}
