/** k6 duration strings ('30s', '2m', '1h30m', '500ms') to seconds. */
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
export const K6_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;

const SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 };

export function durationSeconds(text: string): number {
  if (!K6_DURATION.test(text)) throw new Error(`not a k6 duration: ${text}`);
  let total = 0;
  for (const m of text.matchAll(PART)) total += Number(m[1]) * SECONDS[m[2]!]!;
  return total;
}
