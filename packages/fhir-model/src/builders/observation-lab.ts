import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type {
  CodeableConcept,
  Observation,
  ObservationComponent,
  ObservationReferenceRange,
  Quantity,
} from '../types.ts';
import { concept, profileMeta, reference, supportingInfoCategory, type UcumValue, ucum } from './common.ts';
import type { Interpretation, LabComponentInput, LabResultInput } from './prior-auth-case.ts';

const INTERPRETATION_TEXT: Readonly<Record<Interpretation, string>> = {
  H: '高',
  L: '低',
  N: '正常',
  A: '異常',
  POS: '陽性',
  NEG: '陰性',
};

export function interpretation(code: Interpretation): CodeableConcept {
  return { ...concept(CODE_SYSTEMS.observationInterpretation, code), text: INTERPRETATION_TEXT[code] };
}

function range(
  value: UcumValue | string,
  low?: number,
  high?: number,
): ObservationReferenceRange | undefined {
  if (low === undefined && high === undefined) return undefined;
  const unit = typeof value === 'string' ? undefined : value.unit;
  const bound = (n: number): Quantity => (unit === undefined ? { value: n } : ucum({ value: n, unit }));
  return {
    ...(low === undefined ? {} : { low: bound(low) }),
    ...(high === undefined ? {} : { high: bound(high) }),
  };
}

function withValue<T extends Observation | ObservationComponent>(target: T, value: UcumValue | string): T {
  if (typeof value === 'string') target.valueString = value;
  else target.valueQuantity = ucum(value);
  return target;
}

function component(input: LabComponentInput): ObservationComponent {
  const result = withValue<ObservationComponent>(
    { code: concept(CODE_SYSTEMS.loinc, input.loinc) },
    input.value,
  );
  const referenceRange = range(input.value, input.low, input.high);
  if (referenceRange) result.referenceRange = [referenceRange];
  return result;
}

/** Observation-laboratory-result-twpas (檢驗(查)): one result or a panel of components. */
export function buildLabObservation(
  lab: LabResultInput,
  refs: { patient: string; performer: string; report?: string },
): Observation {
  if (lab.value === undefined && !lab.components?.length)
    throw new Error(`lab ${lab.loinc} needs a value or components`);
  const code = concept(CODE_SYSTEMS.loinc, lab.loinc);
  if (lab.name) code.text = lab.name;
  const observation: Observation = {
    resourceType: 'Observation',
    meta: profileMeta(TWPAS_PROFILES.observationLaboratoryResult),
    status: 'final',
    category: [supportingInfoCategory('tests')],
    code,
    subject: reference(refs.patient),
    effectiveDateTime: lab.date,
    performer: [reference(refs.performer)],
  };
  if (lab.value !== undefined) {
    withValue(observation, lab.value);
    const referenceRange = range(lab.value, lab.low, lab.high);
    if (referenceRange) observation.referenceRange = [referenceRange];
  }
  if (lab.interpretation) observation.interpretation = [interpretation(lab.interpretation)];
  if (lab.components?.length) observation.component = lab.components.map(component);
  if (refs.report) observation.derivedFrom = [reference(refs.report)];
  return observation;
}
