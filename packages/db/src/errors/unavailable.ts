// Whether an error means the database cannot serve the request right now — unreachable, restarting, out of
// connections or out of disk — rather than that the request or our code is wrong. The servers answer such
// errors 503 with Retry-After (the client may retry as it is); everything else stays a 500.
//
// The error arrives in several wrappings: the pg driver's own (SQLSTATE `code`, a socket error, or a bare
// message such as "Connection terminated unexpectedly"), the driver adapters' DriverAdapterError (`cause.kind`,
// `cause.originalCode`), Prisma's client errors (`code` P1001…, `meta.driverAdapterError`), PGlite's
// DatabaseError (SQLSTATE `code`). All are looked through, causes included.

/** SQLSTATE classes and codes of a database that is down, starting, stopping or out of resources. */
// 08: connection exception; 53: insufficient resources (disk full, out of memory, too many connections);
// 57P01–57P03: admin shutdown, crash shutdown, cannot connect now (starting up, recovering); 58030: I/O error.
const SQLSTATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-3]|58030)$/;

/** The driver adapters' kinds for the same situations. */
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

/** Prisma's codes: server unreachable, timed out, closed the connection, pool timeout, too many connections. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);

/** Node's socket errors on the way to the database. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOSPC']);

/** What pg and pg-pool say, without a code, when a connection is lost or none can be had in time. */
const MESSAGES =
  /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Connection is not open|No space left on device/i;

interface Inspectable {
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 6) return false;
  const e = error as Inspectable;
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (SQLSTATE.test(code) || PRISMA_CODES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.originalCode === 'string' && SQLSTATE.test(e.originalCode)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  const inner = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((next) => isDatabaseUnavailable(next, depth + 1));
}

/** Seconds a client is told to wait (Retry-After) before trying again while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
