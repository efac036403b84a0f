import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_HOSPITALS } from '../hospitals.ts';

/** Relapsed IgG-kappa multiple myeloma after VRd and lenalidomide: daratumumab with bortezomib, second line. */
export const myelomaDaratumumabCase: PriorAuthCase = {
  key: 'a-myeloma-daratumumab',
  hospital: SANDBOX_HOSPITALS.a,
  patient: {
    name: '吳淑芬',
    gender: 'female',
    birthDate: '1956-02-14',
    nationalId: 'A218490039',
    medicalRecordNumber: '00623519',
  },
  physician: { name: '周文彬', nationalId: 'I120785927', licenseNumber: 'KP10703' },
  departmentCode: 'AF',
  applyType: '1',
  priority: '1',
  applicationDate: '2026-11-04',
  diagnoses: [
    {
      icd10cm: 'C90.00',
      recordedDate: '2025-06-17',
      summary:
        'IgG kappa multiple myeloma, R-ISS stage II (2025-06). VRd induction for 6 cycles, then lenalidomide maintenance. ' +
        'Relapse 2026-09: serum M-protein 1.9 g/dL, rising kappa free light chain, bone marrow plasma cells 18%. ECOG 1. ' +
        'Apply daratumumab + bortezomib + dexamethasone as second-line therapy.',
    },
  ],
  weightKg: 52.8,
  heightCm: 154,
  imagingReports: [
    {
      code: { system: 'icd-10-pcs-2023', code: 'BW25ZZZ', display: '胸部、腹部及骨盆電腦斷層掃描' },
      date: '2026-09-25',
      conclusion:
        'Multiple small lytic lesions in the thoracolumbar spine and pelvis, unchanged; no new fracture.',
    },
  ],
  cancerStages: [{ scheme: 'myelomaRiss', value: 'R-ISS II', date: '2025-06-20' }],
  examinationReports: [
    {
      loinc: '47526-9',
      specimen: 'Bone marrow aspirate and biopsy, posterior iliac crest',
      date: '2026-09-22',
      conclusion:
        'Plasma cells 18% of nucleated cells, kappa light chain restricted; consistent with relapsed plasma cell myeloma.',
    },
  ],
  labs: [
    {
      loinc: '718-7',
      name: 'Hemoglobin',
      date: '2026-10-30',
      value: { value: 9.8, unit: 'g/dL' },
      low: 12,
      high: 16,
      interpretation: 'L',
    },
    {
      loinc: '2160-0',
      name: 'Creatinine',
      date: '2026-10-30',
      value: { value: 1.1, unit: 'mg/dL' },
      low: 0.5,
      high: 1,
      interpretation: 'H',
    },
    {
      loinc: '17861-6',
      name: 'Calcium',
      date: '2026-10-30',
      value: { value: 9.6, unit: 'mg/dL' },
      low: 8.6,
      high: 10.2,
    },
    {
      loinc: '1952-1',
      name: 'Beta-2 microglobulin',
      date: '2026-10-30',
      value: { value: 3.9, unit: 'mg/L' },
      high: 2.2,
      interpretation: 'H',
    },
  ],
  patientAssessments: [{ code: { system: 'loinc', code: '89247-1' }, date: '2026-10-30', value: 1 }],
  priorMedications: [
    {
      drugCode: 'BC25216100',
      status: 'stopped',
      category: 'nhi',
      dosage: {
        start: '2025-12-01',
        end: '2026-09-30',
        frequency: [{ system: 'hl7', code: 'QD' }],
        dose: { value: 10, unit: 'mg' },
        route: 'oral',
      },
    },
  ],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['A00623519_MedicalRecord_20261103.pdf'] },
  ],
  items: [
    {
      drugCode: 'KC01056238',
      programCode: { text: '復發或難治性多發性骨髓瘤，與bortezomib及dexamethasone併用' },
      continuation: '1',
      lineOfTherapy: '2',
      dosages: [
        {
          start: '2026-11-09',
          end: '2026-12-28',
          frequency: [{ system: 'nhi', code: 'QW(1)' }],
          dose: { value: 16, unit: 'mg/kg' },
          route: 'intravenous',
          count: 8,
        },
      ],
      quantity: { value: 6760, unit: 'mg' },
    },
  ],
};
