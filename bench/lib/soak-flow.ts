// One soak flow, as the two backends do it over HTTP: the hospital's client gets a token (client_credentials
// with a fresh private_key_jwt assertion), submits the request Bundle, finds the case's ClaimResponse, and
// the payer's reviewer decides it ($decide, every item approved as asked). Each step is timed on its own.
import { createClientAssertion, type JWK } from '@openpas/jwt';
import type { Sample } from './latency.ts';
import type { SoakStep } from './results.ts';

export interface FlowContext {
  issuer: string;
  base: string;
  hospital: { id: string; key: JWK; scopes: string };
  /** The request Bundle's JSON text */
  bundle: string;
  /** The payer reviewer's current access token */
  reviewerToken(): string;
  /** performance.now() at the start of the run: samples are timed from it */
  origin: number;
  record(step: SoakStep, sample: Sample): void;
}

const TIMEOUT_MS = 60_000;

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

async function send(url: string, init: RequestInit): Promise<Reply> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

function expectStatus(step: SoakStep, reply: Reply, status: number): void {
  if (reply.status !== status)
    throw new Error(`${step}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
}

/** Times `work` as one sample of `step`; a throw is a failed sample and ends the flow. */
async function timed<T>(context: FlowContext, step: SoakStep, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await work();
    context.record(step, { at: started - context.origin, ms: performance.now() - started, ok: true });
    return result;
  } catch (error) {
    context.record(step, { at: started - context.origin, ms: performance.now() - started, ok: false });
    throw error instanceof Error && error.message.startsWith(`${step}:`)
      ? error
      : new Error(`${step}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

type ClaimItem = { sequence?: number; quantity?: { value?: number } };

/** Runs one flow; the Claim and ClaimResponse it made. */
export async function runFlow(context: FlowContext): Promise<{ claimId: string; caseId: string }> {
  const { issuer, base, hospital } = context;
  // The client signs its assertion before it asks: signing is the client's work, not the server's.
  const assertion = await createClientAssertion({
    clientId: hospital.id,
    audience: `${issuer}/token`,
    key: hospital.key,
  });
  const token = await timed(context, 'token', async () => {
    const reply = await send(`${issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: hospital.scopes,
      }),
    });
    expectStatus('token', reply, 200);
    return String(reply.body.access_token);
  });
  const fhir = (bearer: string, json = false) => ({
    authorization: `Bearer ${bearer}`,
    accept: 'application/fhir+json',
    ...(json ? { 'content-type': 'application/fhir+json' } : {}),
  });

  const claim = await timed(context, 'submit', async () => {
    const reply = await send(`${base}/Bundle`, {
      method: 'POST',
      headers: fhir(token, true),
      body: context.bundle,
    });
    expectStatus('submit', reply, 201);
    const entries = (reply.body.entry ?? []) as {
      resource: { resourceType: string; id: string; item?: ClaimItem[] };
    }[];
    const found = entries.find((entry) => entry.resource.resourceType === 'Claim')?.resource;
    if (!found) throw new Error('submit: the stored Bundle has no Claim');
    return found;
  });

  const caseId = await timed(context, 'search', async () => {
    const reply = await send(`${base}/ClaimResponse?request=Claim/${claim.id}`, { headers: fhir(token) });
    expectStatus('search', reply, 200);
    const id = (reply.body.entry as { resource: { id: string } }[] | undefined)?.[0]?.resource.id;
    if (!id) throw new Error(`search: no ClaimResponse for Claim/${claim.id}`);
    return id;
  });

  await timed(context, 'decide', async () => {
    const reply = await send(`${base}/ClaimResponse/${caseId}/$decide`, {
      method: 'POST',
      headers: fhir(context.reviewerToken(), true),
      body: JSON.stringify({
        resourceType: 'Parameters',
        parameter: (claim.item ?? []).map((item, index) => ({
          name: 'item',
          part: [
            { name: 'sequence', valueInteger: item.sequence ?? index + 1 },
            { name: 'reason', valueCode: '1' },
            { name: 'approvedQuantity', valueDecimal: item.quantity?.value ?? 1 },
          ],
        })),
      }),
    });
    expectStatus('decide', reply, 200);
  });
  return { claimId: claim.id, caseId };
}
