/**
 * Folded stacks (Brendan Gregg's stackcollapse output, also py-spy --format raw, async-profiler
 * collapsed): one line per stack, frames root first separated by ';', then a space and a count.
 */
import { type ByteSource, forEachLine } from '../bytes.js';
import { StackAggregator, type Frame, type ProfileTop } from './top.js';

/** Splits "name (file:line)" / "name [file:line]" / "file:line:name" style frames when possible. */
function frameOf(raw: string): Frame {
  const m = /^(.*?)\s*[([]([^()[\]]+:\d+)(?::\d+)?[)\]]$/.exec(raw);
  if (m && m[1]) return { name: m[1], location: m[2]! };
  return { name: raw, location: null };
}

export async function foldedTop(source: ByteSource, limit: number): Promise<ProfileTop & { malformed: number }> {
  const agg = new StackAggregator();
  const keys = new Map<string, string>();
  let malformed = 0;
  await forEachLine(source, (buf, s, e) => {
    const line = buf.toString('utf8', s, e).trimEnd();
    if (line === '' || line.startsWith('#')) return;
    const sp = line.lastIndexOf(' ');
    const count = sp === -1 ? NaN : Number(line.slice(sp + 1));
    if (!Number.isFinite(count)) {
      malformed++;
      return;
    }
    const frames = line.slice(0, sp).split(';');
    const stack: string[] = [];
    for (let i = frames.length - 1; i >= 0; i--) {
      const raw = frames[i]!;
      let k = keys.get(raw);
      if (k === undefined) {
        k = agg.key(frameOf(raw));
        keys.set(raw, k);
      }
      stack.push(k);
    }
    agg.add(stack, count);
  });
  return { ...agg.top('samples', limit), malformed };
}

/** True when the text looks like folded stacks. */
export function looksFolded(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 20);
  return lines.length > 0 && lines.every((l) => /^\S.* \d+(\.\d+)?$/.test(l.trimEnd()));
}
