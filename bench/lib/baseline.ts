import { join, resolve } from 'node:path';
import { type LoadResult, runLoad, startServer, stopServer } from './processes.ts';

/** The bare node:http server (baselines/bare-node.ts) under the same load: the run's yardstick. */
export async function measureBareNode(connections: number, durationSeconds: number): Promise<LoadResult> {
  const { port, child } = await startServer(
    join(resolve(import.meta.dirname, '..'), 'baselines', 'bare-node.ts'),
  );
  try {
    return await runLoad({ url: `http://127.0.0.1:${port}/`, connections, durationSeconds });
  } finally {
    await stopServer(child);
  }
}
