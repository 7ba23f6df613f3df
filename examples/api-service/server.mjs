// A tiny HTTP service for producing real load-test fixtures. Listens on 127.0.0.1 only.
// Usage: node server.mjs [port] [lifetimeSeconds]  (stops by itself after lifetimeSeconds, default 60)
// ACE_SLOW="/items=30" makes /items 30 % slower (its delay times 1.3): a known change for
// BEFORE/AFTER comparisons.
// ACE_ERROR_RATE="/items=0.5" makes exactly that fraction of /items answer 500 (one in two here),
// instead of the usual one request in 20 counted over all routes.
// GET /metrics serves Prometheus metrics (prom-client): the counter http_requests_total and the
// histogram http_request_duration_seconds, both labelled method, route and status. /metrics
// itself is not counted.
import http from 'node:http';
import client from 'prom-client';

const port = Number(process.argv[2] ?? 18080);
const lifetime = Number(process.argv[3] ?? 60);
let counter = 0;

const [slowPath, slowPct] = (process.env.ACE_SLOW ?? '').split('=');
const slowFactor = slowPath ? 1 + Number(slowPct) / 100 : 1;
if (!Number.isFinite(slowFactor) || slowFactor <= 0) throw new Error(`ACE_SLOW must read PATH=PERCENT, e.g. /items=30`);

const [errorPath, errorRateText] = (process.env.ACE_ERROR_RATE ?? '').split('=');
const errorRate = errorPath ? Number(errorRateText) : 0;
if (!Number.isFinite(errorRate) || errorRate < 0 || errorRate > 1) throw new Error(`ACE_ERROR_RATE must read PATH=FRACTION, e.g. /items=0.5`);
let errorPathCalls = 0;

/** Exactly `errorRate` of the calls fail, spread evenly: call n fails when floor(n·rate) steps up. */
function forcedStatus() {
  errorPathCalls++;
  return Math.floor(errorPathCalls * errorRate) > Math.floor((errorPathCalls - 1) * errorRate) ? 500 : 200;
}

const routes = {
  '/fast': () => ({ delay: 1, status: 200 }),
  '/slow': () => ({ delay: 20 + (counter % 5) * 5, status: 200 }),
  '/items': () => ({ delay: 5, status: counter % 20 === 0 ? 500 : 200 }),
};

const registry = new client.Registry();
const requests = new client.Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route and status.',
  labelNames: ['method', 'route', 'status'],
  registers: [registry],
});
const duration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'Time from request to response, by method, route and status.',
  labelNames: ['method', 'route', 'status'],
  // The routes take 1..40 ms: 5 ms steps up to 50 ms, then coarser for outliers.
  buckets: [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.075, 0.1, 0.25, 0.5, 1],
  registers: [registry],
});

function observe(req, route, status, start) {
  const labels = { method: req.method ?? 'GET', route, status: String(status) };
  requests.inc(labels);
  duration.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/metrics') {
    registry.metrics().then((text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
    });
    return;
  }
  const start = process.hrtime.bigint();
  counter++;
  const route = routes[path];
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
    observe(req, 'unmatched', 404, start);
    return;
  }
  const { delay: base, status: usual } = route();
  const status = path === errorPath ? forcedStatus() : usual;
  const delay = path === slowPath ? base * slowFactor : base;
  setTimeout(() => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path, status, n: counter }) + '\n');
    observe(req, path, status, start);
  }, delay);
});

server.listen(port, '127.0.0.1', () => process.stderr.write(`listening on 127.0.0.1:${port}\n`));
setTimeout(() => server.close(() => process.exit(0)).closeAllConnections(), lifetime * 1000).unref();
