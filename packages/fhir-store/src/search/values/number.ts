// Number and quantity index values: a decimal string, with system and code for quantities.

import type { FhirPathItem } from '../fhirpath-adapter.ts';
import { stringField } from './json.ts';

export interface NumberValue {
  value: string;
  system: string | null;
  code: string | null;
}

/** search_number.value is numeric(20, 6): larger magnitudes cannot be stored and are not indexed. */
export const NUMBER_MAX_MAGNITUDE = 1e14;

const QUANTITIES = new Set([
  'Quantity',
  'SimpleQuantity',
  'Age',
  'Duration',
  'Distance',
  'Count',
  'MoneyQuantity',
]);
const NUMBERS = new Set(['decimal', 'integer', 'integer64', 'positiveInt', 'unsignedInt']);
const DECIMAL = /^-?\d+(\.\d+)?$/;

/** A finite number as a plain decimal string (no exponent), or null when it cannot be indexed. */
export function decimalString(value: unknown): string | null {
  const number = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) >= NUMBER_MAX_MAGNITUDE)
    return null;
  if (typeof value === 'string') return value;
  const text = String(number);
  if (!/e/i.test(text)) return text;
  return number.toFixed(6).replace(/\.?0+$/, '');
}

function quantityValue(item: unknown, system: string | null, code: string | null): NumberValue[] {
  const value = decimalString(item);
  return value === null ? [] : [{ value, system, code }];
}

/**
 * Quantity (and Age, Duration …) → value with system and code (the unit when there is no code);
 * Money → value with system urn:iso:std:iso:4217 and the currency; decimal/integer primitives → value.
 */
export function numberValues(item: FhirPathItem): NumberValue[] {
  const { type, value } = item;
  if (type !== null && NUMBERS.has(type)) return quantityValue(value, null, null);
  if (typeof value !== 'object' || value === null || !('value' in value)) return [];
  if (type !== null && QUANTITIES.has(type)) {
    return quantityValue(
      value.value,
      stringField(value, 'system'),
      stringField(value, 'code') ?? stringField(value, 'unit'),
    );
  }
  if (type === 'Money')
    return quantityValue(value.value, 'urn:iso:std:iso:4217', stringField(value, 'currency'));
  return [];
}
