/**
 * Taiwan national ID (國民身分證統一編號): one letter for the place of first registration, a gender digit
 * (1 male, 2 female), seven serial digits and a check digit. TWPAS itself only requires the pattern
 * `^[A-Za-z][0-9]{9}$` and that the gender digit agrees with Patient.gender; the check digit is the
 * Ministry of the Interior's algorithm.
 */
import { hash128 } from './seeded-hash.ts';

export const NATIONAL_ID_PATTERN = /^[A-Za-z][0-9]{9}$/;

export type NationalIdGender = 'male' | 'female';

/** The two-digit number each first letter stands for in the check-digit sum. */
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 10,
  B: 11,
  C: 12,
  D: 13,
  E: 14,
  F: 15,
  G: 16,
  H: 17,
  I: 34,
  J: 18,
  K: 19,
  L: 20,
  M: 21,
  N: 22,
  O: 35,
  P: 23,
  Q: 24,
  R: 25,
  S: 26,
  T: 27,
  U: 28,
  V: 29,
  W: 32,
  X: 30,
  Y: 31,
  Z: 33,
};
const LETTERS = Object.keys(LETTER_VALUES);
/** Weights of the letter's two digits and the first eight digits; the check digit has weight 1. */
const WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1] as const;

export function matchesNationalIdPattern(value: string): boolean {
  return NATIONAL_ID_PATTERN.test(value);
}

/** The gender the second character encodes, or undefined when it is neither 1 nor 2. */
export function nationalIdGender(value: string): NationalIdGender | undefined {
  if (!matchesNationalIdPattern(value)) return undefined;
  if (value[1] === '1') return 'male';
  if (value[1] === '2') return 'female';
  return undefined;
}

/** Weighted sum of the letter and the first eight digits (everything but the check digit). */
function weightedSum(firstNine: string): number {
  const letterValue = LETTER_VALUES[firstNine.charAt(0).toUpperCase()] ?? 0;
  const digits = [Math.floor(letterValue / 10), letterValue % 10, ...[...firstNine.slice(1)].map(Number)];
  return digits.reduce((sum, digit, i) => sum + digit * (WEIGHTS[i] ?? 0), 0);
}

/** The check digit for a letter followed by eight digits. */
export function nationalIdCheckDigit(firstNine: string): number {
  if (!/^[A-Za-z][0-9]{8}$/.test(firstNine)) throw new Error(`not a letter and eight digits: ${firstNine}`);
  return (10 - (weightedSum(firstNine) % 10)) % 10;
}

export function hasValidNationalIdCheckDigit(value: string): boolean {
  if (!matchesNationalIdPattern(value)) return false;
  return nationalIdCheckDigit(value.slice(0, 9)) === Number(value[9]);
}

export type NationalIdProblem = 'pattern' | 'gender-digit' | 'check-digit';

export type NationalIdCheck =
  | { valid: true; gender: NationalIdGender }
  | { valid: false; problem: NationalIdProblem };

/** Checks pattern, gender digit and check digit, in that order, and says which failed first. */
export function checkNationalId(value: string): NationalIdCheck {
  if (!matchesNationalIdPattern(value)) return { valid: false, problem: 'pattern' };
  const gender = nationalIdGender(value);
  if (!gender) return { valid: false, problem: 'gender-digit' };
  if (!hasValidNationalIdCheckDigit(value)) return { valid: false, problem: 'check-digit' };
  return { valid: true, gender };
}

export function isValidNationalId(value: string): boolean {
  return checkNationalId(value).valid;
}

/**
 * A valid synthetic national ID for sandbox data, derived from the seed: the same gender and seed always
 * give the same ID. (Any valid ID may also belong to a real person; use these only for synthetic records.)
 */
export function generateNationalId(gender: NationalIdGender, seed: string): string {
  const [a = 0, b = 0] = hash128(`national-id\u0000${gender}\u0000${seed}`);
  const letter = LETTERS[a % LETTERS.length] ?? 'A';
  const serial = String(b % 10_000_000).padStart(7, '0');
  const firstNine = `${letter}${gender === 'male' ? '1' : '2'}${serial}`;
  return `${firstNine}${nationalIdCheckDigit(firstNine)}`;
}
