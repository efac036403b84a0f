// The yardstick every scenario is divided by: a bare node:http server answering a fixed ~200-byte JSON body.
import { createServer } from 'node:http';

const body = JSON.stringify({
  resourceType: 'OperationOutcome',
  issue: [
    {
      severity: 'information',
      code: 'informational',
      diagnostics: 'bare node:http baseline for OpenPAS benchmarks',
    },
  ],
  padding: 'x'.repeat(40),
});

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`listening ${address.port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
