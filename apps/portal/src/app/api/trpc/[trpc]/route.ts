import { cookies } from 'next/headers';
import { nodeSide } from '../../../../server/node.ts';

export const dynamic = 'force-dynamic';

async function handler(request: Request): Promise<Response> {
  const node = await nodeSide();
  return node.handleTrpc(request, (await cookies()).get(node.SESSION_COOKIE)?.value);
}

export { handler as GET, handler as POST };
