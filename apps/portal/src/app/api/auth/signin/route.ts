import { getLocale } from 'next-intl/server';
import { cookieJar } from '../../../../server/cookie-jar.ts';
import { nodeSide } from '../../../../server/node.ts';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const node = await nodeSide();
  const location = await node.beginSignIn(new URL(request.url), await cookieJar(), await getLocale());
  return new Response(null, { status: 303, headers: { Location: location } });
}
