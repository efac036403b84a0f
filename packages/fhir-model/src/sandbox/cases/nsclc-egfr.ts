import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_GENE_LABORATORY, SANDBOX_HOSPITALS } from '../hospitals.ts';

/** EGFR-mutant lung adenocarcinoma progressing on afatinib with T790M: osimertinib, second line. */
export const nsclcEgfrCase: PriorAuthCase = {
  key: 'a-nsclc-egfr-osimertinib',
  hospital: SANDBOX_HOSPITALS.a,
  patient: {
    name: '林大明',
    gender: 'male',
    birthDate: '1958-07-02',
    nationalId: 'O111850583',
    medicalRecordNumber: '00402117',
  },
  physician: { name: '蔡佳蓉', nationalId: 'G243164306', licenseNumber: 'KP10487' },
  departmentCode: 'AC',
  applyType: '1',
  priority: '1',
  applicationDate: '2026-10-14',
  diagnoses: [
    {
      icd10cm: 'C34.11',
      recordedDate: '2024-02-20',
      summary:
        'Adenocarcinoma of right upper lobe, cT2aN2M1c stage IVB (brain, bone), EGFR exon 19 deletion (2024-02). ' +
        'Brain metastasis treated with stereotactic radiosurgery (2024-03). First-line afatinib since 2024-03 with partial response; ' +
        'CT 2026-09: enlarging RUL mass and new bilateral lung nodules (RECIST 1.1 PD). Plasma cfDNA EGFR test 2026-09-30: exon 19 ' +
        'deletion and T790M detected. ECOG 1. Apply osimertinib as second-line therapy.',
    },
    { icd10cm: 'C79.31', recordedDate: '2024-02-27' },
    { icd10cm: 'C79.51', recordedDate: '2024-02-27' },
  ],
  procedures: [{ icd10pcs: '0BBC8ZX', date: '2024-02-16' }],
  weightKg: 64.2,
  heightCm: 168,
  imagingReports: [
    {
      code: { system: 'icd-10-pcs-2023', code: 'BB24ZZZ', display: '雙側肺臟電腦斷層掃描' },
      date: '2026-09-24',
      conclusion:
        'RUL mass enlarged to 4.1 cm (2.6 cm in 2026-03) with new nodules in both lungs, compatible with progression. Stable sclerotic bone lesions.',
      reportFiles: ['A00402117_CT_20260924.pdf'],
    },
  ],
  cancerStages: [{ scheme: 'tnm', value: 'cT2aN2M1c, stage IVB', date: '2024-02-27' }],
  examinationReports: [
    {
      loinc: '66107-4',
      specimen: 'Lung, right upper lobe, bronchoscopic biopsy',
      date: '2024-02-19',
      conclusion: 'Adenocarcinoma, acinar predominant; TTF-1 positive.',
    },
  ],
  geneTests: [
    {
      date: '2026-09-30',
      result: 'Plasma cfDNA EGFR mutation test: exon 19 deletion detected; T790M detected.',
      method: { code: 'LA26419-4', text: 'qPCR (real-time PCR)' },
      interpretation: 'POS',
      variants: [
        { loinc: '55764-5', result: 'EGFR exon 19 deletion detected', interpretation: 'Detected' },
        { loinc: '55769-4', result: 'EGFR p.T790M (c.2369C>T) detected', interpretation: 'Detected' },
      ],
      specimen: { loincType: 'LP7057-5', receivedTime: '2026-09-28T10:15:00+08:00' },
      laboratory: SANDBOX_GENE_LABORATORY,
    },
  ],
  labs: [
    {
      loinc: '718-7',
      name: 'Hemoglobin',
      date: '2026-10-02',
      value: { value: 13.1, unit: 'g/dL' },
      low: 13.5,
      high: 17.5,
      interpretation: 'L',
    },
    {
      loinc: '2160-0',
      name: 'Creatinine',
      date: '2026-10-02',
      value: { value: 0.9, unit: 'mg/dL' },
      low: 0.7,
      high: 1.3,
    },
    { loinc: '1742-6', name: 'ALT', date: '2026-10-02', value: { value: 22, unit: 'U/L' }, high: 40 },
  ],
  patientAssessments: [{ code: { system: 'loinc', code: '89247-1' }, date: '2026-10-02', value: 1 }],
  priorMedications: [
    {
      drugCode: 'BC26033100',
      status: 'stopped',
      category: 'nhi',
      dosage: {
        start: '2024-03-05',
        end: '2026-09-30',
        frequency: [{ system: 'hl7', code: 'QD' }],
        dose: { value: 40, unit: 'mg' },
        route: 'oral',
      },
    },
  ],
  radiotherapy: [{ icd10pcs: 'D020DZZ', date: '2024-03-12', totalDoseGy: 24, fractions: 1 }],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['A00402117_MedicalRecord_20261012.pdf'] },
  ],
  treatmentAssessments: [{ criteria: 'REC1', date: '2026-09-24', result: 'PD' }],
  items: [
    {
      drugCode: 'BC26968100',
      programCode: { text: 'EGFR T790M突變陽性之局部晚期或轉移性非小細胞肺癌，於EGFR-TKI治療後惡化' },
      continuation: '1',
      lineOfTherapy: '2',
      dosages: [
        {
          start: '2026-10-20',
          end: '2027-01-11',
          frequency: [{ system: 'hl7', code: 'QD' }],
          dose: { value: 80, unit: 'mg' },
          route: 'oral',
        },
      ],
      quantity: { value: 84, unit: '{tbl}' },
    },
  ],
};
