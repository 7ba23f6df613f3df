/** Phase 3 (load testing): test scenarios and the generated test script. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { fenced, markdownTable, SCRIPT_FENCES } from '../../report/format.js';
import { COLON, type Localised, tableSpec } from '../../report/headings.js';
import { WORDS } from '../../report/labels.js';
import { convert, DURATION_UNITS, quantityOf } from '../../report/quantity.js';
import { checkK6Script } from '../../report/scripts/check-k6.js';
import { renderGatling } from '../../report/scripts/gatling.js';
import { renderK6 } from '../../report/scripts/k6.js';
import { renderLocust } from '../../report/scripts/locust.js';
import { LoadTestSpecSchema, peakUsers, SCENARIO_KINDS, scenarioSeconds } from '../../report/scripts/spec.js';
import { checkK6Threshold } from '../../report/scripts/thresholds.js';
import type { ReportLanguage } from '../../report/table.js';
import type { Session } from '../../session/session.js';
import { defineEmitTool } from './emit-tool.js';
import { text } from './schemas.js';
import { formatNumber } from '../../numbers.js';

// ---- test scenarios --------------------------------------------------------------------

const KIND_LABELS = { smoke: 'Smoke', load: 'Load', stress: 'Stress', spike: 'Spike', soak: 'Soak' } as const;

const ScenarioRow = z.strictObject({
  kind: z.enum(SCENARIO_KINDS),
  pattern: text('e.g. "Ramp to expected"'),
  users: z.array(z.number().int().min(0)).min(1).max(5).describe('[5] constant, [100, 500] a range, [0, 1000, 0] a burst'),
  duration: quantityOf(DURATION_UNITS, 'Duration'),
  objective: text('What the run proves'),
});

const Omitted = z.strictObject({ kind: z.enum(SCENARIO_KINDS), reason: text('Why this kind is left out') });

function usersCell(users: readonly number[]): string {
  if (users.length === 1) return String(users[0]);
  if (users.length === 2) return `${users[0]}-${users[1]}`;
  return users.join('→');
}

export const emitTestScenarios = defineEmitTool({
  id: 'test_scenarios',
  title: 'Emit the test scenarios table (phase 3)',
  description:
    'Phase 3 scenarios: smoke, load, stress, spike and soak, each at least once (or listed in `omitted` with a reason), with pattern, users, duration and objective.',
  input: z.strictObject({ rows: z.array(ScenarioRow).min(1).max(12), omitted: z.array(Omitted).max(5).default([]) }),
  data: z.strictObject({ rows: z.array(ScenarioRow), omitted: z.array(Omitted) }),
  build({ rows, omitted }) {
    for (const kind of SCENARIO_KINDS) {
      const present = rows.some((r) => r.kind === kind);
      const left = omitted.some((o) => o.kind === kind);
      if (!present && !left) throw new UserInputError(`no ${kind} scenario: add one or list it in "omitted" with a reason`);
      if (present && left) throw new UserInputError(`${kind} is both present and omitted`);
    }
    return { rows, omitted };
  },
  render({ rows, omitted }, language, notes) {
    const table = markdownTable(
      tableSpec('test_scenarios').columns[language],
      rows.map((r) => [`**${KIND_LABELS[r.kind]}**`, r.pattern, usersCell(r.users), notes.quantity(r.duration), r.objective]),
    );
    if (omitted.length === 0) return table;
    const sep = COLON[language];
    return [table, '', `${WORDS.omitted[language]}${sep.trimEnd()}`, '', ...omitted.map((o) => `- ${KIND_LABELS[o.kind]}${sep}${o.reason}`)].join('\n');
  },
});

// ---- test script -----------------------------------------------------------------------

type ScenarioRowData = z.output<typeof ScenarioRow>;

/** "Stages match the scenarios": a scenario naming a kind peaks and lasts as that row says. */
function checkAgainstTable(spec: z.output<typeof LoadTestSpecSchema>, rows: readonly ScenarioRowData[]): void {
  for (const s of spec.scenarios) {
    if (!s.kind) continue;
    const row = rows.find((r) => r.kind === s.kind);
    if (!row) throw new UserInputError(`scenario "${s.name}": the test scenarios table has no ${s.kind} row`);
    const peak = peakUsers(s);
    const tablePeak = Math.max(...row.users);
    if (peak !== undefined && peak !== tablePeak) {
      throw new UserInputError(`scenario "${s.name}": peaks at ${peak} VUs but the ${s.kind} row of the test scenarios table says ${tablePeak} users`);
    }
    const seconds = scenarioSeconds(s);
    const tableSeconds = convert(row.duration.value, row.duration.unit, 's')!;
    if (Math.abs(seconds - tableSeconds) > 1) {
      throw new UserInputError(
        `scenario "${s.name}": lasts ${formatNumber(seconds)} s but the ${s.kind} row of the test scenarios table says ${formatNumber(tableSeconds)} s`,
      );
    }
  }
}

