import { cookieJar } from '../../../../server/cookie-jar.ts';
import { nodeSide } from '../../../../server/node.ts';

export const dynamic = 'force-dynamic';

/** A form POST (never a GET, so a link or an image cannot sign anyone out). */
export async function POST(request: Request): Promise<Response> {
  const node = await nodeSide();
  const location = await node.signOut(request, await cookieJar());
  return new Response(null, { status: 303, headers: { Location: location } });
}
