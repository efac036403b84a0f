import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { JwksError } from './errors.ts';
import { type AddressPolicy, addressAllowed, parseIpAddress } from './special-addresses.ts';

// Fetching a URL a client gave us (its jwks_uri) without letting the client point the server at itself
// or its network (SSRF): the host is resolved, EVERY address it resolves to must pass the address policy,
// and the connection is made to the address that was checked — never a second resolution an attacker's
// DNS could answer differently. Redirects are not followed. The whole request, body included, has a
// deadline, and the body a size limit.

/** Resolves a host name to all its addresses (node:dns lookup with `all: true` by default). */
export type HostLookup = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export const systemLookup: HostLookup = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses: LookupAddress[]) =>
      error ? reject(error) : resolve(addresses),
    );
  });

export interface GuardedFetchOptions {
  readonly addresses: AddressPolicy;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly lookup?: HostLookup;
  readonly accept: string;
}

const forbidden = () =>
  new JwksError(
    'forbidden_address',
    'The JWKS URL leads to a private, loopback, link-local or otherwise non-public address.',
  );

function checkedLookup(policy: AddressPolicy, resolve: HostLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (addresses.length === 0) {
          callback(new JwksError('fetch_failed', 'The JWKS host has no address.'), '', 0);
        } else if (addresses.some((entry) => !addressAllowed(entry.address, policy))) {
          callback(forbidden(), '', 0);
        } else if (options.all) {
          callback(
            null,
            addresses.map((entry) => ({ address: entry.address, family: entry.family })),
          );
        } else {
          const [first] = addresses;
          callback(null, first?.address ?? '', first?.family ?? 4);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** GETs the URL under the address policy; the body's bytes, or a {@link JwksError}. */
export function guardedFetch(url: URL, options: GuardedFetchOptions): Promise<Uint8Array> {
  const literal = parseIpAddress(url.hostname);
  if (literal !== undefined && !addressAllowed(url.hostname, options.addresses)) {
    return Promise.reject(forbidden());
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, body?: Uint8Array) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error === undefined && body) resolve(body);
      else reject(error);
    };
    const req = request(
      url,
      {
        method: 'GET',
        headers: { accept: options.accept },
        lookup: checkedLookup(options.addresses, options.lookup ?? systemLookup),
        agent: false,
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          req.destroy();
          finish(
            new JwksError('fetch_failed', 'The JWKS URL answered with a redirect, which is not followed.'),
          );
          return;
        }
        if (status < 200 || status >= 300) {
          res.resume();
          req.destroy();
          finish(new JwksError('http_status', `The JWKS URL answered HTTP ${status}.`));
          return;
        }
        const tooLarge = () =>
          new JwksError('too_large', `The JWK Set is larger than ${options.maxBytes} bytes.`);
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          req.destroy();
          finish(tooLarge());
          return;
        }
        const chunks: Buffer[] = [];
        let total = 0;
        res.on('data', (chunk: Buffer) => {
          total += chunk.byteLength;
          if (total > options.maxBytes) {
            req.destroy();
            finish(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => finish(undefined, Buffer.concat(chunks, total)));
        res.on('error', (cause) =>
          finish(new JwksError('fetch_failed', 'The JWK Set could not be fetched.', { cause })),
        );
      },
    );
    const deadline = setTimeout(() => {
      req.destroy();
      finish(new JwksError('timeout', `The JWKS URL did not answer within ${options.timeoutMs} ms.`));
    }, options.timeoutMs);
    req.on('error', (cause) =>
      finish(
        cause instanceof JwksError
          ? cause
          : new JwksError('fetch_failed', 'The JWK Set could not be fetched.', { cause }),
      ),
    );
    req.end();
  });
}
