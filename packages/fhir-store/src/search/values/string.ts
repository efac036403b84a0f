// String index values, normalised for prefix search.

import type { FhirPathItem } from '../fhirpath-adapter.ts';
import { searchStringValue } from '../normalise.ts';
import { isObject, type JsonObject, objectList, stringField, stringList } from './json.ts';

const PRIMITIVES = new Set(['string', 'markdown', 'code', 'id', 'uri', 'url', 'canonical']);
const HAN = /\p{Script=Han}/u;

/**
 * HumanName: each part (family, given, prefix, suffix), text, and the whole name: `given… family` joined
 * by spaces, plus `family` + `given…` without spaces when the family name is written in Han characters
 * (王 + 大明 → 王大明, as Chinese names are written).
 */
function humanName(name: JsonObject): string[] {
  const family = stringField(name, 'family');
  const given = stringList(name, 'given');
  const prefix = stringList(name, 'prefix');
  const suffix = stringList(name, 'suffix');
  const values = [...(family ? [family] : []), ...given, ...prefix, ...suffix];
  const textValue = stringField(name, 'text');
  if (textValue) values.push(textValue);
  if (family && given.length > 0) {
    values.push([...prefix, ...given, family, ...suffix].join(' '));
    if (HAN.test(family)) values.push(family + given.join(''));
  }
  return values;
}

function address(value: JsonObject): string[] {
  const parts = ['city', 'district', 'state', 'postalCode', 'country', 'text'].map((key) =>
    stringField(value, key),
  );
  return [...stringList(value, 'line'), ...parts.filter((part): part is string => part !== null)];
}

/** CodeableConcept and Coding as strings (the guide's `adjudication-reason`): text, displays and codes. */
function codeable(value: JsonObject): string[] {
  const codings = [value, ...objectList(value, 'coding')];
  const values = codings.flatMap((c) => [stringField(c, 'code'), stringField(c, 'display')]);
  values.push(stringField(value, 'text'));
  return values.filter((v): v is string => v !== null);
}

function raw(item: FhirPathItem): string[] {
  const { type, value } = item;
  if (type !== null && PRIMITIVES.has(type)) return typeof value === 'string' ? [value] : [];
  if (!isObject(value)) return [];
  switch (type) {
    case 'HumanName':
      return humanName(value);
    case 'Address':
      return address(value);
    case 'CodeableConcept':
    case 'Coding':
      return codeable(value);
    default:
      return [];
  }
}

/** The normalised string values of one FHIRPath result item (empty ones dropped). */
export function stringValues(item: FhirPathItem): string[] {
  return raw(item)
    .map(searchStringValue)
    .filter((value) => value.length > 0);
}
