/**
 * The whole report from `assemble_report`, page after page: one result is capped in size, a
 * report is not. Used by `ace run` and `ace audit` to write report.md.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface AssembledPage {
  markdown: string;
  next_offset: number | null;
  emitted: string[];
  missing: string[];
  language: 'fr' | 'en';
}

/** Calls assemble_report until the last page; an isError result is returned as is. */
export async function assembleWholeReport(client: Client, args: Record<string, unknown> = {}): Promise<CallToolResult & { page?: AssembledPage }> {
  const parts: string[] = [];
  let offset = 0;
  for (;;) {
    const result = (await client.callTool({ name: 'assemble_report', arguments: { ...args, offset } })) as CallToolResult;
    const page = result.structuredContent as AssembledPage | undefined;
    if (result.isError || !page) return result;
    parts.push(page.markdown);
    if (page.next_offset === null) return { ...result, page: { ...page, markdown: parts.join('') } };
    offset = page.next_offset;
  }
}
