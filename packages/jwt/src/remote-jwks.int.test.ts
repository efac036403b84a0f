import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClientAssertion, verifyClientAssertion } from './client-assertion.ts';
import { AssertionError, JwksError, type JwksErrorCode } from './errors.ts';
import type { KeyPairJwks } from './key-pair.ts';
import { RemoteJwks, RemoteJwksCache, type RemoteJwksOptions } from './remote-jwks.ts';
import {
  CLIENT_ID,
  keyPair,
  manualClock,
  NOW,
  serveJwks,
  startServer,
  type TestServer,
  TOKEN_ENDPOINT,
} from './test-fixtures.ts';

/** The test servers listen on 127.0.0.1, which production refuses. */
const ON_LOOPBACK = { addresses: 'public-or-loopback' } as const;

let first: KeyPairJwks;
let second: KeyPairJwks;
const servers: TestServer[] = [];

beforeAll(async () => {
  first = await keyPair('ES384', 'remote-1');
  second = await keyPair('ES384', 'remote-2');
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const server = await startServer(...args);
  servers.push(server);
  return server;
}

async function jwksCode(promise: Promise<unknown>): Promise<JwksErrorCode> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JwksError);
  return (error as JwksError).code;
}

function kids(keys: readonly { kid?: string }[]): (string | undefined)[] {
  return keys.map((jwk) => jwk.kid);
}

