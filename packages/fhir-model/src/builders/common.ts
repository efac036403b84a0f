import { CODE_SYSTEMS, TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { SupportingInfoCategory } from '../twpas/codes.ts';
import type { CodeableConcept, Coding, Meta, Quantity, Reference } from '../types.ts';

/** A date `YYYY-MM-DD` or a dateTime with a time zone. */
export type FhirDate = string;

export function coding(system: string, code: string, display?: string): Coding {
  return display === undefined ? { system, code } : { system, code, display };
}

export function concept(system: string, code: string, display?: string): CodeableConcept {
  return { coding: [coding(system, code, display)] };
}

export function profileMeta(profile: string): Meta {
  return { profile: [profile] };
}

export function reference(target: string): Reference {
  return { reference: target };
}

/** A quantity in a UCUM unit (`unit` is the human-readable form, when it differs from the code). */
export interface UcumValue {
  value: number;
  /** UCUM code: `kg`, `mg/kg`, `{tbl}`, `10*3/uL` … */
  unit: string;
  /** Human-readable unit, e.g. `tablets` for `{tbl}`. */
  display?: string;
}

export function ucum({ value, unit, display }: UcumValue): Quantity {
  const quantity: Quantity = { value, system: CODE_SYSTEMS.ucum, code: unit };
  if (display !== undefined) quantity.unit = display;
  return quantity;
}

/** The category coding TWPAS puts on evidence resources (DiagnosticReport, Observation). */
export function supportingInfoCategory(category: SupportingInfoCategory): CodeableConcept {
  return { coding: [{ code: category, system: TWPAS_CODE_SYSTEMS.supportingInfoType }] };
}

/** `file://<name>`: TWPAS attachments name the binary that travels beside the Bundle. */
export function fileUrl(fileName: string): string {
  if (!/^[a-zA-Z0-9_\u4e00-\u9fa5()-]+\.[a-zA-Z]{2,5}$/.test(fileName)) {
    throw new Error(
      `attachment file name "${fileName}" does not fit TWPAS (letters, digits, _ ( ) - or CJK, then .ext)`,
    );
  }
  return `file://${fileName}`;
}
