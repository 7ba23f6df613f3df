/**
 * The byte cap on a tool result, and its text channel cut to it. The registry applies it to
 * both channels of every result (text here, structuredContent in bound-data.ts); the file tools
 * size their pages against it. Claude Code warns past ~10k tokens of a result and cuts at ~25k,
 * and shows the model the structured content when there is one, so both channels matter.
 */

/** Cap on each channel of one tool result: the text, and the structured content as JSON. */
export const RESULT_CAP_BYTES = 40_000;

/** The cap as the notes and descriptions say it. */
export const RESULT_CAP_TEXT = `${Math.round(RESULT_CAP_BYTES / 1000)} KB`;

/**
 * What a caller does to get what a cut left out: page with the tool's own parameters, or,
 * for a tool that has none, narrow the request.
 */
export function pagingAdvice(toolName: string, params: readonly string[]): string {
  return params.length > 0 ? `narrow the request or page on with ${params.join('/')}` : `${toolName} has no paging parameters: narrow the request`;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes on a character boundary, saying so and what to do. */
export function boundText(text: string, advice: string, maxBytes = RESULT_CAP_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const note = `\n[output cut at ${Math.round(maxBytes / 1000)} KB: ${advice}]`;
  const budget = Math.max(0, maxBytes - Buffer.byteLength(note, 'utf8'));
  return cutUtf8(text, budget) + note;
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a character. */
export function cutUtf8(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 3) return text;
  let cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  // A character split at the cut decodes as U+FFFD: drop it.
  if (cut.endsWith('\uFFFD') && text.charCodeAt(cut.length - 1) !== 0xfffd) cut = cut.slice(0, -1);
  return cut;
}
