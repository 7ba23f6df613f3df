// A tiny HTTP service for producing real load-test fixtures. Listens on 127.0.0.1 only.
// Usage: node server.mjs [port] [lifetimeSeconds]  (stops by itself after lifetimeSeconds, default 60)
// ACE_SLOW="/items=30" makes /items 30 % slower (its delay times 1.3): a known change for
// BEFORE/AFTER comparisons.
import http from 'node:http';

const port = Number(process.argv[2] ?? 18080);
const lifetime = Number(process.argv[3] ?? 60);
let counter = 0;

const [slowPath, slowPct] = (process.env.ACE_SLOW ?? '').split('=');
const slowFactor = slowPath ? 1 + Number(slowPct) / 100 : 1;
if (!Number.isFinite(slowFactor) || slowFactor <= 0) throw new Error(`ACE_SLOW must read PATH=PERCENT, e.g. /items=30`);

const routes = {
  '/fast': () => ({ delay: 1, status: 200 }),
  '/slow': () => ({ delay: 20 + (counter % 5) * 5, status: 200 }),
  '/items': () => ({ delay: 5, status: counter % 20 === 0 ? 500 : 200 }),
};

const server = http.createServer((req, res) => {
  counter++;
  const path = (req.url ?? '/').split('?')[0];
  const route = routes[path];
  if (!route) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
    return;
  }
  const { delay: base, status } = route();
  const delay = path === slowPath ? base * slowFactor : base;
  setTimeout(() => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path, status, n: counter }) + '\n');
  }, delay);
});

server.listen(port, '127.0.0.1', () => process.stderr.write(`listening on 127.0.0.1:${port}\n`));
setTimeout(() => server.close(() => process.exit(0)).closeAllConnections(), lifetime * 1000).unref();
