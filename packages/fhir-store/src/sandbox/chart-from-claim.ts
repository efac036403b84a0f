import { type Claim, CODE_SYSTEMS, type Resource, TWPAS_EXTENSIONS } from '@openpas/fhir-model';

type Entry = Resource & { [key: string]: unknown };

const VITALS = {
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg' },
  height: { loinc: '8302-2', display: 'Body height', unit: 'cm' },
} as const;

/**
 * What an EHR knows of a request Bundle's Claim as records of its own: the diagnoses as Conditions (the
 * main one's summary as a note), the weight and height as vital signs, earlier procedures as Procedures.
 * References stay as the Bundle has them (urn:uuid) for the caller to rewrite; each entry is keyed by a
 * name the caller turns into a stable id.
 */
export function chartEntriesOfClaim(claim: Claim): { name: string; resource: Entry }[] {
  const patient = claim.patient;
  const entries: { name: string; resource: Entry }[] = [];
  (claim.diagnosis ?? []).forEach((diagnosis, i) => {
    const recorded = diagnosis.extension?.find((e) => e.url.endsWith('extension-diagnosisRecordedDate'));
    const summary = diagnosis.type?.[0]?.text;
    const condition: Entry = {
      resourceType: 'Condition',
      clinicalStatus: concept(CODE_SYSTEMS.conditionClinical, 'active'),
      verificationStatus: concept(CODE_SYSTEMS.conditionVerification, 'confirmed'),
      category: [concept(CODE_SYSTEMS.conditionCategory, 'encounter-diagnosis')],
      code: diagnosis.diagnosisCodeableConcept,
      subject: patient,
      ...(recorded?.valueDate ? { recordedDate: recorded.valueDate } : {}),
      ...(summary ? { note: [{ text: summary }] } : {}),
    };
    entries.push({ name: `condition-${i}`, resource: condition });
  });
  for (const info of claim.supportingInfo ?? []) {
    const category = info.category.coding?.[0]?.code;
    if ((category !== 'weight' && category !== 'height') || !info.valueQuantity) continue;
    const vital = VITALS[category];
    entries.push({
      name: category,
      resource: {
        resourceType: 'Observation',
        status: 'final',
        category: [concept(CODE_SYSTEMS.observationCategory, 'vital-signs')],
        code: concept(CODE_SYSTEMS.loinc, vital.loinc, vital.display),
        subject: patient,
        effectiveDateTime: claim.created,
        valueQuantity: {
          value: info.valueQuantity.value,
          unit: vital.unit,
          system: CODE_SYSTEMS.ucum,
          code: vital.unit,
        },
      },
    });
  }
  (claim.procedure ?? []).forEach((procedure, i) => {
    entries.push({
      name: `procedure-${i}`,
      resource: {
        resourceType: 'Procedure',
        status: 'completed',
        code: procedure.procedureCodeableConcept,
        subject: patient,
        ...(procedure.date ? { performedDateTime: procedure.date } : {}),
      },
    });
  });
  return entries;
}

/** The Claim's encounter (its extension), whose chart record should name the patient as its subject. */
export function encounterOfClaim(claim: Claim): string | undefined {
  return claim.extension?.find((e) => e.url === TWPAS_EXTENSIONS.claimEncounter)?.valueReference?.reference;
}

function concept(system: string, code: string, display?: string) {
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}
