import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, parseTrustedProxies } from './client-address.ts';

function request(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress(request('127.0.0.1', '198.51.100.7'))).toBe('127.0.0.1');
    expect(clientAddress(request('10.0.0.2', '198.51.100.7'), parseTrustedProxies(''))).toBe('10.0.0.2');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    expect(clientAddress(request('203.0.113.9', '198.51.100.7'), trusted)).toBe('203.0.113.9');
  });

  it('believes a trusted proxy: the right-most hop that is not a trusted proxy is the client', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, 192.0.2.10');
    expect(clientAddress(request('10.0.0.2', '198.51.100.7'), trusted)).toBe('198.51.100.7');
    // The client wrote "1.2.3.4" itself; the proxy chain appended the real address and a proxy hop.
    expect(clientAddress(request('10.0.0.2', '1.2.3.4, 198.51.100.7, 192.0.2.10'), trusted)).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(request('10.0.0.2', ['1.2.3.4', '198.51.100.7']), trusted)).toBe('198.51.100.7');
  });

  it('answers the proxy itself when the header is missing, and the last good hop when one is garbage', () => {
    const trusted = parseTrustedProxies('10.0.0.2');
    expect(clientAddress(request('10.0.0.2'), trusted)).toBe('10.0.0.2');
    expect(clientAddress(request('10.0.0.2', 'not-an-ip'), trusted)).toBe('10.0.0.2');
    const chain = parseTrustedProxies('10.0.0.0/8');
    expect(clientAddress(request('10.0.0.2', 'nonsense, 10.0.0.3'), chain)).toBe('10.0.0.3');
  });

  it('reads IPv6 and IPv4-mapped peers and hops', () => {
    const trusted = parseTrustedProxies('::1, 2001:db8::/32');
    expect(clientAddress(request('::1', '2001:db8::5, [2001:0db8:ffff::1]:443'), trusted)).toBe(
      '2001:db8::5',
    );
    expect(clientAddress(request('::ffff:127.0.0.1', '198.51.100.7'), parseTrustedProxies('127.0.0.1'))).toBe(
      '198.51.100.7',
    );
    expect(clientAddress(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });
});

describe('parseTrustedProxies', () => {
  it('refuses entries that are neither an address nor a CIDR block', () => {
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/10.0.0.0\/33/);
    expect(() => parseTrustedProxies('proxy.internal')).toThrow(/proxy.internal/);
    expect(() => parseTrustedProxies('10.0.0.0/8/1')).toThrow();
    expect(parseTrustedProxies('10.0.0.0/8, ::1, 192.0.2.1').trusts('10.9.9.9')).toBe(true);
  });

  it('normalises addresses', () => {
    expect(normalizeAddress('192.0.2.1:8080')).toBe('192.0.2.1');
    expect(normalizeAddress('[::1]:443')).toBe('::1');
    expect(normalizeAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress('unknown')).toBeUndefined();
  });
});

describe('AUTH_TRUSTED_PROXIES', () => {
  it('is validated at start: a malformed entry stops the server', async () => {
    const { readAuthEnv } = await import('../env.ts');
    expect(readAuthEnv({ AUTH_TRUSTED_PROXIES: '10.0.0.0/8,::1' }).AUTH_TRUSTED_PROXIES).toBe(
      '10.0.0.0/8,::1',
    );
    expect(readAuthEnv({}).AUTH_TRUSTED_PROXIES).toBeUndefined();
    expect(() => readAuthEnv({ AUTH_TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal' })).toThrow(
      /AUTH_TRUSTED_PROXIES: not an IP address or CIDR block: proxy.internal/,
    );
  });
});
