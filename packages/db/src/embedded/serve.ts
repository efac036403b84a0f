import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type Database, openDatabase } from '../connect.ts';
import { readDbEnv } from '../env.ts';
import { announcePort } from './owner-lock.ts';

// Frontend messages that end an exchange: Sync (extended protocol), Query (simple) and Terminate.
const ENDS_EXCHANGE = new Set([0x53, 0x51, 0x58]);

/**
 * PGlite as the socket server should see it. The server runs one message at a time from any connection
 * and keeps to one connection only while PGlite is inside a transaction; but an extended-protocol
 * exchange (Parse, Bind, Describe, Execute … Sync) spans several messages, and a message of another
 * connection run between them replaces the unnamed statement and portal: a client would bind another
 * client's statement and read its rows. So "in a transaction" is also reported from the first message of
 * an exchange until its Sync, which keeps the server on that connection for the whole exchange.
 */
function oneExchangeAtATime(pglite: PGlite): PGlite {
  let inExchange = false;
  const track = (message: Uint8Array) => {
    // Startup, SSL and cancel requests start with a length (a 0 byte), not a message type.
    const type = message[0] ?? 0;
    inExchange = type !== 0 && !ENDS_EXCHANGE.has(type);
  };
  return new Proxy(pglite, {
    get(target, property) {
      if (property === 'isInTransaction') return () => target.isInTransaction() || inExchange;
      if (property === 'execProtocolRawStream') {
        return async (message: Uint8Array, ...rest: unknown[]) => {
          try {
            return await (target.execProtocolRawStream as (...args: unknown[]) => Promise<unknown>)(
              message,
              ...rest,
            );
          } finally {
            track(message);
          }
        };
      }
      if (property === 'exec') {
        // The server rolls back after a connection that held it goes away; its exchange is over too.
        return (query: string, ...rest: unknown[]) => {
          if (/^\s*ROLLBACK/i.test(query)) inExchange = false;
          return (target.exec as (...args: unknown[]) => Promise<unknown>)(query, ...rest);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export interface EmbeddedServer {
  db: Database;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens the embedded database in this process, applies migrations and serves it on 127.0.0.1 with the
 * PostgreSQL wire protocol, so the other apps (and psql) can share it.
 */
export async function serveEmbedded(
  options: { dataDir?: string; port?: number } = {},
): Promise<EmbeddedServer> {
  const env = readDbEnv();
  const dataDir = options.dataDir ?? env.OPENPAS_DATA_DIR;
  const db = await openDatabase({ dataDir, url: null });
  if (!db.pglite) throw new Error('serveEmbedded needs to own the embedded database');
  const server = new PGLiteSocketServer({
    db: oneExchangeAtATime(db.pglite),
    host: '127.0.0.1',
    port: options.port ?? env.OPENPAS_EMBEDDED_DB_PORT,
    maxConnections: 64,
  });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  announcePort(dataDir, port);
  return {
    db,
    port,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
