import { issueMessage, validateBase, validateResourceWithGuide } from '@openpas/ig-validation';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { sandboxRequestBundle } from '../sandbox-cases.ts';
import { twpasDefinitions } from '../testing/shared-twpas.ts';
import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import type { Bundle, FhirResource } from '../types.ts';
import {
  buildClaimResponse,
  buildQueuedClaimResponse,
  buildSelfAssessmentClaimResponse,
} from './claim-response.ts';
import { buildCoverage } from './coverage.ts';
import { buildEncounter } from './encounter.ts';
import { buildMedia } from './imaging.ts';
import { buildLabObservation } from './observation-lab.ts';
import {
  buildGeneticTestingOrganization,
  buildHospitalOrganization,
  buildNhiaOrganization,
} from './organization.ts';
import { buildPatient } from './patient.ts';
import { buildPractitioner } from './practitioner.ts';

const PATIENT = 'urn:uuid:00000000-0000-4000-8000-000000000001';
const NHIA = 'urn:uuid:00000000-0000-4000-8000-000000000002';
const HOSPITAL = 'urn:uuid:00000000-0000-4000-8000-000000000003';
const CLAIM = 'urn:uuid:00000000-0000-4000-8000-000000000004';

const patient = buildPatient(
  {
    name: '王測試',
    gender: 'female',
    birthDate: '1980-01-02',
    nationalId: 'A223456781',
    medicalRecordNumber: 'MR-1',
  },
  'https://tpech.gov.taipei',
);
const refs = { patient: PATIENT, insurer: NHIA, requestor: HOSPITAL, request: CLAIM };

/** A collection Bundle around the resources, so their urn:uuid references resolve. */
function around(entries: [string, FhirResource][]): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: entries.map(([fullUrl, resource]) => ({ fullUrl, resource })),
  };
}

describe('buildPatient', () => {
  it('gives a Patient-twpas with national ID, medical record number and usual name', () => {
    expect(patient).toEqual({
      resourceType: 'Patient',
      meta: { profile: ['https://nhicore.nhi.gov.tw/pas/StructureDefinition/Patient-twpas'] },
      identifier: [
        {
          use: 'official',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'NNxxx' }] },
          system: 'http://www.moi.gov.tw',
          value: 'A223456781',
        },
        {
          use: 'official',
          type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] },
          system: 'https://tpech.gov.taipei',
          value: 'MR-1',
        },
      ],
      name: [{ use: 'usual', text: '王測試' }],
      gender: 'female',
      birthDate: '1980-01-02',
    });
  });

  it('refuses a name of more than 40 characters', () => {
    const name = '王'.repeat(41);
    expect(() =>
      buildPatient(
        { name, gender: 'male', birthDate: '1980-01-02', nationalId: 'A123456789', medicalRecordNumber: '1' },
        'x',
      ),
    ).toThrow(`patient name is longer than 40 characters: ${name}`);
  });

  it('refuses a national ID that is not a letter and nine digits', () => {
    expect(() =>
      buildPatient(
        {
          name: 'x',
          gender: 'male',
          birthDate: '1980-01-02',
          nationalId: 'A12345',
          medicalRecordNumber: '1',
        },
        'x',
      ),
    ).toThrow('patient national ID A12345 is not a letter and nine digits');
  });
});

describe('the organisation builders', () => {
  it('give the hospital by its 10-digit code under organization-identifier-tw', () => {
    expect(buildHospitalOrganization({ code: '0131020016', name: '新北市立聯合醫院' }).identifier).toEqual([
      {
        use: 'official',
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'PRN' }] },
        system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
        value: '0131020016',
      },
    ]);
    expect(() => buildHospitalOrganization({ code: '12345', name: 'x' })).toThrow(
      'hospital code must be 10 digits: 12345',
    );
  });

  it('give the NHIA as a TW Core government organisation A21030000I', () => {
    expect(buildNhiaOrganization()).toEqual({
      resourceType: 'Organization',
      meta: {
        profile: ['https://twcore.mohw.gov.tw/ig/twcore/StructureDefinition/Organization-govt-twcore'],
      },
      identifier: [
        {
          use: 'official',
          type: {
            coding: [{ system: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/v2-0203', code: 'GOI' }],
          },
          system: 'https://oid.nat.gov.tw/',
          value: 'A21030000I',
        },
      ],
      type: [
        { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'govt' }] },
      ],
      name: '衛生福利部中央健康保險署',
    });
  });

  it('refuse a gene laboratory code of the wrong length', () => {
    expect(() => buildGeneticTestingOrganization({ identifier: 'LAB1' })).toThrow(
      'genetic testing laboratory identifier does not fit TWPAS: LAB1',
    );
  });
});

describe('the small builders', () => {
  it('give an Encounter-twpas for the department', () => {
    expect(buildEncounter('AF')).toEqual({
      resourceType: 'Encounter',
      meta: { profile: ['https://nhicore.nhi.gov.tw/pas/StructureDefinition/Encounter-twpas'] },
      status: 'planned',
      class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB' },
      serviceType: {
        coding: [
          {
            system: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/medical-consultation-department-nhi-tw',
            code: 'AF',
          },
        ],
      },
    });
  });

  it('give a Coverage-twpas paid by the NHIA', () => {
    expect(buildCoverage({ beneficiary: PATIENT, payor: NHIA })).toEqual({
      resourceType: 'Coverage',
      meta: { profile: ['https://nhicore.nhi.gov.tw/pas/StructureDefinition/Coverage-twpas'] },
      status: 'active',
      beneficiary: { reference: PATIENT },
      payor: [{ reference: NHIA }],
    });
  });

  it('refuse a physician without identifiers', () => {
    expect(() => buildPractitioner({ name: '無名' })).toThrow(
      'physician 無名 needs a national ID or a licence number',
    );
  });

  it('refuse a lab result with neither value nor components', () => {
    expect(() =>
      buildLabObservation({ loinc: '718-7', date: '2026-01-01' }, { patient: PATIENT, performer: PATIENT }),
    ).toThrow('lab 718-7 needs a value or components');
  });

  it('refuse a picture whose file name has a space', () => {
    expect(() =>
      buildMedia({ file: 'key image.jpg', contentType: 'image/jpeg' }, { patient: PATIENT }),
    ).toThrow('attachment file name "key image.jpg" does not fit TWPAS');
  });
});

