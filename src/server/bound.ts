/** Default cap on the text of one tool result (Claude Code warns past ~10k tokens). */
export const RESULT_TEXT_BYTES = 40_000;

/** Cuts `text` to at most `maxBytes` UTF-8 bytes on a character boundary, saying so. */
export function boundText(text: string, maxBytes = RESULT_TEXT_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const note = `\n[output cut at ${Math.round(maxBytes / 1000)} KB: narrow the request or page on with offset/head_limit]`;
  const budget = maxBytes - Buffer.byteLength(note, 'utf8');
  let cut = Buffer.from(text, 'utf8').subarray(0, budget).toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut + note;
}
