import { nodeSide } from '../../../server/node.ts';

export const dynamic = 'force-dynamic';

/** Readiness: the portal answers and reaches its database. */
export async function GET(): Promise<Response> {
  const { runtime } = await nodeSide();
  const { db } = await runtime();
  await db.prisma.$queryRaw`select 1`;
  return Response.json({ status: 'ok' });
}
