import type { ServerResponse } from 'node:http';
import type { StoredResource } from '@openpas/fhir-store';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function sendFhir(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': FHIR_JSON, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function versionHeaders(stored: StoredResource): Record<string, string> {
  return { ETag: `W/"${stored.versionId}"`, 'Last-Modified': stored.lastUpdated.toUTCString() };
}

/** `Prefer: return=minimal | representation | OperationOutcome` for create and update. */
export function sendWritten(
  res: ServerResponse,
  status: 200 | 201,
  stored: StoredResource,
  base: string,
  prefer: string | string[] | undefined,
): void {
  const location = `${base}/${stored.resource.resourceType}/${stored.resource.id}/_history/${stored.versionId}`;
  const headers = { ...versionHeaders(stored), Location: location };
  const mode = /return=(minimal|representation|OperationOutcome)/i
    .exec(String(prefer ?? ''))?.[1]
    ?.toLowerCase();
  if (mode === 'minimal') {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  if (mode === 'operationoutcome') {
    sendFhir(
      res,
      status,
      {
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'information',
            code: 'informational',
            diagnostics: `${status === 201 ? 'created' : 'updated'} ${location}`,
          },
        ],
      },
      headers,
    );
    return;
  }
  sendFhir(res, status, stored.resource, headers);
}
