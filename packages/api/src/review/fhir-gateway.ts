// How the reviewer's workbench reaches the FHIR API: over its public HTTP API, with the token the portal
// obtained for the signed-in reviewer (the portal never reads FHIR tables). The portal supplies the
// implementation per request; the procedures only see this.

export interface FhirAnswer {
  status: number;
  /** The parsed JSON body (a resource, a Bundle or an OperationOutcome), null when there was none */
  body: unknown;
  /** The ETag header (`W/"3"`), when the server sent one */
  etag: string | null;
}

export interface FhirGateway {
  /** `path` is relative to the FHIR base: `ClaimResponse/123`, `ClaimResponse?_count=20` */
  request(
    path: string,
    init?: { method?: 'GET' | 'POST'; body?: unknown; ifMatch?: string },
  ): Promise<FhirAnswer>;
}

/** The session holds no usable FHIR access (never asked for, expired or revoked): sign in for it. */
export class FhirAccessNeeded extends Error {
  constructor() {
    super('the reviewer workbench needs access to the FHIR API: sign in again');
    this.name = 'FhirAccessNeeded';
  }
}

/** The FHIR API answered with an error the workbench cannot handle itself. */
export class FhirCallFailed extends Error {
  readonly status: number;
  constructor(status: number, path: string, detail: string) {
    super(`the FHIR API answered ${status} to ${path.split('?')[0]}: ${detail}`);
    this.name = 'FhirCallFailed';
    this.status = status;
  }
}

/** The diagnostics of an OperationOutcome, one per issue. */
export function outcomeMessages(body: unknown): string[] {
  const issues = (
    body as { resourceType?: string; issue?: { diagnostics?: string; details?: { text?: string } }[] }
  )?.issue;
  if (!Array.isArray(issues)) return [];
  return issues.map((issue) => issue.diagnostics ?? issue.details?.text ?? '').filter(Boolean);
}

/** GET that must succeed: the body, or FhirCallFailed. */
export async function fhirRead<T>(
  fhir: FhirGateway,
  path: string,
): Promise<{ body: T; etag: string | null }> {
  const answer = await fhir.request(path);
  if (answer.status !== 200) {
    throw new FhirCallFailed(answer.status, path, outcomeMessages(answer.body).join('; ') || 'no details');
  }
  return { body: answer.body as T, etag: answer.etag };
}
