import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_HOSPITALS } from '../hospitals.ts';

/** HER2-positive metastatic gastric cancer: trastuzumab (coded indication C16R1) with XELOX, first line. */
export const gastricHer2Case: PriorAuthCase = {
  key: 'b-gastric-her2-trastuzumab',
  hospital: SANDBOX_HOSPITALS.b,
  patient: {
    name: '劉小芳',
    gender: 'female',
    birthDate: '1970-12-03',
    nationalId: 'J260014996',
    medicalRecordNumber: 'B00452890',
  },
  physician: { name: '劉淑惠', nationalId: 'Y290815144', licenseNumber: 'KP20231' },
  departmentCode: 'AF',
  applyType: '1',
  priority: '1',
  applicationDate: '2026-11-16',
  diagnoses: [
    {
      icd10cm: 'C16.2',
      recordedDate: '2026-10-06',
      summary:
        'Adenocarcinoma of gastric body, poorly differentiated, HER2 IHC 3+, cT4aN2M1 stage IVB with peritoneal metastasis ' +
        '(2026-10). ECOG 1, LVEF 64%. Apply trastuzumab with capecitabine and oxaliplatin (XELOX) as first-line therapy.',
    },
    { icd10cm: 'C78.6', recordedDate: '2026-10-09' },
  ],
  weightKg: 49.6,
  heightCm: 157,
  pregnancyOrBreastfeeding: false,
  imagingReports: [
    {
      code: { system: 'icd-10-pcs-2023', code: 'BW20ZZZ', display: '腹部電腦斷層掃描' },
      date: '2026-10-08',
      conclusion:
        'Diffuse wall thickening of the gastric body with perigastric lymphadenopathy, small-volume ascites and peritoneal nodules.',
    },
  ],
  cancerStages: [{ scheme: 'tnm', value: 'cT4aN2M1, stage IVB', date: '2026-10-09' }],
  examinationReports: [
    {
      loinc: '47526-9',
      specimen: 'Stomach, body, endoscopic biopsy',
      date: '2026-10-06',
      conclusion: 'Adenocarcinoma, poorly differentiated; HER2 IHC 3+.',
    },
  ],
  labs: [
    {
      loinc: '718-7',
      name: 'Hemoglobin',
      date: '2026-11-10',
      value: { value: 10.9, unit: 'g/dL' },
      low: 12,
      high: 16,
      interpretation: 'L',
    },
    {
      loinc: '2039-6',
      name: 'CEA',
      date: '2026-11-10',
      value: { value: 12.4, unit: 'ng/mL' },
      high: 5,
      interpretation: 'H',
    },
    {
      loinc: '2160-0',
      name: 'Creatinine',
      date: '2026-11-10',
      value: { value: 0.6, unit: 'mg/dL' },
      low: 0.5,
      high: 1,
    },
    {
      loinc: '10230-1',
      name: 'LVEF (echocardiography)',
      date: '2026-11-05',
      value: { value: 64, unit: '%' },
      low: 50,
    },
  ],
  patientAssessments: [{ code: { system: 'loinc', code: '89247-1' }, date: '2026-11-10', value: 1 }],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['B00452890_MedicalRecord_20261113.pdf'] },
  ],
  items: [
    {
      drugCode: 'KC011362B5',
      programCode: { code: 'C16R1' },
      continuation: '1',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-11-19',
          end: '2026-11-19',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 8, unit: 'mg/kg' },
          route: 'intravenous',
          count: 1,
        },
        {
          start: '2026-12-10',
          end: '2027-02-11',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 6, unit: 'mg/kg' },
          route: 'intravenous',
          count: 4,
        },
      ],
      quantity: { value: 5, unit: '{vial}' },
    },
  ],
};
