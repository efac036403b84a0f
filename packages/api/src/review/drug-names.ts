import type { CodeableConcept, Parameters } from '@openpas/fhir-model/browser';
import type { FhirGateway } from './fhir-gateway.ts';

// Hospitals send NHI drug codes without their names; the reviewer reads names. The FHIR API's
// CodeSystem/$lookup over the guide's code systems gives them. A code's name is fixed for a guide version,
// so each process remembers the names it looked up (a bounded map; nothing another instance needs).

const MAX_REMEMBERED = 5000;
const remembered = new Map<string, string | null>();

function keyOf(system: string, code: string): string {
  return `${system}|${code}`;
}

async function lookUp(fhir: FhirGateway, system: string, code: string): Promise<string | null> {
  const key = keyOf(system, code);
  if (remembered.has(key)) return remembered.get(key) ?? null;
  const query = new URLSearchParams({ system, code });
  const answer = await fhir.request(`CodeSystem/$lookup?${query.toString()}`);
  const display =
    answer.status === 200
      ? ((answer.body as Parameters).parameter?.find((p) => p.name === 'display')?.valueString ?? null)
      : null;
  // A failure other than "not found" is not remembered: the next page asks again.
  if (answer.status === 200 || answer.status === 404) {
    if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value ?? '');
    remembered.set(key, display);
  }
  return display;
}

/** The display names of the concepts' first codings, by `system|code`, looked up where the concept has none. */
export async function drugNames(
  fhir: FhirGateway,
  concepts: readonly (CodeableConcept | undefined)[],
): Promise<Map<string, string>> {
  const wanted = new Map<string, { system: string; code: string }>();
  for (const concept of concepts) {
    const coding = concept?.coding?.[0];
    if (!coding?.system || !coding.code || coding.display || concept?.text) continue;
    wanted.set(keyOf(coding.system, coding.code), { system: coding.system, code: coding.code });
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([key, { system, code }]) => {
      const display = await lookUp(fhir, system, code);
      if (display) names.set(key, display);
    }),
  );
  return names;
}

/** The concept's name: its text or display, else the looked-up name, else its code. */
export function drugName(concept: CodeableConcept | undefined, names: Map<string, string>): string {
  const coding = concept?.coding?.[0];
  return (
    concept?.text ??
    coding?.display ??
    (coding?.system && coding.code ? names.get(keyOf(coding.system, coding.code)) : undefined) ??
    coding?.code ??
    ''
  );
}
