import type { Bundle, Claim, ClaimResponse, MedicationRequest, Patient } from '@openpas/fhir-model/browser';
import { type CaseView, caseViewOf } from '@openpas/pa-request';
import type { Client } from './session.ts';

export interface CaseRow extends CaseView {
  patientName: string;
}

function isHospitalCase(response: ClaimResponse): boolean {
  return !response.meta?.profile?.some((profile) => profile.includes('self-assessment'));
}

/** The cases this token sees (the hospital's, or the patient's own), newest change first, with patient and Claim. */
export async function listCases(client: Client): Promise<CaseRow[]> {
  const query = new URLSearchParams([
    ['use', 'preauthorization'],
    ['_sort', '-_lastUpdated'],
    ['_count', '50'],
    ['_include', 'ClaimResponse:request'],
    ['_include', 'ClaimResponse:patient'],
  ]);
  const bundle = await client.request<Bundle>(`ClaimResponse?${query}`);
  const byKey = new Map<string, unknown>();
  for (const entry of bundle.entry ?? [])
    if (entry.resource) byKey.set(`${entry.resource.resourceType}/${entry.resource.id}`, entry.resource);
  return (bundle.entry ?? [])
    .filter((entry) => entry.search?.mode !== 'include' && entry.resource?.resourceType === 'ClaimResponse')
    .map((entry) => entry.resource as ClaimResponse)
    .filter(isHospitalCase)
    .map((response) => {
      const claim = byKey.get(response.request?.reference ?? '') as Claim | undefined;
      const patient = byKey.get(response.patient?.reference ?? '') as Patient | undefined;
      return { ...caseViewOf(response, claim), patientName: patient?.name?.[0]?.text ?? '' };
    });
}

export interface CaseDetail {
  view: CaseView;
  response: ClaimResponse;
  patient?: Patient;
  /** The drug of each item, by item sequence */
  drugs: Record<number, string>;
}

/** One case: the ClaimResponse, its Claim and patient, and the drug each item asks for. */
export async function readCase(client: Client, id: string): Promise<CaseDetail> {
  const response = await client.request<ClaimResponse>(`ClaimResponse/${encodeURIComponent(id)}`);
  const [claim, patient] = await Promise.all([
    response.request?.reference
      ? client.request<Claim>(response.request.reference).catch(() => undefined)
      : undefined,
    response.patient?.reference
      ? client.request<Patient>(response.patient.reference).catch(() => undefined)
      : undefined,
  ]);
  const view = caseViewOf(response, claim);
  const drugs: Record<number, string> = {};
  await Promise.all(
    view.items.map(async (item) => {
      if (!item.requestedService) return;
      const request = await client.request<MedicationRequest>(item.requestedService).catch(() => undefined);
      const coding = request?.medicationCodeableConcept?.coding?.[0];
      if (coding?.code)
        drugs[item.sequence] = coding.display ? `${coding.code} ${coding.display}` : coding.code;
    }),
  );
  return { view, response, ...(patient ? { patient } : {}), drugs };
}
