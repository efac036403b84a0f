import { describe, expect, it } from 'vitest';
import { applyFieldErrors, fieldErrorsOf } from './field-errors.ts';

const apiError = (fieldErrors: Record<string, string[]> | null) => ({
  message: 'bad',
  data: { fieldErrors },
});

describe('applyFieldErrors', () => {
  it('puts each field’s messages on that field, translated, and focuses the first', () => {
    const calls: [string, string, boolean | undefined][] = [];
    const rest = applyFieldErrors(
      apiError({
        name: ['required'],
        'securityAnswers.encryption': ['too long'],
        jwks: ['not JSON', 'no keys'],
      }),
      ['name', 'securityAnswers', 'jwks'],
      (field, error, options) => calls.push([String(field), String(error.message), options?.shouldFocus]),
      (message) => (message === 'required' ? '必填。' : message),
    );
    expect(calls).toEqual([
      ['name', '必填。', true],
      ['securityAnswers', 'too long', false],
      ['jwks', 'not JSON no keys', false],
    ]);
    expect(rest).toEqual([]);
  });

  it('returns the messages of fields the form does not have, and the error itself when it has no field errors', () => {
    expect(applyFieldErrors(apiError({ appId: ['unknown'] }), ['name'], () => {})).toEqual([
      'appId: unknown',
    ]);
    expect(applyFieldErrors(apiError(null), ['name'], () => {})).toEqual(['bad']);
    expect(fieldErrorsOf(new Error('network'))).toBeNull();
  });
});
