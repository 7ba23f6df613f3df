/**
 * The files of a run, written whatever way it ended: report.md (assembled by the
 * `assemble_report` tool), report.json (every emitted table as data, with its sources, and
 * the `validate_report` result). Both tools are called through the MCP client, the same
 * code path the model uses.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../report/headings.js';
import { chartsFromToolResults, type ToolResultRecord } from '../report/html/from-tools.js';
import { renderReportHtml } from '../report/html/page.js';
import { assembleWholeReport } from '../server/whole-report.js';
import type { Session } from '../session/session.js';
import { ACE_VERSION } from '../version.js';
import type { StopReason } from './exit-codes.js';
import type { RunOptions } from './options.js';

export interface ReportFiles {
  markdown: string;
  /** The same report, self-contained HTML: tables and sources, and charts of the evidence the tools read. */
  html: string;
  json: string;
  transcript: string;
}

export interface FinalisedReport {
  files: ReportFiles;
  valid: boolean;
  tableCount: number;
}

/** A source found in a table's data, with where it sits (`rows[2].current`). */
export interface SourceEntry {
  at: string;
  source: Record<string, unknown>;
}

/** Every `source` object of a quantity inside `data`, in document order. */
export function collectSources(data: unknown, at = ''): SourceEntry[] {
  if (Array.isArray(data)) return data.flatMap((item, i) => collectSources(item, `${at}[${i}]`));
  if (!data || typeof data !== 'object') return [];
  const out: SourceEntry[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const path = at ? `${at}.${key}` : key;
    if (key === 'source' && value && typeof value === 'object' && 'kind' in value) {
      out.push({ at: at || '.', source: value as Record<string, unknown> });
    } else {
      out.push(...collectSources(value, path));
    }
  }
  return out;
}

function resultText(result: CallToolResult): string {
  return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
}

async function callReportTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  try {
    return (await client.callTool({ name, arguments: args })) as CallToolResult;
  } catch (err) {
    return { isError: true, content: [{ type: 'text', text: err instanceof Error ? err.message : String(err) }] };
  }
}

export async function finaliseReport(
  client: Client,
  session: Session,
  options: RunOptions,
  run: { stop: StopReason; turns: number; tokens: number },
  /** The arguments of the model's own last assemble_report call (e.g. its title). */
  assembleArgs: Record<string, unknown>,
  /** Applied to every file written, as to the transcript: no credential reaches the disk. */
  scrub: (text: string) => string,
  /** The session's successful calls of the tools whose results report.html draws. */
  toolResults: readonly ToolResultRecord[] = [],
): Promise<FinalisedReport> {
  const files: ReportFiles = {
    markdown: join(options.out, 'report.md'),
    html: join(options.out, 'report.html'),
    json: join(options.out, 'report.json'),
    transcript: join(options.out, 'transcript.jsonl'),
  };
  mkdirSync(options.out, { recursive: true });

  // Every page of the structured markdown: one result (either channel) is capped in size.
  const assembled: Awaited<ReturnType<typeof assembleWholeReport>> = await assembleWholeReport(client, assembleArgs).catch((err: unknown) => ({
    isError: true,
    content: [{ type: 'text' as const, text: err instanceof Error ? err.message : String(err) }],
  }));
  const page = assembled.page;
  const markdown = assembled.isError || !page ? `# Ace\n\n> The report could not be assembled: ${resultText(assembled)}\n` : page.markdown;
  writeFileSync(files.markdown, scrub(markdown.endsWith('\n') ? markdown : `${markdown}\n`));
  const language = session.language ?? options.lang ?? 'en';
  const title = typeof assembleArgs.title === 'string' ? assembleArgs.title : (/^# (.+)$/m.exec(markdown)?.[1] ?? 'Ace');
  const charts = JSON.parse(scrub(JSON.stringify(chartsFromToolResults(toolResults)))) as ReturnType<typeof chartsFromToolResults>;
  writeFileSync(files.html, renderReportHtml({ language, title: scrub(title), markdown: scrub(markdown), charts }));

  // An explicit --lang is the language the report must be in; otherwise the session's.
  const validated = assembled.isError
    ? undefined
    : await callReportTool(client, 'validate_report', { markdown, ...(options.lang ? { language: options.lang } : {}) });
  const validation = validated
    ? validated.isError
      ? { ok: false, error: resultText(validated) }
      : (validated.structuredContent ?? { ok: false, error: 'validate_report returned no data' })
    : { ok: false, error: `not validated: ${resultText(assembled)}` };
  const valid = (validation as { ok?: unknown }).ok === true;

  const tables = TABLES.flatMap((spec) => {
    const table = session.table(spec.id);
    if (!table) return [];
    return [{ id: spec.id, number: spec.number, phase: spec.phase, name: spec.name, data: table.data, sources: collectSources(table.data) }];
  });
  const json = {
    ace: ACE_VERSION,
    target: options.target,
    model: options.model,
    language: session.language ?? options.lang ?? null,
    run: { ...run, complete: run.stop.kind === 'finished' },
    tables,
    missing: TABLES.filter((spec) => !session.table(spec.id)).map((spec) => spec.id),
    validation,
  };
  writeFileSync(files.json, scrub(`${JSON.stringify(json, null, 2)}\n`));
  return { files, valid, tableCount: tables.length };
}
