import { describe, expect, it } from 'vitest';
import { fieldText } from './field-text.ts';

const label = (kind: string, code: string) => `${kind}:${code}`;

describe('fieldText', () => {
  it('puts vocabulary codes in words, one a line', () => {
    expect(fieldText('launchTypes', ['clinician-ehr', 'patient-standalone'], label)).toBe(
      'launchType:clinician-ehr\nlaunchType:patient-standalone',
    );
    expect(fieldText('clientKind', 'public', label)).toBe('clientKind:public');
  });

  it('writes each security answer under its question', () => {
    expect(fieldText('securityAnswers', { encryption: 'TLS 1.3' }, label)).toBe(
      'security:encryption\nTLS 1.3',
    );
  });

  it('leaves free text as it is', () => {
    expect(fieldText('name', 'Onco PA', label)).toBe('Onco PA');
    expect(fieldText('redirectUris', ['https://a/cb', 'https://b/cb'], label)).toBe(
      'https://a/cb\nhttps://b/cb',
    );
  });
});
