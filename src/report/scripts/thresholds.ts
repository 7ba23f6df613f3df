/**
 * k6's threshold grammar, per metric type: `<aggregation> <operator> <number>`.
 *   trend:   avg | min | max | med | p(N)
 *   rate:    rate
 *   counter: count | rate
 *   gauge:   value
 * Operators: < <= > >= == === !=. `p95 < 200` and `p(95)<` are refused.
 */
export type K6MetricType = 'trend' | 'rate' | 'counter' | 'gauge';

/** k6's built-in metrics and their types. */
export const BUILTIN_METRIC_TYPES: Readonly<Record<string, K6MetricType>> = {
  http_req_duration: 'trend',
  http_req_waiting: 'trend',
  http_req_connecting: 'trend',
  http_req_tls_handshaking: 'trend',
  http_req_sending: 'trend',
  http_req_receiving: 'trend',
  http_req_blocked: 'trend',
  iteration_duration: 'trend',
  group_duration: 'trend',
  ws_connecting: 'trend',
  ws_session_duration: 'trend',
  ws_ping: 'trend',
  http_req_failed: 'rate',
  checks: 'rate',
  http_reqs: 'counter',
  iterations: 'counter',
  data_sent: 'counter',
  data_received: 'counter',
  dropped_iterations: 'counter',
  ws_msgs_sent: 'counter',
  ws_msgs_received: 'counter',
  ws_sessions: 'counter',
  vus: 'gauge',
  vus_max: 'gauge',
};

export const K6_OPERATORS = ['<', '<=', '>', '>=', '==', '===', '!='] as const;

const AGGREGATIONS: Readonly<Record<K6MetricType, readonly string[]>> = {
  trend: ['avg', 'min', 'max', 'med', 'p(N)'],
  rate: ['rate'],
  counter: ['count', 'rate'],
  gauge: ['value'],
};

const EXAMPLES: Readonly<Record<K6MetricType, string>> = {
  trend: '"p(95)<200", "avg<150"',
  rate: '"rate<0.01"',
  counter: '"count>100", "rate>50"',
  gauge: '"value<100"',
};

export type ThresholdCheck =
  | {
      ok: true;
      metric: string;
      type: K6MetricType | undefined;
      aggregation: string;
      percentile?: number;
      operator: (typeof K6_OPERATORS)[number];
      value: number;
    }
  | { ok: false; message: string };

const METRIC_NAME = /^([A-Za-z_][A-Za-z0-9_]*)(\{[^{}]*\})?$/;
const EXPRESSION = /^\s*(avg|min|max|med|count|rate|value|p\((\d+(?:\.\d+)?)\))\s*(===|==|!=|<=|>=|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$/;

/** The accepted forms for a metric type, as said in error messages. */
export function acceptedForms(type: K6MetricType): string {
  return `${AGGREGATIONS[type].join(' | ')} followed by one of ${K6_OPERATORS.join(' ')} and a number, e.g. ${EXAMPLES[type]}`;
}

function aggregationFits(aggregation: string, type: K6MetricType): boolean {
  const base = aggregation.startsWith('p(') ? 'p(N)' : aggregation;
  return AGGREGATIONS[type].includes(base);
}

/** The base name of `http_req_duration{name:products}`: `http_req_duration`. */
export function metricBaseName(metric: string): string | undefined {
  return METRIC_NAME.exec(metric.trim())?.[1];
}

/**
 * Checks one threshold expression against k6's grammar for the metric's type. `type` is
 * needed only for custom metrics; an unknown metric without a type accepts any type's form.
 */
export function checkK6Threshold(metric: string, expr: string, type?: K6MetricType): ThresholdCheck {
  const base = metricBaseName(metric);
  if (!base) return { ok: false, message: `threshold metric "${metric}" is not a k6 metric name (name or name{tag:value})` };
  const metricType = type ?? BUILTIN_METRIC_TYPES[base];
  const m = EXPRESSION.exec(expr);
  const fits = m !== null && (metricType ? aggregationFits(m[1]!, metricType) : true);
  if (!m || !fits) {
    const forms = metricType ? acceptedForms(metricType) : (Object.keys(AGGREGATIONS) as K6MetricType[]).map((t) => `${t}: ${acceptedForms(t)}`).join('; ');
    return {
      ok: false,
      message: `threshold "${expr}" on ${metric}${metricType ? ` (${metricType})` : ''} is not valid k6; accepted forms: ${forms}`,
    };
  }
  const percentile = m[2] === undefined ? undefined : Number(m[2]);
  if (percentile !== undefined && (percentile < 0 || percentile > 100)) {
    return { ok: false, message: `threshold "${expr}" on ${metric}: the percentile must be between 0 and 100` };
  }
  return {
    ok: true,
    metric,
    type: metricType,
    aggregation: m[1]!.replace(/\s+/g, ''),
    ...(percentile === undefined ? {} : { percentile }),
    operator: m[3] as (typeof K6_OPERATORS)[number],
    value: Number(m[4]),
  };
}
