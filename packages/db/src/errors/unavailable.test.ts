import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error(String(cause.kind)), { name: 'DriverAdapterError', cause });

describe('telling a database that cannot serve now from a request or a bug', () => {
  it('knows the driver adapter kinds of an unreachable, closed or saturated server', () => {
    for (const kind of ['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])
      expect(isDatabaseUnavailable(adapterError({ kind })), kind).toBe(true);
  });

  it('knows the SQLSTATEs of a stopping, starting or full server, wrapped or bare', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '53100', '08006', '08P01', '58030']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), code).toBe(true);
      expect(isDatabaseUnavailable(adapterError({ kind: 'postgres', code, originalCode: code })), code).toBe(
        true,
      );
    }
  });

  it("looks inside Prisma's errors and pg's bare messages", () => {
    const prisma = Object.assign(new Error('Raw query failed'), {
      code: 'P2010',
      meta: { driverAdapterError: adapterError({ kind: 'postgres', originalCode: '57P01' }) },
    });
    expect(isDatabaseUnavailable(prisma)).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('pool'), { code: 'P2024' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
  });

  it('leaves constraint violations, bad SQL and plain bugs alone', () => {
    expect(isDatabaseUnavailable(adapterError({ kind: 'UniqueConstraintViolation' }))).toBe(false);
    expect(
      isDatabaseUnavailable(adapterError({ kind: 'postgres', code: '42601', originalCode: '42601' })),
    ).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});
