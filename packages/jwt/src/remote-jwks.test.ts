import { describe, expect, it } from 'vitest';
import { JwksError, type JwksErrorCode } from './errors.ts';
import { checkJwksUrl, isLoopbackUrl, RemoteJwks, RemoteJwksCache } from './remote-jwks.ts';

function codeOf(action: () => unknown): JwksErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof JwksError) return error.code;
    throw error;
  }
  return undefined;
}

describe('checkJwksUrl', () => {
  it('accepts https URLs anywhere and drops the fragment', () => {
    expect(checkJwksUrl('https://client.example/.well-known/jwks.json#x').href).toBe(
      'https://client.example/.well-known/jwks.json',
    );
  });

  it('refuses http for a host that is not this machine', () => {
    expect(codeOf(() => checkJwksUrl('http://client.example/jwks.json'))).toBe('insecure_url');
    expect(codeOf(() => checkJwksUrl('http://10.0.0.5/jwks.json'))).toBe('insecure_url');
    expect(codeOf(() => new RemoteJwks('http://client.example/jwks.json'))).toBe('insecure_url');
  });

  it('allows http to localhost, 127.0.0.1 and [::1] by default', () => {
    for (const url of ['http://localhost:8080/jwks', 'http://127.0.0.1/jwks', 'http://[::1]:3000/jwks']) {
      expect(isLoopbackUrl(new URL(url))).toBe(true);
      expect(checkJwksUrl(url).protocol).toBe('http:');
    }
    expect(isLoopbackUrl(new URL('http://localhost.attacker.example/'))).toBe(false);
  });

  it('lets allowHttp decide which http URLs pass', () => {
    const sandbox = (url: URL) => url.hostname === 'sandbox.internal';
    expect(checkJwksUrl('http://sandbox.internal/jwks', sandbox).host).toBe('sandbox.internal');
    expect(codeOf(() => checkJwksUrl('http://localhost/jwks', sandbox))).toBe('insecure_url');
  });

  it('refuses other schemes, relative URLs and URLs with credentials', () => {
    expect(codeOf(() => checkJwksUrl('file:///etc/passwd'))).toBe('insecure_url');
    expect(codeOf(() => checkJwksUrl('/jwks.json'))).toBe('invalid_url');
    expect(codeOf(() => checkJwksUrl('https://user:secret@client.example/jwks'))).toBe('invalid_url');
  });
});

describe('RemoteJwks options', () => {
  it('refuses a cache lifetime shorter than the refetch interval', () => {
    expect(
      () => new RemoteJwks('https://client.example/jwks', { cacheTtlMs: 1_000, minRefetchIntervalMs: 5_000 }),
    ).toThrow(RangeError);
  });
});

describe('RemoteJwksCache', () => {
  it('returns one shared source per URL, whatever the spelling of the URL', () => {
    const cache = new RemoteJwksCache();
    const a = cache.get('https://client.example/jwks.json');
    const b = cache.get(new URL('https://CLIENT.example:443/jwks.json'));
    expect(b).toBe(a);
    expect(cache.get('https://other.example/jwks.json')).not.toBe(a);
    expect(cache.size).toBe(2);
  });

  it('drops the least recently used URL beyond maxEntries', () => {
    const cache = new RemoteJwksCache({ maxEntries: 2 });
    const first = cache.get('https://one.example/jwks');
    cache.get('https://two.example/jwks');
    cache.get('https://one.example/jwks');
    cache.get('https://three.example/jwks');
    expect(cache.size).toBe(2);
    expect(cache.get('https://one.example/jwks')).toBe(first);
    expect(cache.delete('https://two.example/jwks')).toBe(false);
    expect(cache.delete('https://three.example/jwks')).toBe(true);
  });

  it('refuses an http URL for a remote host', () => {
    expect(codeOf(() => new RemoteJwksCache().get('http://client.example/jwks'))).toBe('insecure_url');
  });
});
