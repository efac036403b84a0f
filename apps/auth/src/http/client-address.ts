import type { IncomingMessage } from 'node:http';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Context } from 'koa';

// The client's address for throttling and logs. Behind a TLS-terminating proxy every request comes from
// the proxy's socket, so the proxy's X-Forwarded-For is believed — but only when the socket peer is a
// proxy the operator listed in AUTH_TRUSTED_PROXIES. The header is read from the right: each hop a
// trusted proxy appended is skipped, and the first address that is not a trusted proxy is the client.
// Entries left of it were written by the client itself and are never believed.

/** `::ffff:192.0.2.1` → `192.0.2.1`; brackets and a port (`[::1]:443`, `192.0.2.1:80`) removed. */
export function normalizeAddress(raw: string): string | undefined {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped?.[1]) value = mapped[1];
  if (isIPv4(value)) return value;
  if (isIPv6(value)) return value.toLowerCase();
  return undefined;
}

/** The proxies whose X-Forwarded-For is believed: IPs and CIDRs (`10.0.0.0/8`, `2001:db8::/32`). */
export class TrustedProxies {
  readonly #list = new BlockList();
  readonly size: number;

  /** Throws for an entry that is neither an IP address nor a CIDR block. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix, ...rest] = entry.trim().split('/');
      const ip = normalizeAddress(address);
      const type = ip && isIPv4(ip) ? 'ipv4' : 'ipv6';
      const bits = prefix === undefined ? undefined : Number(prefix);
      const maxBits = type === 'ipv4' ? 32 : 128;
      if (
        !ip ||
        rest.length > 0 ||
        (bits !== undefined && (!/^\d{1,3}$/.test(prefix ?? '') || bits > maxBits))
      ) {
        throw new Error(`not an IP address or CIDR block: ${entry}`);
      }
      if (bits === undefined) this.#list.addAddress(ip, type);
      else this.#list.addSubnet(ip, bits, type);
    }
    this.size = entries.length;
  }

  trusts(address: string): boolean {
    if (this.size === 0) return false;
    return this.#list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
  }
}

/** Parses AUTH_TRUSTED_PROXIES (comma-separated); an empty or missing value trusts no proxy. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return new TrustedProxies(entries);
}

const NO_PROXIES = new TrustedProxies([]);

/**
 * The client's address: the socket peer, unless that peer is a trusted proxy — then the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy. Without trusted proxies the header is
 * ignored, whatever it says. Takes a Koa context or its request.
 */
export function clientAddress(
  source: Pick<Context, 'req'> | IncomingMessage,
  trusted: TrustedProxies = NO_PROXIES,
): string {
  const req = 'req' in source ? source.req : source;
  const peer = normalizeAddress(req.socket.remoteAddress ?? '');
  if (!peer) return 'unknown';
  if (!trusted.trusts(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = peer;
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = normalizeAddress(hops[index] ?? '');
    // A hop a trusted proxy wrote that is not an address: believe nothing further left.
    if (!hop) return client;
    client = hop;
    if (!trusted.trusts(hop)) return hop;
  }
  return client;
}
