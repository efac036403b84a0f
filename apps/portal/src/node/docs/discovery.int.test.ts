import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchJson, readSmartConfiguration } from './discovery.ts';

// A small server on loopback that answers as a healthy, a failing and a confused discovery endpoint.
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/ok/.well-known/smart-configuration') {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({ issuer: 'https://auth.example', token_endpoint: 'https://auth.example/token' }),
      );
    } else if (request.url === '/down') {
      response.statusCode = 503;
      response.end('{"error":"temporarily_unavailable"}');
    } else if (request.url === '/html') {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><p>proxy error</p>');
    } else if (request.url === '/slow') {
      setTimeout(() => response.end('{}'), 2000);
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

describe('reading a discovery document', () => {
  it('returns the document a server answers', async () => {
    expect(await readSmartConfiguration(`${base}/ok/`)).toEqual({
      ok: true,
      url: `${base}/ok/.well-known/smart-configuration`,
      document: { issuer: 'https://auth.example', token_endpoint: 'https://auth.example/token' },
    });
  });

  it('says which status a failing server answered', async () => {
    expect(await fetchJson(`${base}/down`)).toEqual({
      ok: false,
      url: `${base}/down`,
      problem: 'status',
      status: 503,
    });
  });

  it('says when the answer is not a JSON document', async () => {
    expect(await fetchJson(`${base}/html`)).toMatchObject({ ok: false, problem: 'not-json' });
  });

  it('says when nothing answers, or not in time', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    expect(await fetchJson(`http://127.0.0.1:${port}/`)).toEqual({
      ok: false,
      url: `http://127.0.0.1:${port}/`,
      problem: 'unreachable',
    });
    expect(await fetchJson(`${base}/slow`, 200)).toMatchObject({ ok: false, problem: 'unreachable' });
  });
});
