import { createServer, request as forward, type Server } from 'node:http';
import { freePort } from '../harness.ts';

// A load balancer on loopback, as small as it can be: each request goes to the next upstream in turn, body
// and headers as they came (plus X-Forwarded-For), the answer streamed back. An upstream that cannot be
// reached is answered 502, as a real balancer would.

export interface RoundRobinProxy {
  /** http://127.0.0.1:port */
  readonly origin: string;
  readonly port: number;
  /** How many requests each upstream was sent, in the order of `upstreams` */
  readonly sent: number[];
  close(): Promise<void>;
}

/** Starts the proxy; `upstreams()` is read per request, so instances started later (or restarted) count. */
export async function startRoundRobinProxy(
  upstreams: () => readonly string[],
  port?: number,
): Promise<RoundRobinProxy> {
  const listenPort = port ?? (await freePort());
  const sent: number[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    const targets = upstreams();
    const index = next % Math.max(targets.length, 1);
    next += 1;
    const target = targets[index];
    if (!target) {
      res.writeHead(502).end();
      return;
    }
    sent[index] = (sent[index] ?? 0) + 1;
    const url = new URL(target);
    const upstream = forward(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
          connection: 'close',
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(listenPort, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${listenPort}`,
    port: listenPort,
    sent,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
