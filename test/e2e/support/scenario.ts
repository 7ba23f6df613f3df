/**
 * The scripted model for `/ace <target>`: what it checks in each request Claude Code sends,
 * and which Ace tools it calls. Shared by the project install and the plugin install; only
 * the prefix of the tool names differs.
 */
import { expect } from 'vitest';
import { type MessagesRequest, type Step, type ToolCall, type ToolResultView, reply } from '../../support/scripted-api/index.js';
import { ACE_TOOLS, TARGET } from './claude.js';

export interface Observed {
  /** The tool results the model received, by the Ace tool name that produced them. */
  results: Map<string, ToolResultView>;
  /** The assembled report's Markdown. */
  report?: string;
  /** The text the scripted model gave as its final answer. */
  finalText?: string;
}

const has = (tool: string) => ACE_TOOLS.includes(tool);

/**
 * The script. `prefix` is how this install names Ace's tools (`mcp__ace__`,
 * `mcp__plugin_ace_ace__`). Every step only takes a request that offers Ace's tools: the
 * forked run of the skill. Anything else (there should be nothing) goes to the fallback.
 */
export function aceScenario(prefix: string): { steps: Step[]; observed: Observed } {
  const observed: Observed = { results: new Map() };
  const isForked = (req: MessagesRequest) => req.toolNames().some((n) => n.startsWith(prefix));
  const call = (tool: string, input: Record<string, unknown>): ToolCall => ({ id: `toolu_01${tool}`, name: prefix + tool, input });

  /** Files the results of the previous turn under their tool names, and checks none is missing. */
  const collect = (req: MessagesRequest, expected: string[]) => {
    const results = req.toolResults();
    for (const tool of expected) {
      const result = results.find((r) => r.tool_use_id === `toolu_01${tool}`);
      expect(result, `a result for ${tool}`).toBeDefined();
      observed.results.set(tool, result!);
    }
  };

  const firstCalls = [
    ...(has('start_report') ? [call('start_report', { target: TARGET, language: 'fr' })] : []),
    call('grep', { pattern: 'SELECT \\* FROM', path: TARGET, output_mode: 'content' }),
    call('read', { path: '../../etc/passwd' }),
  ];
  const emitTools = ['emit_findings', 'emit_dashboard', 'emit_test_script', 'emit_scaling_triggers'].filter(has);

  const steps: Step[] = [
    {
      when: isForked,
      reply: (req) => {
        // The persona arrived, in French, with the target in place of $ARGUMENTS.
        const prompt = req.texts().join('\n');
        expect(prompt).toContain('Tu es Ace aux Poings Ardents');
        expect(prompt).toContain(`## Cible\n\n${TARGET}\n`);
        expect(prompt).not.toContain('$ARGUMENTS');
        // The forked run offers Ace's tools, every one of them, and nothing else.
        expect([...req.toolNames()].sort()).toEqual(ACE_TOOLS.map((t) => prefix + t).sort());
        return reply.toolUse(firstCalls, { text: 'Je commence par les preuves.' });
      },
    },
    {
      when: isForked,
      reply: (req) => {
        collect(
          req,
          firstCalls.map((c) => c.name.slice(prefix.length)),
        );
        const grep = observed.results.get('grep')!;
        expect(grep.is_error).toBe(false);
        expect(grep.text).toContain('src/routes/orders.js');
        expect(grep.text).toContain('SELECT * FROM order_lines WHERE order_id = $1');
        const passwd = observed.results.get('read')!;
        expect(passwd.is_error).toBe(true);
        expect(passwd.text).not.toMatch(/root:.*:0:0:/);
        // The N+1 query's line, taken from the real grep result.
        const line = /src\/routes\/orders\.js:(\d+):.*order_lines/.exec(grep.text)?.[1] ?? /"line":\s*(\d+)[^}]*order_lines/.exec(grep.text)?.[1];
        expect(line, 'the grep result gives the N+1 line').toBeDefined();
        const calls: ToolCall[] = [];
        if (has('emit_findings')) {
          calls.push(
            call('emit_findings', {
              rows: [
                {
                  layer: 'database',
                  finding: 'N+1: une requete order_lines par commande listee',
                  evidence: `${TARGET}/src/routes/orders.js:${line}`,
                  cost: { value: 51, unit: 'queries', source: { kind: 'estimate', basis: '50 commandes par page, plus la requete de liste' } },
                },
              ],
            }),
          );
        }
        if (has('emit_dashboard')) {
          calls.push(
            call('emit_dashboard', {
              rows: [
                { panel: 'red', metrics: ['req/s', 'error %', 'latence P50/P95/P99'], tool: 'Grafana + Prometheus' },
                { panel: 'use', metrics: ['CPU', 'memoire', 'connexions DB'], tool: 'Node Exporter' },
                { panel: 'business', metrics: ['commandes/min'], tool: 'metriques applicatives' },
              ],
            }),
          );
        }
        if (has('emit_test_script')) {
          // Generated, parsed and type-checked against @types/k6 by the server.
          calls.push(
            call('emit_test_script', {
              baseUrl: 'http://localhost:3000',
              scenarios: [{ name: 'smoke', executor: 'constant-vus', vus: 5, duration: '1m' }],
              endpoints: [{ name: 'list_orders', method: 'GET', path: '/api/orders?customer=42' }],
              thresholds: [{ metric: 'http_req_duration', expressions: ['p(95)<200', 'p(99)<500'] }],
            }),
          );
        }
        if (has('emit_scaling_triggers')) {
          // Broken on purpose: scale-down above scale-up. The tool must refuse it.
          calls.push(
            call('emit_scaling_triggers', {
              rows: [
                {
                  metric: 'CPU',
                  scaleUp: { value: 30, unit: '%' },
                  scaleDown: { value: 70, unit: '%' },
                  cooldown: { value: 3, unit: 'min' },
                },
              ],
            }),
          );
        }
        return reply.toolUse(calls);
      },
    },
    {
      when: isForked,
      reply: (req) => {
        collect(req, emitTools);
        if (has('emit_findings')) expect(observed.results.get('emit_findings')?.is_error).toBe(false);
        for (const tool of ['emit_dashboard', 'emit_test_script'].filter(has)) {
          expect(observed.results.get(tool)?.is_error, `${tool}: ${observed.results.get(tool)?.text}`).toBe(false);
        }
        if (has('emit_scaling_triggers')) {
          const refused = observed.results.get('emit_scaling_triggers')!;
          expect(refused.is_error).toBe(true);
          expect(refused.text).toMatch(/scale-down/i);
        }
        return has('assemble_report') ? reply.toolUse(call('assemble_report', {})) : reply.text('Rapport Ace');
      },
    },
    {
      when: isForked,
      reply: (req) => {
        collect(req, ['assemble_report']);
        const assembled = observed.results.get('assemble_report')!;
        expect(assembled.is_error).toBe(false);
        observed.report = reportText(assembled.text);
        // The emitted tables are in the assembled report, with the evidence they cite.
        expect(observed.report).toContain('N+1');
        expect(observed.report).toContain(`${TARGET}/src/routes/orders.js:`);
        if (has('emit_test_script')) expect(observed.report).toContain("import http from 'k6/http'");
        if (!has('validate_report')) return finish();
        return reply.toolUse(call('validate_report', { markdown: observed.report }));
      },
    },
    {
      when: isForked,
      reply: (req) => {
        collect(req, ['validate_report']);
        const validation = observed.results.get('validate_report')!;
        // A report with most tables missing is not valid: the validator says so, as data.
        const verdict = parseJson(validation.text) as { ok?: boolean; violations?: Array<{ rule: string }> } | undefined;
        if (verdict) {
          expect(verdict.ok).toBe(false);
          expect(verdict.violations?.map((v) => v.rule)).toContain('missing-table');
        } else {
          expect(validation.text).toMatch(/missing|manquant/i);
        }
        return finish();
      },
    },
  ];
  const used = steps.slice(0, has('validate_report') ? undefined : has('assemble_report') ? 4 : 3);

  function finish() {
    observed.finalText = observed.report ?? 'Rapport Ace';
    return reply.text(observed.finalText);
  }
  return { steps: used, observed };
}

/**
 * Claude Code hands the model a tool's `structuredContent` as JSON when there is one, else
 * its text: accept both.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The report's Markdown from an assemble_report result. */
function reportText(result: string): string {
  const data = parseJson(result) as { markdown?: unknown } | undefined;
  return typeof data?.markdown === 'string' ? data.markdown : result;
}
