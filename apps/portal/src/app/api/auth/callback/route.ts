import { cookieJar } from '../../../../server/cookie-jar.ts';
import { nodeSide } from '../../../../server/node.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const node = await nodeSide();
  const location = await node.completeSignIn(new URL(request.url), await cookieJar());
  return new Response(null, { status: 303, headers: { Location: location } });
}
