import { describe, expect, it } from 'vitest';
import { EMPTY_APP, fromAppDetails, lines, toAppInput } from './app-form-values.ts';

describe('the registration form’s values', () => {
  it('sends redirect URIs typed one per line as a list, without blank lines or spaces', () => {
    expect(lines(' https://a.example/cb \n\nhttp://localhost:8080/cb\r\n')).toEqual([
      'https://a.example/cb',
      'http://localhost:8080/cb',
    ]);
  });

  it('leaves unanswered security questions out', () => {
    const input = toAppInput({
      ...EMPTY_APP,
      securityAnswers: { encryption: 'TLS 1.3', thirdParties: '  ' },
    });
    expect(input.securityAnswers).toEqual({ encryption: 'TLS 1.3' });
  });

  it('shows a stored version as it was sent', () => {
    const sent = toAppInput({
      ...EMPTY_APP,
      name: 'Onco PA',
      launchTypes: ['clinician-ehr'],
      clientKind: 'public',
      redirectUris: 'https://a.example/cb\nhttps://a.example/cb2',
      launchUrl: 'https://a.example/launch',
      scopes: 'launch openid',
      userTypes: ['clinician'],
    });
    const stored = {
      ...sent,
      summaryZh: '',
      descriptionZh: '',
      jwks: '',
      fhirVersion: '4.0.1' as const,
      logoUploadId: null,
      screenshotUploadIds: [],
      categories: [],
      specialties: [],
      securityAnswers: {},
      launchUrl: 'https://a.example/launch',
      jwksUrl: undefined,
      homepageUrl: undefined,
      privacyPolicyUrl: undefined,
      termsUrl: undefined,
    };
    const shown = fromAppDetails(stored as Parameters<typeof fromAppDetails>[0]);
    expect(shown.redirectUris).toBe('https://a.example/cb\nhttps://a.example/cb2');
    expect(shown.jwksUrl).toBe('');
    expect(toAppInput(shown).redirectUris).toEqual(['https://a.example/cb', 'https://a.example/cb2']);
  });
});