describe('the ClaimResponse builders', () => {
  it('give a queued ClaimResponse while the case waits', () => {
    expect(buildQueuedClaimResponse('2026-11-20', refs)).toEqual({
      resourceType: 'ClaimResponse',
      meta: { profile: ['https://nhicore.nhi.gov.tw/pas/StructureDefinition/ClaimResponse-twpas'] },
      status: 'active',
      type: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/claim-type', code: 'institutional' }],
      },
      use: 'preauthorization',
      patient: { reference: PATIENT },
      created: '2026-11-20',
      insurer: { reference: NHIA },
      requestor: { reference: HOSPITAL },
      request: { reference: CLAIM },
      outcome: 'queued',
      disposition: '待處理',
    });
  });

  it('give a finished review with the reviewer comment and per-order reasons', () => {
    const response = buildClaimResponse(
      {
        disposition: '審畢結果',
        created: '2026-11-25',
        items: [
          {
            itemSequence: 1,
            reason: '3',
            comment: '同意 4 支，第 5 支待療效評估後再申請',
            approvedQuantity: 4,
            details: [{ detailSequence: 1, reason: '7' }],
          },
        ],
      },
      refs,
    );
    expect([response.outcome, response.item]).toEqual([
      'complete',
      [
        {
          itemSequence: 1,
          adjudication: [
            {
              category: {
                coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }],
              },
              reason: {
                coding: [
                  {
                    system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment',
                    code: '3',
                    display: '部份同意',
                  },
                ],
                text: '同意 4 支，第 5 支待療效評估後再申請',
              },
              value: 4,
            },
          ],
          detail: [
            {
              detailSequence: 1,
              adjudication: [
                {
                  category: {
                    coding: [
                      { system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' },
                    ],
                  },
                  reason: {
                    coding: [
                      {
                        system: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment',
                        code: '7',
                        display: '改核:如審查核定意見',
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    ]);
  });

  it('take the outcome from the disposition', () => {
    const outcomes = (['處理中(等待附件檔)', '資料檢核失敗', '審查中'] as const).map(
      (disposition) => buildClaimResponse({ disposition, created: '2026-11-20' }, refs).outcome,
    );
    expect(outcomes).toEqual(['queued', 'error', 'partial']);
  });
});

describe.skipIf(!sharedAvailable())('the resources of the single builders', () => {
  const definitions = sharedAvailable() ? twpasDefinitions() : undefined;

  function problems(resource: FhirResource, profile: string, bundle: Bundle): string[] {
    if (!definitions) return [];
    return [
      ...validateBase(resource, bundle).remaining,
      ...validateResourceWithGuide(resource, definitions, { profile, bundle }).remaining,
    ].map(issueMessage);
  }

  it('validate as base R4 and against their profiles: ClaimResponse, queued and decided', () => {
    const queued = buildQueuedClaimResponse('2026-11-20', refs);
    const decided = buildClaimResponse(
      {
        disposition: '審畢結果',
        created: '2026-11-25',
        items: [{ itemSequence: 1, reason: '1', approvedQuantity: 5 }],
      },
      refs,
    );
    const claim = sandboxRequestBundle('a-crc-kras-bevacizumab').entry?.[0]?.resource;
    if (claim?.resourceType !== 'Claim') throw new Error('no Claim');
    const bundle = around([
      [PATIENT, patient],
      [NHIA, buildNhiaOrganization()],
      [HOSPITAL, buildHospitalOrganization({ code: '0101090517', name: '臺北市立聯合醫院' })],
      [CLAIM, claim],
      ['urn:uuid:00000000-0000-4000-8000-000000000005', queued],
      ['urn:uuid:00000000-0000-4000-8000-000000000006', decided],
    ]);
    expect([
      ...problems(queued, TWPAS_PROFILES.claimResponse, bundle),
      ...problems(decided, TWPAS_PROFILES.claimResponse, bundle),
    ]).toEqual([]);
  });

  it('validate as base R4 and against their profile: the self-assessment ClaimResponse', () => {
    const response = buildSelfAssessmentClaimResponse(
      {
        reviewerNationalIds: ['A123456789'],
        created: '2026-11-08',
        items: [{ itemSequence: 1, reason: '1', approvedQuantity: 84 }],
      },
      { patient: PATIENT, insurer: NHIA },
    );
    const bundle = around([
      [PATIENT, patient],
      [NHIA, buildNhiaOrganization()],
    ]);
    expect(problems(response, TWPAS_PROFILES.claimResponseSelfAssessment, bundle)).toEqual([]);
  });

  it('are checked for real: the profile catches a Patient whose gender contradicts the national ID', () => {
    const wrong = { ...patient, gender: 'male' as const };
    expect(problems(wrong, TWPAS_PROFILES.patient, around([[PATIENT, wrong]]))).toEqual([
      'error invariant at Patient: Constraint patient-gender-match not met: gender依據identifier:idCardNumber第二位字符檢核男性與女性代碼 (1=male, 2=female)',
    ]);
  });
});
