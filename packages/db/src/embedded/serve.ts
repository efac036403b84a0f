import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { type Database, openDatabase } from '../connect.ts';
import { readDbEnv } from '../env.ts';
import { announcePort } from './owner-lock.ts';

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
    db: db.pglite,
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
