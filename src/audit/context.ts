/**
 * What every step of `ace audit` shares: the MCP client it calls the tools through, the
 * report language, and the two lists it prints (what it did, what needs judgement).
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { assembleWholeReport, type AssembledPage } from '../server/whole-report.js';
import type { connectInMemory } from '../server/in-memory.js';
import type { Localised, ReportLanguage } from '../report/headings.js';
import { callTool, type ToolArgs, type ToolName, type ToolResult } from '../server/typed-client.js';

/** Calls Ace's tools over the in-memory MCP client; a tool error becomes an exception. */
export class Caller {
  constructor(private readonly conn: Awaited<ReturnType<typeof connectInMemory>>) {}

  /** A tool typed from its schemas; a tool error becomes an exception naming the tool. */
  async tool<N extends ToolName>(name: N, args: ToolArgs<N>): Promise<ToolResult<N>> {
    try {
      return await callTool(this.conn.client, name, args);
    } catch (err) {
      throw new Error(`${name}: ${(err as Error).message || 'failed'}`, { cause: err });
    }
  }

  /** Any tool, untyped (the emit tools, whose definitions do not keep their names as types). */
  async call<T>(name: string, args: Record<string, unknown>): Promise<T> {
    const r = (await this.conn.client.callTool({ name, arguments: args })) as CallToolResult;
    if (r.isError) {
      const first = r.content[0];
      throw new Error(`${name}: ${first && first.type === 'text' ? first.text : 'failed'}`);
    }
    return r.structuredContent as T;
  }

  /** The whole report, every page of assemble_report. */
  async wholeReport(): Promise<AssembledPage> {
    const r = await assembleWholeReport(this.conn.client);
    if (r.isError || !r.page) {
      const first = r.content[0];
      throw new Error(`assemble_report: ${first && first.type === 'text' ? first.text : 'failed'}`);
    }
    return r.page;
  }
}

export interface AuditContext {
  ace: Caller;
  language: ReportLanguage;
  /** The service name used in the SLO tables and the Prometheus rules. */
  service: string;
  /** What the audit did, printed line by line. */
  log: string[];
  /** What a person (or a model) must decide, printed as "needs judgement: ...". */
  judgement: string[];
}

/** Basis of every default the audit chooses itself. */
export const JUDGEMENT: Localised = {
  en: 'needs judgement: default chosen by ace audit, not by the team',
  fr: "a juger : valeur par defaut choisie par ace audit, pas par l'equipe",
};

export function judged(detail: string, language: ReportLanguage = 'en'): { kind: 'estimate'; basis: string } {
  return { kind: 'estimate', basis: `${JUDGEMENT[language]} (${detail})` };
}
