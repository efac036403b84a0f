/** Reading the parts of the Claim that several rules need. */
import { TWPAS_CODE_SYSTEMS } from '@openpas/fhir-model';
import { codeIn, codings, isObject, type JsonObject, objects } from '@openpas/ig-validation/json';
import type { BundleContext, EntryInfo } from './context.ts';

export interface ClaimView {
  entry: EntryInfo;
  claim: JsonObject;
  /** FHIRPath of the Claim resource. */
  path: string;
}

export function claimOf(context: BundleContext): ClaimView | undefined {
  const entry = context.claim;
  return entry?.resource ? { entry, claim: entry.resource, path: entry.path } : undefined;
}

export function priorityCode(claim: JsonObject): string | undefined {
  return codeIn(claim.priority, TWPAS_CODE_SYSTEMS.tmhbType);
}

export function subTypeCode(claim: JsonObject): string | undefined {
  return codeIn(claim.subType, TWPAS_CODE_SYSTEMS.applyType);
}

/** Every ICD-10-CM code of every Claim.diagnosis (as the guide's invariants read them). */
export function diagnosisCodes(claim: JsonObject): string[] {
  return objects(claim.diagnosis).flatMap(({ item }) =>
    codings(item.diagnosisCodeableConcept).flatMap((c) => (c.code ? [c.code] : [])),
  );
}

export function anyDiagnosisMatches(claim: JsonObject, pattern: RegExp): boolean {
  return diagnosisCodes(claim).some((code) => pattern.test(code));
}

export interface ModifierCoding {
  itemIndex: number;
  modifierIndex: number;
  codingIndex: number;
  code: string | undefined;
}

/** The continuation-status (續用註記) codings of every item's modifiers. */
export function continuationCodings(claim: JsonObject): ModifierCoding[] {
  return objects(claim.item).flatMap(({ item, index: itemIndex }) =>
    objects(item.modifier).flatMap(({ item: modifier, index: modifierIndex }) =>
      codings(modifier)
        .filter((c) => c.system === TWPAS_CODE_SYSTEMS.continuationStatus)
        .map((c) => ({ itemIndex, modifierIndex, codingIndex: c.index, code: c.code })),
    ),
  );
}

/** The supportingInfo categories (nhi-supporting-info-type codes), with their indexes. */
export function supportingInfoCategories(
  claim: JsonObject,
): { index: number; category: string | undefined }[] {
  return objects(claim.supportingInfo).map(({ item, index }) => ({
    index,
    category: codeIn(item.category, TWPAS_CODE_SYSTEMS.supportingInfoType),
  }));
}

export function hasCategory(claim: JsonObject, ...categories: string[]): boolean {
  return supportingInfoCategories(claim).some(
    (s) => s.category !== undefined && categories.includes(s.category),
  );
}

/** The reference of an element's extension with the URL (valueReference.reference). */
export function extensionReference(element: JsonObject, url: string): string | undefined {
  for (const { item } of objects(element.extension)) {
    if (
      item.url === url &&
      isObject(item.valueReference) &&
      typeof item.valueReference.reference === 'string'
    ) {
      return item.valueReference.reference;
    }
  }
  return undefined;
}
