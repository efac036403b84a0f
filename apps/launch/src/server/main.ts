// The launch app's process: builds the pages when their sources changed, then serves them until SIGTERM.
import { pino } from 'pino';
import { buildLaunchApp, distDir } from '../../scripts/build.ts';
import { readLaunchEnv } from '../env.ts';
import { createLaunchServer } from './server.ts';

const env = readLaunchEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { app: 'launch' } });
const { built, seconds } = await buildLaunchApp();
if (built) logger.info({ seconds }, 'launch app built');
const app = await createLaunchServer({ env, logger, distDir });
await app.listen({ port: env.LAUNCH_PORT, host: env.LAUNCH_HOST });
logger.info({ url: env.LAUNCH_URL }, 'launch app listening');

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  await app.close();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
