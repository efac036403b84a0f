import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_HOSPITALS } from '../hospitals.ts';

/**
 * Metastatic castration-resistant prostate cancer responding to enzalutamide: a self-review (自主審查,
 * priority 3) renewal with the hospital's own assessment inside the Bundle.
 */
export const prostateEnzalutamideCase: PriorAuthCase = {
  key: 'b-prostate-enzalutamide-renewal',
  hospital: SANDBOX_HOSPITALS.b,
  patient: {
    name: '李建國',
    gender: 'male',
    birthDate: '1949-09-21',
    nationalId: 'X115590190',
    medicalRecordNumber: 'B00441723',
  },
  physician: { name: '黃俊傑', nationalId: 'W149573123', licenseNumber: 'KP20114' },
  departmentCode: '08',
  applyType: '1',
  priority: '3',
  applicationDate: '2026-11-09',
  diagnoses: [
    {
      icd10cm: 'C61',
      recordedDate: '2023-04-11',
      summary:
        'Prostate adenocarcinoma, Gleason 4+4=8, with bone metastases (2023-04); ADT since 2023-05. Castration resistance 2026-04 ' +
        '(PSA 48.2 ng/mL, testosterone <50 ng/dL). Enzalutamide since 2026-05: PSA 3.1 ng/mL on 2026-10-28, bone scan stable. ' +
        'Apply continued enzalutamide for 12 weeks (self-review).',
    },
    { icd10cm: 'C79.51', recordedDate: '2023-04-20' },
  ],
  weightKg: 71.2,
  heightCm: 166,
  labs: [
    { loinc: '2857-1', name: 'PSA', date: '2026-10-28', value: { value: 3.1, unit: 'ng/mL' }, high: 4 },
    {
      loinc: '2986-8',
      name: 'Testosterone',
      date: '2026-10-28',
      value: { value: 12, unit: 'ng/dL' },
      interpretation: 'L',
    },
  ],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['B00441723_MedicalRecord_20261106.pdf'] },
  ],
  treatmentAssessments: [{ criteria: 'REC1', date: '2026-10-30', result: 'SD' }],
  items: [
    {
      drugCode: 'BC28434100',
      programCode: { text: '轉移性去勢抗性前列腺癌' },
      continuation: '2',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-11-12',
          end: '2027-02-03',
          frequency: [{ system: 'hl7', code: 'QD' }],
          dose: { value: 160, unit: 'mg' },
          route: 'oral',
        },
      ],
      quantity: { value: 336, unit: '{tbl}' },
    },
  ],
  selfAssessment: {
    reviewerNationalIds: ['Y290815144', 'U112909678'],
    created: '2026-11-08',
    items: [{ approvedQuantity: 336, reason: '1' }],
  },
};
