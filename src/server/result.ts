/**
 * A tool's answer as an MCP result, bounded on both channels: the text cut at the cap with a
 * note, the structured content shortened to fit the cap (still valid against the tool's output
 * schema) with a `result_cut` note. Both notes name the tool's paging parameters, or say it
 * has none.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { boundData } from '../tools/bound-data.js';
import { boundText, pagingAdvice, RESULT_CAP_BYTES, RESULT_CAP_TEXT } from '../tools/bound.js';
import type { AnyTool, ToolAnswer } from '../tools/define.js';
import { CUT_FIELD, outputSchemaOf, pagingOf } from '../tools/registry.js';

/** Room kept for the note and the `truncated` flag when the structured content is cut. */
const NOTE_RESERVE_BYTES = 1_000;
/** Places named in a note; the rest are counted. */
const NOTE_PLACES = 4;

export function toolResult(tool: AnyTool, answer: ToolAnswer<unknown>, capBytes = RESULT_CAP_BYTES): CallToolResult {
  const advice = pagingAdvice(tool.name, pagingOf(tool));
  const text = boundText(answer.text, advice, capBytes);
  const data = answer.data as Record<string, unknown>;
  const cut = boundData(data, capBytes - NOTE_RESERVE_BYTES);
  if (cut && cut.cuts.length === 0) return { content: [{ type: 'text', text }], structuredContent: data };

  const failure = {
    isError: true,
    content: [{ type: 'text' as const, text: `${tool.name}: the result is over the ${RESULT_CAP_TEXT} cap and cannot be shortened; ${advice}` }],
  };
  if (!cut) return failure;
  const more = cut.cuts.length > NOTE_PLACES ? `; and ${cut.cuts.length - NOTE_PLACES} more` : '';
  const places = cut.cuts.slice(0, NOTE_PLACES).join('; ').slice(0, 600) + more;
  const structured: Record<string, unknown> = { ...cut.data, [CUT_FIELD]: `cut to fit the ${RESULT_CAP_TEXT} cap: ${places}. To get the rest, ${advice}` };
  if (typeof structured.truncated === 'boolean') structured.truncated = true;
  // The cut must leave a result its clients accept (a list may have a minimum length).
  if (!outputSchemaOf(tool).safeParse(structured).success) return failure;
  return { content: [{ type: 'text', text }], structuredContent: structured };
}
