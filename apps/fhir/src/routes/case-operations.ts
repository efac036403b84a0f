import {
  type DecisionMetrics,
  decideCase,
  decisionMetrics,
  decisionsFromParameters,
  metricsMeasureReport,
  submitCase,
  updateCaseResponse,
} from '@openpas/cases';
import { type Bundle, type ClaimResponse, checkKnownElements, type Parameters } from '@openpas/fhir-model';
import { storedBody } from '@openpas/fhir-store';
import { OperationInput } from '@openpas/terminology';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { resourceBody } from '../http/body.ts';
import { badRequest } from '../http/errors.ts';
import { sendFhir, sendFhirText, sendWritten, versionHeaders } from '../http/reply.ts';
import { callerOf, header, paramsOf, queryOf } from '../http/request.ts';
import type { ApiContext } from './api-context.ts';
import { expectedVersion } from './rest.ts';

// The workflow's operations: a hospital's submission (POST Bundle; its dry run, Bundle/$validate, is in
// validate.ts), the payer's decision ($decide, or a PUT of the ClaimResponse that is a legal transition),
// the payer's decision metrics ($decision-metrics, a MeasureReport).
// The use cases (packages/cases) decide who may; these only translate HTTP.

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

const NHI_MEDICATION = 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication';

/** The MeasureReport of an answer, built once while the answer stands (dated when it was built). */
const reports = new WeakMap<object, Record<string, unknown>>();

function reportOf(api: ApiContext, metrics: Readonly<DecisionMetrics>): Record<string, unknown> {
  let report = reports.get(metrics);
  if (!report) {
    report = metricsMeasureReport(metrics, new Date(), { drug: (code) => drugName(api, code) });
    reports.set(metrics, report);
  }
  return report;
}

/** Drug names by code, per API (the loaded guides never change while it runs). */
const drugNames = new WeakMap<ApiContext, Map<string, string | undefined>>();

/** The NHI drug list's name for a drug code (the loaded guide's CodeSystem), when it has the code. */
function drugName(api: ApiContext, code: string): string | undefined {
  let names = drugNames.get(api);
  if (!names) {
    names = new Map();
    drugNames.set(api, names);
  }
  if (!names.has(code)) names.set(code, lookupDrugName(api, code));
  return names.get(code);
}

function lookupDrugName(api: ApiContext, code: string): string | undefined {
  try {
    const found = api.terminology.lookup(
      OperationInput.fromQuery(new URLSearchParams({ system: NHI_MEDICATION, code })),
    );
    const display = found.parameter?.find((parameter) => parameter.name === 'display');
    return typeof display?.valueString === 'string' && display.valueString ? display.valueString : undefined;
  } catch {
    return undefined;
  }
}

export function caseHandlers(
  api: ApiContext,
): Record<'submit' | 'decide' | 'updateResponse' | 'metrics', Handler> {
  return {
    async submit(request, reply) {
      const bundle = resourceBody(request.body, 'Bundle') as unknown as Bundle;
      const submission = await submitCase(api.submissions, callerOf(request), request.id, bundle);
      const id = submission.bundle.id;
      // The stored Bundle's text as written for the database, with the number in place: not written again.
      return sendFhirText(reply, 201, storedBody(submission.bundle), {
        Location: `${api.env.FHIR_BASE_URL}/Bundle/${id}/_history/1`,
        ETag: 'W/"1"',
      });
    },
    async decide(request, reply) {
      const { id } = paramsOf(request);
      const items = decisionsFromParameters(
        resourceBody(request.body, 'Parameters') as unknown as Parameters,
      );
      // If-Match: the decision is about the version the reviewer read (412 when the case moved on).
      const version = expectedVersion(header(request, 'if-match'));
      const stored = await decideCase(api.decisions, callerOf(request), request.id, {
        id,
        items,
        ...(version !== undefined ? { expectedVersion: version } : {}),
      });
      return sendFhir(reply, 200, stored.resource, versionHeaders(stored));
    },
    async updateResponse(request, reply) {
      const { id } = paramsOf(request);
      const proposed = resourceBody(request.body, 'ClaimResponse') as unknown as ClaimResponse;
      checkKnownElements(proposed);
      if (proposed.id !== id)
        throw badRequest(`the body's id (${String(proposed.id)}) must equal the URL's (${id})`, 'id');
      const version = expectedVersion(header(request, 'if-match'));
      const stored = await updateCaseResponse(api.decisions, callerOf(request), request.id, {
        id,
        proposed,
        ...(version !== undefined ? { expectedVersion: version } : {}),
      });
      return sendWritten(reply, 200, stored, api.env.FHIR_BASE_URL, header(request, 'prefer'));
    },
    async metrics(request, reply) {
      const query = queryOf(request);
      for (const name of query.keys())
        if (name !== 'from' && name !== 'to' && !name.startsWith('_'))
          throw badRequest(`$decision-metrics takes from and to (YYYY-MM), not ${name}`, name);
      const metrics = await decisionMetrics(api.decisions.sql, callerOf(request), {
        from: query.get('from') ?? undefined,
        to: query.get('to') ?? undefined,
      });
      return sendFhir(reply, 200, reportOf(api, metrics));
    },
  };
}
