// Which IP addresses a server may be sent to on a client's say-so (a jwks_uri): public unicast only.
// Loopback, private (RFC 1918, unique local), link-local, carrier-grade NAT, documentation, multicast,
// reserved and unspecified addresses are refused, also when wrapped in IPv6 (IPv4-mapped, IPv4-compatible,
// NAT64, 6to4). Pure functions (no node:net), so a browser bundle can use them too.

export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'special';

/** The 4 or 16 bytes of an IP address literal (IPv6 with or without brackets or a zone), or undefined. */
export function parseIpAddress(text: string): Uint8Array | undefined {
  let value = text.trim();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  return value.includes(':') ? parseIpv6(value) : parseIpv4(value);
}

function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [index, part] of parts.entries()) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes[index] = Number(part);
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (!half) return [];
    const out: number[] = [];
    const pieces = half.split(':');
    for (const [index, piece] of pieces.entries()) {
      if (index === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (!v4) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
        continue;
      }
      if (!/^[0-9a-f]{1,4}$/i.test(piece)) return undefined;
      out.push(Number.parseInt(piece, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<number>(halves.length === 1 ? 0 : missing).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  all.forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}

function inPrefix(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 1) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((bytes[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

const V4_RANGES: ReadonlyArray<[readonly number[], number, AddressKind]> = [
  [[127], 8, 'loopback'],
  [[10], 8, 'private'],
  [[172, 16], 12, 'private'],
  [[192, 168], 16, 'private'],
  [[100, 64], 10, 'private'], // carrier-grade NAT
  [[169, 254], 16, 'link-local'],
  [[0], 8, 'special'], // "this network", 0.0.0.0
  [[192, 0, 0], 24, 'special'], // IETF protocol assignments
  [[192, 0, 2], 24, 'special'], // documentation
  [[192, 88, 99], 24, 'special'], // 6to4 relay
  [[198, 18], 15, 'special'], // benchmarking
  [[198, 51, 100], 24, 'special'], // documentation
  [[203, 0, 113], 24, 'special'], // documentation
  [[224], 4, 'special'], // multicast
  [[240], 4, 'special'], // reserved, broadcast
];

function ipv4Kind(bytes: Uint8Array): AddressKind {
  for (const [prefix, bits, kind] of V4_RANGES) if (inPrefix(bytes, prefix, bits)) return kind;
  return 'public';
}

const ZERO_96 = Array<number>(12).fill(0);
const MAPPED = [...Array<number>(10).fill(0), 0xff, 0xff];
const NAT64 = [0x00, 0x64, 0xff, 0x9b, ...Array<number>(8).fill(0)];

function ipv6Kind(bytes: Uint8Array): AddressKind {
  const embedded = bytes.slice(12);
  if (inPrefix(bytes, ZERO_96, 96)) {
    if (inPrefix(bytes, [...ZERO_96, 0, 0, 0, 1], 128)) return 'loopback'; // ::1
    if (inPrefix(bytes, [...ZERO_96, 0, 0, 0, 0], 128)) return 'special'; // ::
    return ipv4Kind(embedded) === 'public' ? 'special' : ipv4Kind(embedded); // IPv4-compatible (deprecated)
  }
  if (inPrefix(bytes, MAPPED, 96)) return ipv4Kind(embedded); // ::ffff:a.b.c.d
  if (inPrefix(bytes, NAT64, 96)) {
    const kind = ipv4Kind(embedded);
    return kind === 'public' ? 'public' : kind;
  }
  if (inPrefix(bytes, [0xfe, 0x80], 10)) return 'link-local';
  if (inPrefix(bytes, [0xfc], 7)) return 'private'; // unique local
  if (inPrefix(bytes, [0xfe, 0xc0], 10)) return 'private'; // site-local (deprecated)
  if (inPrefix(bytes, [0xff], 8)) return 'special'; // multicast
  if (inPrefix(bytes, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'special'; // documentation
  if (inPrefix(bytes, [0x20, 0x02], 16)) return 'special'; // 6to4: reaches an IPv4 address
  if (inPrefix(bytes, [0x20, 0x01, 0x00], 23)) return 'special'; // IETF protocol assignments, Teredo
  if (inPrefix(bytes, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48)) return 'special'; // local-use NAT64
  if (inPrefix(bytes, [0x01, 0x00, 0, 0, 0, 0, 0, 0], 64)) return 'special'; // discard-only
  return 'public';
}

/** What kind of address an IP literal is; undefined when the text is not an IP address. */
export function addressKind(text: string): AddressKind | undefined {
  const bytes = parseIpAddress(text);
  if (!bytes) return undefined;
  return bytes.length === 4 ? ipv4Kind(bytes) : ipv6Kind(bytes);
}

/**
 * Which addresses an outgoing request may reach: `public` (production) allows public unicast only;
 * `public-or-loopback` also this machine (tests and the sandbox serve JWK Sets on loopback).
 */
export type AddressPolicy = 'public' | 'public-or-loopback';

/** Whether the policy lets a request reach this IP address (false for anything not an IP address). */
export function addressAllowed(ip: string, policy: AddressPolicy): boolean {
  const kind = addressKind(ip);
  return kind === 'public' || (kind === 'loopback' && policy === 'public-or-loopback');
}
