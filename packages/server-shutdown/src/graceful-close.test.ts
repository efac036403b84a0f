import { Agent, createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeGracefully } from './graceful-close.ts';

function listening() {
  let answer: () => void = () => {};
  const answered = new Promise<void>((resolve) => {
    answer = resolve;
  });
  const server = createServer((req, res) => {
    if (req.url === '/slow') void answered.then(() => res.end('done'));
    else res.end('ok');
  });
  // As the FHIR API is set: an idle connection is kept a minute for the client's next request.
  server.keepAliveTimeout = 65_000;
  const graceful = closeGracefully(server);
  return new Promise<{ port: number; graceful: typeof graceful; answer: () => void }>((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ port: typeof address === 'object' && address ? address.port : 0, graceful, answer });
    }),
  );
}

const opened = (port: number) =>
  new Promise<Socket>((done) => {
    const socket = connect(port, '127.0.0.1', () => done(socket));
  });

// A client that keeps its connections open as long as the server lets it.
const keepAlive = new Agent({ keepAlive: true });

const get = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((done, fail) => {
    request({ host: '127.0.0.1', port, path, agent: keepAlive }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });

describe('closeGracefully', () => {
  // Without it, a connection that never sent a request holds close() for the headers timeout (a minute):
  // this test would time out.
  it('closes a connection that never sent a request at once', async () => {
    const { port, graceful } = await listening();
    const unused = await opened(port);
    const closed = new Promise<void>((done) => unused.once('close', () => done()));
    await graceful.close();
    await closed;
    expect(unused.destroyed).toBe(true);
  }, 10_000);

  // And the connection is closed once answered: kept alive, it would hold close() for the keep-alive timeout.
  it('lets a request in progress finish and answers it before it resolves', async () => {
    const { port, graceful, answer } = await listening();
    const slow = get(port, '/slow');
    // The request has reached the server before it closes.
    await new Promise((resolve) => setTimeout(resolve, 100));
    let finished = false;
    const closing = graceful.close().then(() => {
      finished = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished).toBe(false);
    answer();
    expect(await slow).toEqual({ status: 200, body: 'done' });
    await closing;
    expect(finished).toBe(true);
  }, 10_000);

  it('closes a keep-alive connection that has been answered and sits idle', async () => {
    const { port, graceful } = await listening();
    const socket = await opened(port);
    const reply = new Promise<string>((done) => socket.once('data', (data) => done(String(data))));
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
    expect(await reply).toMatch(/^HTTP\/1\.1 200/);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    await graceful.close();
    await closed;
  }, 10_000);
});