describe('RemoteJwks against a real HTTP server', () => {
  it('fetches the set once and answers later calls from the cache', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    const clock = manualClock();
    const jwks = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: clock.now });
    expect(kids(await jwks.getKeys(first.publicJwk.kid))).toEqual([first.publicJwk.kid]);
    clock.advance(60_000);
    await jwks.getKeys(first.publicJwk.kid);
    await jwks.getKeys();
    expect(server.hits()).toBe(1);
  });

  it('fetches again once the cache lifetime has passed', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    const clock = manualClock();
    const jwks = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: clock.now, cacheTtlMs: 120_000 });
    await jwks.getKeys();
    clock.advance(119_999);
    await jwks.getKeys();
    expect(server.hits()).toBe(1);
    clock.advance(1);
    await jwks.getKeys();
    expect(server.hits()).toBe(2);
  });

  it('refetches when asked for a kid the cached set lacks (the client rotated its keys)', async () => {
    let published = [first.publicJwk];
    const server = await serve(serveJwks(() => ({ keys: published })));
    const clock = manualClock();
    const jwks = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: clock.now });
    await jwks.getKeys(first.publicJwk.kid);
    clock.advance(31_000);
    published = [first.publicJwk, second.publicJwk];
    expect(kids(await jwks.getKeys(second.publicJwk.kid))).toEqual([
      first.publicJwk.kid,
      second.publicJwk.kid,
    ]);
    expect(server.hits()).toBe(2);
  });

  it('refetches for unknown kids at most once per minRefetchIntervalMs', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    const clock = manualClock();
    const jwks = new RemoteJwks(server.url, {
      ...ON_LOOPBACK,
      clock: clock.now,
      minRefetchIntervalMs: 30_000,
    });
    await jwks.getKeys();
    expect(server.hits()).toBe(1);
    for (let i = 0; i < 5; i++) {
      clock.advance(5_000);
      expect(kids(await jwks.getKeys(`unknown-${i}`))).toEqual([first.publicJwk.kid]);
    }
    expect(server.hits()).toBe(1);
    clock.advance(5_000);
    await jwks.getKeys('unknown-again');
    expect(server.hits()).toBe(2);
    clock.advance(29_999);
    await jwks.getKeys('still-unknown');
    expect(server.hits()).toBe(2);
  });

  it('shares one in-flight fetch among 10 concurrent misses', async () => {
    let published = [first.publicJwk];
    const server = await serve(serveJwks(() => ({ keys: published }), 100));
    const clock = manualClock();
    const jwks = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: clock.now });
    const cold = await Promise.all(Array.from({ length: 10 }, () => jwks.getKeys(first.publicJwk.kid)));
    expect(server.hits()).toBe(1);
    expect(new Set(cold).size).toBe(1);

    clock.advance(30_000);
    published = [first.publicJwk, second.publicJwk];
    const misses = await Promise.all(Array.from({ length: 10 }, () => jwks.getKeys(second.publicJwk.kid)));
    expect(server.hits()).toBe(2);
    for (const keys of misses) expect(kids(keys)).toContain(second.publicJwk.kid);
  });

  it('refuses a JWK Set that contains a private key', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk, second.privateJwk] })));
    expect(await jwksCode(new RemoteJwks(server.url, ON_LOOPBACK).getKeys())).toBe('private_key');
  });

  it('refuses a JWK Set that contains a symmetric key', async () => {
    const server = await serve(serveJwks(() => ({ keys: [{ kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' }] })));
    expect(await jwksCode(new RemoteJwks(server.url, ON_LOOPBACK).getKeys())).toBe('private_key');
  });

  it('refuses a body larger than maxBytes, announced or streamed', async () => {
    const big = JSON.stringify({ keys: [first.publicJwk], padding: 'x'.repeat(70 * 1024) });
    const announced = await serve((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(big),
      });
      response.end(big);
    });
    expect(await jwksCode(new RemoteJwks(announced.url, ON_LOOPBACK).getKeys())).toBe('too_large');

    const streamed = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      for (let offset = 0; offset < big.length; offset += 8 * 1024)
        response.write(big.slice(offset, offset + 8 * 1024));
      response.end();
    });
    expect(await jwksCode(new RemoteJwks(streamed.url, ON_LOOPBACK).getKeys())).toBe('too_large');
  });

  it('refuses an answer that is not JSON, and JSON that is not a JWK Set', async () => {
    const html = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>login</html>');
    });
    expect(await jwksCode(new RemoteJwks(html.url, ON_LOOPBACK).getKeys())).toBe('not_json');
    const notASet = await serve(serveJwks(() => [first.publicJwk]));
    expect(await jwksCode(new RemoteJwks(notASet.url, ON_LOOPBACK).getKeys())).toBe('invalid_jwks');
  });

  it('refuses an error status and does not follow redirects', async () => {
    const missing = await serve((_request, response) => {
      response.writeHead(404);
      response.end();
    });
    expect(await jwksCode(new RemoteJwks(missing.url, ON_LOOPBACK).getKeys())).toBe('http_status');
    const redirect = await serve((_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      response.end();
    });
    expect(await jwksCode(new RemoteJwks(redirect.url, ON_LOOPBACK).getKeys())).toBe('fetch_failed');
  });

  it('gives up on a server that does not answer within timeoutMs', async () => {
    const silent = await serve(() => undefined);
    expect(await jwksCode(new RemoteJwks(silent.url, { ...ON_LOOPBACK, timeoutMs: 150 }).getKeys())).toBe(
      'timeout',
    );
  });

  it('remembers a failed fetch for minRefetchIntervalMs instead of retrying at once', async () => {
    let healthy = false;
    const server = await serve((_request, response) => {
      if (healthy) return serveJwks(() => ({ keys: [first.publicJwk] }))(_request, response);
      response.writeHead(503);
      response.end();
    });
    const clock = manualClock();
    const jwks = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: clock.now });
    expect(await jwksCode(jwks.getKeys())).toBe('http_status');
    healthy = true;
    clock.advance(10_000);
    expect(await jwksCode(jwks.getKeys())).toBe('http_status');
    expect(server.hits()).toBe(1);
    clock.advance(20_000);
    expect(kids(await jwks.getKeys())).toEqual([first.publicJwk.kid]);
    expect(server.hits()).toBe(2);
  });

  it('shares one cache between clients registered with the same URL', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    const options: RemoteJwksOptions = { ...ON_LOOPBACK, clock: manualClock().now };
    const cache = new RemoteJwksCache(options);
    await cache.get(server.url).getKeys(first.publicJwk.kid);
    await cache.get(server.url).getKeys(first.publicJwk.kid);
    await Promise.all(Array.from({ length: 10 }, () => cache.get(server.url).getKeys('unknown')));
    expect(server.hits()).toBe(1);
  });
});

