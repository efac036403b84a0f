/** FHIRPath expressions for issues, from JSON property names and array indexes. */

/** Data types that name the choice in a JSON key such as `valueQuantity` → `value.ofType(Quantity)`. */
const CHOICE_TYPES = [
  'Reference',
  'CodeableConcept',
  'Coding',
  'Quantity',
  'Period',
  'Range',
  'Ratio',
  'Identifier',
  'Attachment',
  'Boolean',
  'String',
  'Integer',
  'Decimal',
  'DateTime',
  'Date',
  'Instant',
  'Time',
  'Uri',
  'Url',
  'Canonical',
  'Code',
  'Age',
  'Timing',
  'SimpleQuantity',
  'Address',
];
const PRIMITIVES = new Set([
  'Boolean',
  'String',
  'Integer',
  'Decimal',
  'DateTime',
  'Date',
  'Instant',
  'Time',
  'Uri',
  'Url',
  'Canonical',
  'Code',
]);
/** The choice elements ([x]) that appear in TWPAS resources. */
const CHOICE_BASES = [
  'value',
  'effective',
  'diagnosis',
  'procedure',
  'medication',
  'onset',
  'abatement',
  'performed',
  'allowed',
  'deceased',
  'multipleBirth',
  'serviced',
  'location',
  'substance',
  'bounds',
  'dose',
  'rate',
  'asNeeded',
  'occurrence',
  'timing',
  'target',
  'scheduled',
  'product',
  'collected',
  'born',
  'age',
];

/** One path step for a JSON key: choice keys become `base.ofType(Type)`. */
export function step(key: string): string {
  for (const base of CHOICE_BASES) {
    if (!key.startsWith(base)) continue;
    const type = key.slice(base.length);
    if (!CHOICE_TYPES.includes(type)) continue;
    const name = PRIMITIVES.has(type) ? type.charAt(0).toLowerCase() + type.slice(1) : type;
    return `${base}.ofType(${name})`;
  }
  return key;
}

/** `parent.key` or `parent.key[index]`. */
export function child(parent: string, key: string, index?: number): string {
  return index === undefined ? `${parent}.${step(key)}` : `${parent}.${step(key)}[${index}]`;
}
