// Token index values: system, code (exactly as given) and a normalised text for `:text`.

import type { FhirPathItem } from '../fhirpath-adapter.ts';
import { searchStringValue } from '../normalise.ts';
import { isObject, objectList, stringField } from './json.ts';

export interface TokenValue {
  system: string | null;
  code: string | null;
  text: string | null;
}

/** Tokens longer than this (system or code) are not indexed: they could not be kept in a b-tree index. */
export const TOKEN_MAX_LENGTH = 500;

const PRIMITIVES = new Set([
  'code',
  'string',
  'id',
  'uri',
  'url',
  'canonical',
  'oid',
  'uuid',
  'markdown',
  'boolean',
  'integer',
  'positiveInt',
  'unsignedInt',
  'decimal',
]);

function text(value: string | null): string | null {
  if (value === null) return null;
  const normalised = searchStringValue(value);
  return normalised.length > 0 ? normalised : null;
}

function coding(value: unknown): TokenValue {
  return {
    system: stringField(value, 'system'),
    code: stringField(value, 'code'),
    text: text(stringField(value, 'display')),
  };
}

function fromItem(item: FhirPathItem): TokenValue[] {
  const { type, value } = item;
  switch (type) {
    case 'Coding':
      return [coding(value)];
    case 'CodeableConcept':
      return [
        ...objectList(value, 'coding').map(coding),
        { system: null, code: null, text: text(stringField(value, 'text')) },
      ];
    case 'Identifier':
      return [
        {
          system: stringField(value, 'system'),
          code: stringField(value, 'value'),
          text: text(isObject(value) ? stringField(value.type, 'text') : null),
        },
      ];
    case 'ContactPoint':
      return [{ system: null, code: stringField(value, 'value'), text: null }];
    default:
      if (type !== null && PRIMITIVES.has(type) && isPrimitive(value)) {
        return [{ system: null, code: String(value), text: null }];
      }
      return [];
  }
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return (
    (typeof value === 'string' && value.length > 0) ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function indexable(token: TokenValue): boolean {
  if (token.system === null && token.code === null && token.text === null) return false;
  return (token.system?.length ?? 0) <= TOKEN_MAX_LENGTH && (token.code?.length ?? 0) <= TOKEN_MAX_LENGTH;
}

/**
 * Coding → (system, code, display); CodeableConcept → each coding, plus (null, null, text);
 * Identifier → (system, value, type.text); ContactPoint → (null, value); code, string, boolean and other
 * primitives → (null, value). Texts are normalised with searchStringValue.
 */
export function tokenValues(item: FhirPathItem): TokenValue[] {
  return fromItem(item).filter(indexable);
}