describe('RemoteJwks refuses to be sent where a client should not send us (SSRF)', () => {
  it('refuses a JWKS URL on loopback by default (production), without connecting', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    expect(await jwksCode(new RemoteJwks(server.url).getKeys())).toBe('forbidden_address');
    expect(await jwksCode(new RemoteJwks(server.url, { addresses: 'public' }).getKeys())).toBe(
      'forbidden_address',
    );
    const mapped = `https://[::ffff:127.0.0.1]:${new URL(server.url).port}/jwks.json`;
    expect(await jwksCode(new RemoteJwks(mapped).getKeys())).toBe('forbidden_address');
    expect(server.hits()).toBe(0);
  });

  it.each([
    'https://169.254.169.254/latest/meta-data',
    'https://10.0.0.7/jwks.json',
    'https://[::ffff:10.0.0.1]/jwks.json',
    'https://[::ffff:a9fe:a9fe]/jwks.json',
    'https://[fe80::1]/jwks.json',
    'https://[fd00::1]/jwks.json',
    'https://0.0.0.0/jwks.json',
  ])('refuses the address literal in %s even where loopback is allowed', async (url) => {
    const error = await new RemoteJwks(url, ON_LOOPBACK).getKeys().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(JwksError);
    expect((error as JwksError).code).toBe('forbidden_address');
    expect((error as JwksError).description).toBe(
      'The JWKS URL leads to a private, loopback, link-local or otherwise non-public address.',
    );
  });

  it('resolves the host and refuses it when any of its addresses is not public (IPv4 and IPv6)', async () => {
    const resolvedTo = (...addresses: string[]) => ({
      addresses: 'public' as const,
      lookup: async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    });
    for (const addresses of [
      ['93.184.216.34', '10.0.0.1'],
      ['2606:4700::6810:84e5', 'fd12::1'],
      ['::ffff:169.254.169.254'],
      ['127.0.0.1'],
    ]) {
      const jwks = new RemoteJwks('https://jwks.client.example/jwks.json', resolvedTo(...addresses));
      expect(await jwksCode(jwks.getKeys())).toBe('forbidden_address');
    }
  });

  it('connects to the address it checked (no second resolution an attacker could answer differently)', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    const port = new URL(server.url).port;
    const asked: string[] = [];
    const jwks = new RemoteJwks(`http://localhost:${port}/jwks.json`, {
      addresses: 'public-or-loopback',
      lookup: async (hostname) => {
        asked.push(hostname);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    });
    expect(kids(await jwks.getKeys())).toEqual([first.publicJwk.kid]);
    expect(asked).toEqual(['localhost']);
    expect(server.hits()).toBe(1);
  });
});

describe('verifyClientAssertion with a RemoteJwks', () => {
  it('accepts an assertion signed with a key the client added after the set was cached', async () => {
    let published = [first.publicJwk];
    const server = await serve(serveJwks(() => ({ keys: published })));
    const clock = manualClock();
    const keys = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: clock.now });
    const options = { clientId: CLIENT_ID, audiences: [TOKEN_ENDPOINT], keys, now: NOW };
    const make = (pair: KeyPairJwks) =>
      createClientAssertion({
        clientId: CLIENT_ID,
        audience: TOKEN_ENDPOINT,
        key: pair.privateJwk,
        now: NOW,
      });

    await expect(verifyClientAssertion(await make(first), options)).resolves.toMatchObject({
      clientId: CLIENT_ID,
    });
    published = [first.publicJwk, second.publicJwk];
    clock.advance(30_000);
    await expect(verifyClientAssertion(await make(second), options)).resolves.toMatchObject({
      clientId: CLIENT_ID,
    });
    expect(server.hits()).toBe(2);
  });

  it('reports an unknown kid without refetching while the rate limit holds', async () => {
    const server = await serve(serveJwks(() => ({ keys: [first.publicJwk] })));
    const keys = new RemoteJwks(server.url, { ...ON_LOOPBACK, clock: manualClock().now });
    const options = { clientId: CLIENT_ID, audiences: [TOKEN_ENDPOINT], keys, now: NOW };
    const token = await createClientAssertion({
      clientId: CLIENT_ID,
      audience: TOKEN_ENDPOINT,
      key: second.privateJwk,
      now: NOW,
    });
    for (let i = 0; i < 3; i++) {
      await expect(verifyClientAssertion(token, options)).rejects.toMatchObject({ code: 'unknown_kid' });
    }
    await expect(verifyClientAssertion(token, options)).rejects.toBeInstanceOf(AssertionError);
    expect(server.hits()).toBe(1);
  });
});
