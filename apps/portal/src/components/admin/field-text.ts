import { displayValue } from './word-diff.ts';

/** The vocabulary a registration field's codes come from (their labels are in messages' `vocab`). */
const VOCABULARY: Record<string, string> = {
  launchTypes: 'launchType',
  clientKind: 'clientKind',
  categories: 'category',
  specialties: 'specialty',
  userTypes: 'userType',
};

/**
 * A registration field's value as a person reads it: codes in their words, security answers under their
 * question, lists one item a line. `label(kind, code)` gives a code's words (or the code when unknown).
 */
export function fieldText(
  name: string,
  value: unknown,
  label: (kind: string, code: string) => string,
): string {
  const kind = VOCABULARY[name];
  if (kind) {
    const codes = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    return codes.map((code) => label(kind, String(code))).join('\n');
  }
  if (name === 'securityAnswers' && value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([question, answer]) => `${label('security', question)}\n${displayValue(answer)}`)
      .join('\n');
  }
  return displayValue(value);
}
