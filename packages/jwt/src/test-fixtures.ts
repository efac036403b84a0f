/** Shared helpers for this package's tests: fixed clock, key pairs, hand-built tokens, a JWKS server. */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CompactSign, importJWK, type JWK } from 'jose';
import type { SigningAlg } from './algorithms.ts';
import { generateKeyPair, type KeyPairJwks } from './key-pair.ts';

export const NOW = new Date('2026-03-01T08:00:00.000Z');
export const NOW_S = Math.floor(NOW.getTime() / 1000);
export const CLIENT_ID = 'nhi-backend-client-01';
export const ISSUER = 'https://auth.openpas.example';
export const TOKEN_ENDPOINT = 'https://auth.openpas.example/oauth/token';

const pairs = new Map<string, Promise<KeyPairJwks>>();

/** One key pair per (alg, label), generated once per test file. */
export function keyPair(alg: SigningAlg, label = 'default'): Promise<KeyPairJwks> {
  const name = `${alg}/${label}`;
  let pair = pairs.get(name);
  if (pair === undefined) {
    pair = generateKeyPair(alg);
    pairs.set(name, pair);
  }
  return pair;
}

export function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token assembled by hand: any header, any payload, any signature text (empty by default). */
export function handBuiltToken(header: unknown, payload: unknown, signature = ''): string {
  return `${base64urlJson(header)}.${base64urlJson(payload)}.${signature}`;
}

/** An HMAC-SHA256 signed token with the given bytes as secret (the alg-confusion attack). */
export function hmacToken(header: unknown, payload: unknown, secret: string | Uint8Array): string {
  const input = `${base64urlJson(header)}.${base64urlJson(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** Signs any payload with any header through jose (so also with algs our own signers refuse). */
export async function signRaw(
  privateJwk: JWK,
  header: { alg: string } & Record<string, unknown>,
  payload: unknown,
) {
  const key = await importJWK(privateJwk, header.alg);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader(header)
    .sign(key);
}

/** Replaces the payload of a compact JWS while keeping its header and signature. */
export function withPayload(token: string, payload: unknown): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64urlJson(payload)}.${signature}`;
}

export function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split('.')[index] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Characters RFC 6749 allows in error_description. */
export const ERROR_DESCRIPTION_CHARS = /^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/;

export interface TestServer {
  readonly url: string;
  /** Requests received so far. */
  hits(): number;
  close(): Promise<void>;
}

/** Starts a real HTTP server on 127.0.0.1 (port 0) that answers with `handler`, counting requests. */
export async function startServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>,
): Promise<TestServer> {
  let count = 0;
  const server = createServer((request, response) => {
    count++;
    void Promise.resolve(handler(request, response)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    hits: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that serves whatever JWK Set `current()` returns, after an optional delay. */
export function serveJwks(current: () => unknown, delayMs = 0) {
  return async (_request: IncomingMessage, response: ServerResponse) => {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(current()));
  };
}

/** A settable clock for RemoteJwks. */
export function manualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
