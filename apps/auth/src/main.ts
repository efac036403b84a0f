// The authorization server process: reads its configuration, opens the database, serves until SIGTERM.
import { registeredClients, upsertPlatformClient } from '@openpas/auth-store';
import { openDatabase, openFastSql } from '@openpas/db';
import { portalClient, readSandboxKids } from '@openpas/db/seed';
import { readAuthEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { createAuthServer } from './server.ts';
import { productionProblems, secretsFrom } from './startup-checks.ts';

const env = readAuthEnv();
const logger = createLogger(env.LOG_LEVEL);
const db = await openDatabase();

const sandboxKids = readSandboxKids();
const startupSql = await openFastSql(db);
const registered = await registeredClients(startupSql).finally(() => startupSql.close());
const sandboxKeysInUse = registered
  .filter((client) => sandboxKids.some((kid) => JSON.stringify(client.metadata).includes(kid)))
  .map((client) => client.clientId);
const problems = productionProblems(env, { sandboxKeysInUse });
if (problems.length > 0) {
  for (const problem of problems) logger.fatal(problem);
  await db.close();
  process.exit(1);
}

// The portal's client from the configuration (the sandbox seed writes it too): its redirect follows
// PORTAL_URL and its secret PORTAL_CLIENT_SECRET wherever the auth server runs.
if (env.PORTAL_CLIENT_SECRET) {
  const portal = portalClient(env);
  const portalSql = await openFastSql(db);
  await upsertPlatformClient(portalSql, {
    clientId: portal.clientId,
    metadata: portal.metadata as Record<string, unknown>,
    allowedScopes: portal.allowedScopes,
    secretHash: portal.secretHash ?? null,
  }).finally(() => portalSql.close());
}

const auth = await createAuthServer({ env, db, logger, ...secretsFrom(env) });
auth.server.listen(env.AUTH_PORT, env.AUTH_HOST, () => {
  const address = auth.server.address();
  const port = typeof address === 'object' && address ? address.port : env.AUTH_PORT;
  logger.info({ issuer: env.AUTH_ISSUER, port }, 'auth server listening');
  process.stdout.write(`listening ${port}\n`);
});

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  await auth.close();
  await db.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
