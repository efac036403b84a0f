import { describe, expect, it } from 'vitest';
import {
  checkNationalId,
  generateNationalId,
  hasValidNationalIdCheckDigit,
  isValidNationalId,
  matchesNationalIdPattern,
  nationalIdCheckDigit,
  nationalIdGender,
} from './national-id.ts';

describe('checkNationalId', () => {
  it.each([
    ['A123456789', { valid: true, gender: 'male' }],
    ['a123456789', { valid: true, gender: 'male' }],
    ['B123456780', { valid: true, gender: 'male' }],
    ['A223456781', { valid: true, gender: 'female' }],
    ['A123456788', { valid: false, problem: 'check-digit' }],
    ['F123456789', { valid: false, problem: 'check-digit' }],
    ['A323456789', { valid: false, problem: 'gender-digit' }],
    ['A823456789', { valid: false, problem: 'gender-digit' }],
    ['A12345678', { valid: false, problem: 'pattern' }],
    ['A1234567890', { valid: false, problem: 'pattern' }],
    ['AB23456789', { valid: false, problem: 'pattern' }],
    ['1123456789', { valid: false, problem: 'pattern' }],
    ['', { valid: false, problem: 'pattern' }],
  ] as const)('judges %s as %o', (id, expected) => {
    expect(checkNationalId(id)).toEqual(expected);
  });
});

describe('the parts of the check', () => {
  it('match the TWPAS pattern, letter and nine digits, whatever the check digit', () => {
    expect([matchesNationalIdPattern('F123456789'), matchesNationalIdPattern('F12345678X')]).toEqual([
      true,
      false,
    ]);
  });

  it('read the gender from the second character', () => {
    expect([
      nationalIdGender('A123456789'),
      nationalIdGender('A223456781'),
      nationalIdGender('A923456789'),
    ]).toEqual(['male', 'female', undefined]);
  });

  it('compute the check digit from the letter value and weights 1 9 8 7 6 5 4 3 2 1', () => {
    // A = 10: 1×1 + 0×9 + 1×8 + 2×7 + 3×6 + 4×5 + 5×4 + 6×3 + 7×2 + 8×1 = 121, so the check digit is 9.
    expect(nationalIdCheckDigit('A12345678')).toBe(9);
    // B = 11: 1 + 9 + 120 = 130, check digit 0.
    expect(nationalIdCheckDigit('B12345678')).toBe(0);
    // I = 34 and O = 35 break the alphabetical order.
    expect(nationalIdCheckDigit('I10000000')).toBe(3);
    expect(nationalIdCheckDigit('O20000000')).toBe(6);
  });

  it('refuses to compute a check digit for anything but a letter and eight digits', () => {
    expect(() => nationalIdCheckDigit('A1234567')).toThrow('not a letter and eight digits: A1234567');
  });

  it('says a value that fails the pattern has no valid check digit', () => {
    expect(hasValidNationalIdCheckDigit('A12345678')).toBe(false);
  });
});

describe('generateNationalId', () => {
  it('gives the same valid ID for the same gender and seed', () => {
    expect(generateNationalId('female', 'patient-a-breast')).toBe('H291898154');
    expect(generateNationalId('female', 'patient-a-breast')).toBe('H291898154');
  });

  it('gives valid IDs whose gender digit matches, over many seeds', () => {
    const ids = Array.from({ length: 500 }, (_, i) =>
      generateNationalId(i % 2 ? 'male' : 'female', `seed-${i}`),
    );
    expect(ids.filter((id) => !isValidNationalId(id))).toEqual([]);
    expect(ids.filter((id, i) => nationalIdGender(id) !== (i % 2 ? 'male' : 'female'))).toEqual([]);
    expect(new Set(ids).size).toBe(500);
  });

  it('gives different IDs for different seeds', () => {
    expect(generateNationalId('male', 'one')).not.toBe(generateNationalId('male', 'two'));
  });
});
