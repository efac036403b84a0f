import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { CodeableConcept, Observation, Specimen } from '../types.ts';
import { concept, profileMeta, reference, supportingInfoCategory } from './common.ts';
import { interpretation } from './observation-lab.ts';
import type { GeneTestInput } from './prior-auth-case.ts';

/** Specimen-twpas: the specimen of a gene test (type from value set specime-type). */
export function buildSpecimen(specimen: GeneTestInput['specimen'], refs: { patient: string }): Specimen {
  return {
    resourceType: 'Specimen',
    meta: profileMeta(TWPAS_PROFILES.specimen),
    type: concept(CODE_SYSTEMS.loinc, specimen.loincType),
    subject: reference(refs.patient),
    receivedTime: specimen.receivedTime,
  };
}

/** Observation-diagnostic-twpas (基因資訊): LOINC 69548-6 with one component per gene result. */
export function buildGeneInfoObservation(
  gene: GeneTestInput,
  refs: { patient: string; laboratory: string; specimen: string; report?: string },
): Observation {
  if (gene.variants.length === 0) throw new Error('a gene test needs at least one result');
  const method: CodeableConcept = gene.method.code
    ? { ...concept(CODE_SYSTEMS.loinc, gene.method.code), text: gene.method.text }
    : { text: gene.method.text };
  const observation: Observation = {
    resourceType: 'Observation',
    meta: profileMeta(TWPAS_PROFILES.observationDiagnostic),
    status: 'final',
    category: [supportingInfoCategory('geneInfo')],
    code: concept(CODE_SYSTEMS.loinc, '69548-6'),
    subject: reference(refs.patient),
    effectiveDateTime: gene.date,
    performer: [reference(refs.laboratory)],
    valueString: gene.result,
    method,
    specimen: reference(refs.specimen),
    component: gene.variants.map((variant) => ({
      code: concept(CODE_SYSTEMS.loinc, variant.loinc),
      valueString: variant.result,
      ...(variant.interpretation ? { interpretation: [{ text: variant.interpretation }] } : {}),
    })),
  };
  if (gene.interpretation) observation.interpretation = [interpretation(gene.interpretation)];
  if (refs.report) observation.derivedFrom = [reference(refs.report)];
  return observation;
}
