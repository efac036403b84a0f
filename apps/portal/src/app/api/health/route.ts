import { nodeSide } from '../../../server/node.ts';

export const dynamic = 'force-dynamic';

/** Readiness: the portal answers and reaches its database. */
export async function GET(): Promise<Response> {
  const { runtime, ping } = await nodeSide();
  await ping((await runtime()).sql);
  return Response.json({ status: 'ok' });
}
