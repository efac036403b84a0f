import { describe, expect, it } from 'vitest';
import { toOperationOutcome, type ValidationIssue } from '../src/index.ts';

const ISSUE: ValidationIssue = {
  rule: 'patient.gender-digit',
  severity: 'error',
  code: 'business-rule',
  expression: 'Bundle.entry[2].resource.ofType(Patient).gender',
  message: { 'zh-TW': 'Patient.gender 須為 male', en: 'Patient.gender must be male' },
};

describe('toOperationOutcome', () => {
  it('puts the asked language in diagnostics, the other in details.text, and the FHIRPath in expression', () => {
    expect(toOperationOutcome([ISSUE], 'en').issue).toEqual([
      {
        severity: 'error',
        code: 'business-rule',
        diagnostics: 'Patient.gender must be male',
        details: { text: 'Patient.gender 須為 male' },
        expression: ['Bundle.entry[2].resource.ofType(Patient).gender'],
      },
    ]);
  });

  it('answers in Traditional Chinese unless told otherwise', () => {
    expect(
      toOperationOutcome([ISSUE, { ...ISSUE, severity: 'warning' }]).issue.map((i) => [
        i.severity,
        i.diagnostics,
      ]),
    ).toEqual([
      ['error', 'Patient.gender 須為 male'],
      ['warning', 'Patient.gender 須為 male'],
    ]);
  });

  it('says there is nothing wrong when there are no issues', () => {
    expect(toOperationOutcome([], 'en').issue).toEqual([
      expect.objectContaining({
        severity: 'information',
        code: 'informational',
        diagnostics: 'Validation passed; no issues found',
      }),
    ]);
  });
});
