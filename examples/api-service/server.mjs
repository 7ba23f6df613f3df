// A tiny HTTP service for producing real load-test fixtures. Listens on 127.0.0.1 only.
// Usage: node server.mjs [port] [lifetimeSeconds]  (stops by itself after lifetimeSeconds, default 60)
import http from 'node:http';

const port = Number(process.argv[2] ?? 18080);
const lifetime = Number(process.argv[3] ?? 60);
let counter = 0;

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
  const { delay, status } = route();
  setTimeout(() => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path, status, n: counter }) + '\n');
  }, delay);
});

server.listen(port, '127.0.0.1', () => process.stderr.write(`listening on 127.0.0.1:${port}\n`));
setTimeout(() => server.close(() => process.exit(0)).closeAllConnections(), lifetime * 1000).unref();
