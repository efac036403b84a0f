import { createServer, type IncomingMessage, type Server } from 'node:http';
import { freePort } from './harness.ts';

export interface Hook {
  url: string;
  received: { headers: IncomingMessage['headers']; body: Record<string, unknown> }[];
  /** How many of the next calls answer 503 */
  failNext: number;
  close(): Promise<void>;
}

/** A hospital's notification endpoint on loopback. */
export async function startHook(): Promise<Hook> {
  const port = await freePort();
  const hook: Hook = {
    url: `http://127.0.0.1:${port}/hook`,
    received: [],
    failNext: 0,
    close: async () => {},
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (hook.failNext > 0) {
        hook.failNext -= 1;
        res.writeHead(503).end();
        return;
      }
      hook.received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  hook.close = () => new Promise<void>((done) => server.close(() => done()));
  return hook;
}

export async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