function checkThresholds(spec: z.output<typeof LoadTestSpecSchema>): void {
  spec.thresholds.forEach((t, i) => {
    for (const e of t.expressions) {
      const r = checkK6Threshold(t.metric, typeof e === 'string' ? e : e.threshold, t.type);
      if (!r.ok) throw new UserInputError(`threshold ${i + 1} (${t.metric}): ${r.message}`);
    }
  });
}

/** The report's "distributed run" part of the test script: how to run it on several generators. */
export const DistributedPartSchema = z.strictObject({
  runners: z.number().int(),
  files: z.array(z.string()),
  k6: z.array(z.string()).describe('k6-operator commands, from kubectl apply to ace check on the merged runner files'),
  locust: z.array(z.string()).describe("Locust's master and worker command lines"),
});
export type DistributedPart = z.output<typeof DistributedPartSchema>;

const TestScriptData = z.strictObject({
  spec: LoadTestSpecSchema,
  k6: z.string(),
  locust: z.string(),
  gatling: z.string(),
  distributed: DistributedPartSchema.optional().describe('added by distributed_run'),
});
type TestScriptData = z.output<typeof TestScriptData>;

const DISTRIBUTED_LABELS = {
  fr: {
    title: '**Execution distribuee ({n} generateurs)** :',
    why: "Quand une machine de charge ne suffit pas. Les seuils sont evalues une fois, par Ace, sur les resultats de tous les runners fusionnes (budgets.json), jamais par runner : un runner ne voit qu'une part de la charge.",
    k6: 'k6 sur Kubernetes (grafana/k6-operator) :',
    locust: 'Locust, master et workers :',
    files: 'Fichiers (outil distributed_run) : ',
  },
  en: {
    title: '**Distributed run ({n} generators)**:',
    why: "When one load-generator machine is not enough. Thresholds are evaluated once, by Ace, over every runner's results merged (budgets.json), never per runner: a runner sees only its share of the load.",
    k6: 'k6 on Kubernetes (grafana/k6-operator):',
    locust: 'Locust, master and workers:',
    files: 'Files (distributed_run tool): ',
  },
} as const satisfies Localised<Record<string, string>>;

function renderDistributed(d: DistributedPart, language: ReportLanguage): string {
  const L = DISTRIBUTED_LABELS[language];
  return [
    L.title.replace('{n}', String(d.runners)),
    '',
    L.why,
    '',
    L.k6,
    '',
    fenced(d.k6.join('\n'), 'sh'),
    '',
    L.locust,
    '',
    fenced(d.locust.join('\n'), 'sh'),
    '',
    `${L.files}${d.files.map((f) => `\`${f}\``).join(', ')}`,
  ].join('\n');
}

function renderTestScript({ k6, locust, gatling, distributed }: TestScriptData, language: ReportLanguage): string {
  const label = (tool: string) => `**${tool}**${COLON[language].trimEnd()}`;
  return [
    label('k6'),
    '',
    fenced(k6, SCRIPT_FENCES.k6),
    '',
    label('Locust'),
    '',
    fenced(locust, SCRIPT_FENCES.locust),
    '',
    label('Gatling (Java)'),
    '',
    fenced(gatling, SCRIPT_FENCES.gatling),
    ...(distributed ? ['', renderDistributed(distributed, language)] : []),
  ].join('\n');
}

/** The session's test script with its distributed-run part (re-stored: the report shows it in phase 3). */
export function addDistributedPart(session: Session, part: DistributedPart): boolean {
  const table = session.table('test_script');
  if (!table) return false;
  const data: TestScriptData = { ...(table.data as TestScriptData), distributed: part };
  session.store({ id: 'test_script', data, render: (language: ReportLanguage) => renderTestScript(data, language) });
  return true;
}

export const emitTestScript = defineEmitTool({
  id: 'test_script',
  title: 'Emit the load-test script (phase 3)',
  description:
    'Phase 3 script: from one spec (k6 scenarios with executors and stages, weighted endpoints with method/path/body/headers and checks, k6 thresholds, base URL) generates a complete k6 script, a Locust locustfile and a Gatling Java simulation. The k6 script is parsed and type-checked against @types/k6; thresholds must follow k6 grammar ("p(95)<200", "rate<0.01"). A scenario with a `kind` must peak and last as that row of the test scenarios table.',
  input: LoadTestSpecSchema,
  data: TestScriptData,
  async build(spec, ctx) {
    checkThresholds(spec);
    const scenarios = ctx.session.table('test_scenarios')?.data as { rows: ScenarioRowData[] } | undefined;
    if (scenarios) checkAgainstTable(spec, scenarios.rows);
    const k6 = renderK6(spec);
    const check = await checkK6Script(k6);
    if (!check.ok) {
      throw new UserInputError(`the generated k6 script does not check: ${check.issues.map((i) => `line ${i.line}: ${i.message}`).join('; ')}`);
    }
    return { spec, k6, locust: renderLocust(spec), gatling: renderGatling(spec) };
  },
  render: renderTestScript,
});

export const loadTestingTools = [emitTestScenarios, emitTestScript];
