import { nodeSide } from '../../../server/node.ts';

export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> {
  const node = await nodeSide();
  return node.serveUpload((await params).id);
}
