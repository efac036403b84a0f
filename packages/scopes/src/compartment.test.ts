import { describe, expect, it } from 'vitest';
import { isVisible, type ResourceOwnership, type TokenContext, visibilityFilter } from './compartment.ts';

const HOSPITAL_A = 'org-a';
const HOSPITAL_B = 'org-b';
const annaChart: ResourceOwnership = { patientId: 'anna', ownerOrganization: HOSPITAL_A };
const bennyChart: ResourceOwnership = { patientId: 'benny', ownerOrganization: HOSPITAL_B };
const practitioner: ResourceOwnership = { patientId: null, ownerOrganization: HOSPITAL_A };
const orphan: ResourceOwnership = { patientId: null, ownerOrganization: null };

describe('which stored resources a token may see', () => {
  it.each<[string, TokenContext, ResourceOwnership, boolean]>([
    ['a patient/ token sees its patient', { context: 'patient', patientId: 'anna' }, annaChart, true],
    [
      'a patient/ token never sees another patient',
      { context: 'patient', patientId: 'anna' },
      bennyChart,
      false,
    ],
    [
      'a patient/ token sees no record outside a compartment',
      { context: 'patient', patientId: 'anna' },
      practitioner,
      false,
    ],
    ['a patient/ token without a patient sees nothing', { context: 'patient' }, annaChart, false],
    [
      'a patient user sees their own record with user/ scopes',
      { context: 'user', userPatientId: 'anna', userOrganizationId: HOSPITAL_B },
      annaChart,
      true,
    ],
    [
      'a patient user never sees another patient with user/ scopes',
      { context: 'user', userPatientId: 'anna' },
      bennyChart,
      false,
    ],
    [
      "a clinician sees their hospital's records",
      { context: 'user', userOrganizationId: HOSPITAL_A },
      annaChart,
      true,
    ],
    [
      "a clinician sees their hospital's shared records",
      { context: 'user', userOrganizationId: HOSPITAL_A },
      practitioner,
      true,
    ],
    [
      "a clinician never sees another hospital's records",
      { context: 'user', userOrganizationId: HOSPITAL_A },
      bennyChart,
      false,
    ],
    ['a user without organisation or record sees nothing', { context: 'user' }, annaChart, false],
    [
      "a system token sees its organisation's records",
      { context: 'system', clientOrganizationId: HOSPITAL_B },
      bennyChart,
      true,
    ],
    [
      "a system token never sees another organisation's records",
      { context: 'system', clientOrganizationId: HOSPITAL_B },
      annaChart,
      false,
    ],
    ['a system token without organisation sees nothing', { context: 'system' }, orphan, false],
    [
      "the payer's system token sees every hospital's records",
      { context: 'system', clientOrganizationId: 'nhia', payer: true },
      bennyChart,
      true,
    ],
    [
      "the payer's reviewer sees every hospital's records",
      { context: 'user', userOrganizationId: 'nhia', payer: true },
      annaChart,
      true,
    ],
    [
      'the payer flag never widens a patient/ token',
      { context: 'patient', patientId: 'anna', payer: true },
      bennyChart,
      false,
    ],
    [
      'nobody sees an unowned record through an organisation',
      { context: 'system', clientOrganizationId: HOSPITAL_A },
      orphan,
      false,
    ],
  ])('%s', (_name, token, resource, visible) => {
    expect(isVisible(visibilityFilter(token), resource)).toBe(visible);
  });

  it('gives the store one filter per context', () => {
    expect(visibilityFilter({ context: 'patient', patientId: 'anna' })).toEqual({ patientId: 'anna' });
    expect(
      visibilityFilter({ context: 'user', userPatientId: 'anna', userOrganizationId: HOSPITAL_A }),
    ).toEqual({
      patientId: 'anna',
    });
    expect(visibilityFilter({ context: 'user', userOrganizationId: HOSPITAL_A })).toEqual({
      ownerOrganization: HOSPITAL_A,
    });
    expect(visibilityFilter({ context: 'system', clientOrganizationId: HOSPITAL_B })).toEqual({
      ownerOrganization: HOSPITAL_B,
    });
    expect(visibilityFilter({ context: 'system' })).toEqual({ nothing: true });
    expect(visibilityFilter({ context: 'system', payer: true })).toEqual({ everything: true });
  });
});
