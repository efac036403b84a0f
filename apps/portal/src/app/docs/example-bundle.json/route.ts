import { nodeSide } from '../../../server/node.ts';

/** The documentation's example request Bundle as a file, to save and POST as it is. */
export async function GET() {
  const node = await nodeSide();
  return new Response(node.docs.exampleBundle().json, {
    headers: {
      'content-type': 'application/fhir+json; charset=utf-8',
      'content-disposition': 'attachment; filename="request-bundle.json"',
    },
  });
}
