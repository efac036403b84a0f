import type { Bundle, ClaimResponse, OperationOutcome, Resource } from '@openpas/fhir-model/browser';
import type { FhirReader } from '@openpas/pa-request';
import type { Client } from './session.ts';

const FHIR_JSON = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' };

/** The chart reader of the request builder, over this session's token. */
export function chartReader(client: Client): FhirReader {
  return {
    read: (type, id) => client.request<Resource>(`${type}/${encodeURIComponent(id)}`),
    search: (type, query) =>
      client.request<Resource[]>(`${type}?${new URLSearchParams({ ...query, _count: '100' })}`, {
        pageLimit: 0,
        flat: true,
      }),
  };
}

/** An error from the FHIR API with its OperationOutcome, when it sent one. */
export class FhirError extends Error {
  readonly status: number;
  readonly outcome: OperationOutcome | undefined;

  constructor(status: number, outcome: OperationOutcome | undefined) {
    super(outcome?.issue?.map((issue) => issue.diagnostics).join('; ') || `the FHIR API answered ${status}`);
    this.status = status;
    this.outcome = outcome;
  }
}

/**
 * The OperationOutcome of a refused request. fhirclient reads the error's body itself and appends it, as
 * JSON, to the error's message after a blank line.
 */
function outcomeOf(error: unknown): OperationOutcome | undefined {
  const message = String((error as Error | null)?.message ?? '');
  const start = message.indexOf('\n\n');
  if (start < 0) return undefined;
  try {
    const body = JSON.parse(message.slice(start + 2)) as { resourceType?: string };
    return body.resourceType === 'OperationOutcome' ? (body as OperationOutcome) : undefined;
  } catch {
    return undefined;
  }
}

async function send<T>(client: Client, url: string, init: RequestInit): Promise<T> {
  try {
    return await client.request<T>({ url, ...init, headers: { ...FHIR_JSON, ...(init.headers ?? {}) } });
  } catch (error) {
    const status = (error as { status?: number }).status ?? 0;
    if (status && status !== 401) throw new FhirError(status, outcomeOf(error));
    throw error;
  }
}

/** The completeness check: the submission's dry run, answered with an OperationOutcome. */
export function validateRequest(client: Client, bundle: Bundle, language: string): Promise<OperationOutcome> {
  return send(client, 'Bundle/$validate', {
    method: 'POST',
    body: JSON.stringify(bundle),
    headers: { 'accept-language': language },
  });
}

/** Submits the request; answers the stored Bundle (its ClaimResponse is the case). */
export function submitRequest(client: Client, bundle: Bundle, language: string): Promise<Bundle> {
  return send(client, 'Bundle', {
    method: 'POST',
    body: JSON.stringify(bundle),
    headers: { 'accept-language': language },
  });
}

/** The case a stored submission opened: the ClaimResponse of its Claim. */
export async function caseOfSubmission(client: Client, stored: Bundle): Promise<ClaimResponse | undefined> {
  const claim = stored.entry?.find((entry) => entry.resource?.resourceType === 'Claim')?.resource;
  if (!claim?.id) return undefined;
  const found = await client.request<Bundle>(
    `ClaimResponse?${new URLSearchParams({ request: `Claim/${claim.id}` })}`,
  );
  return found.entry
    ?.map((entry) => entry.resource)
    .find((r): r is ClaimResponse => r?.resourceType === 'ClaimResponse');
}

export interface Expansion {
  total: number;
  contains: { code: string; display: string; system: string }[];
}

/** ValueSet/$expand with a filter: the type-ahead of the drug and indication pickers. */
export async function expand(
  client: Client,
  valueSet: string,
  filter: string,
  count = 20,
): Promise<Expansion> {
  const query = new URLSearchParams({ url: valueSet, filter, count: String(count) });
  const expanded = await client.request<{
    expansion?: { total?: number; contains?: { code?: string; display?: string; system?: string }[] };
  }>(`ValueSet/$expand?${query}`);
  const contains = (expanded.expansion?.contains ?? []).map((c) => ({
    code: c.code ?? '',
    display: c.display ?? c.code ?? '',
    system: c.system ?? '',
  }));
  return { total: expanded.expansion?.total ?? contains.length, contains };
}
