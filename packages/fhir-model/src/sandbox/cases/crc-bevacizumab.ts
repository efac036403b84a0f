import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_GENE_LABORATORY, SANDBOX_HOSPITALS } from '../hospitals.ts';

/** KRAS-mutant metastatic sigmoid colon cancer: bevacizumab with mFOLFOX6, first line. */
export const crcBevacizumabCase: PriorAuthCase = {
  key: 'a-crc-kras-bevacizumab',
  hospital: SANDBOX_HOSPITALS.a,
  patient: {
    name: '黃美玲',
    gender: 'female',
    birthDate: '1966-11-30',
    nationalId: 'W230176832',
    medicalRecordNumber: '00517342',
  },
  physician: { name: '林冠宇', nationalId: 'B107018646', licenseNumber: 'KP10552' },
  departmentCode: 'AF',
  applyType: '1',
  priority: '1',
  applicationDate: '2026-10-21',
  diagnoses: [
    {
      icd10cm: 'C18.7',
      recordedDate: '2026-08-12',
      summary:
        'Adenocarcinoma of sigmoid colon, cT4aN2aM1a stage IVA with multiple liver metastases (2026-08). KRAS c.35G>A (p.G12D), ' +
        'NRAS wild type, BRAF V600E not detected, MSS. ECOG 0. Apply bevacizumab with mFOLFOX6 as first-line therapy.',
    },
    { icd10cm: 'C78.7', recordedDate: '2026-08-20' },
  ],
  weightKg: 55.3,
  heightCm: 160,
  pregnancyOrBreastfeeding: false,
  imagingReports: [
    {
      code: { system: 'icd-10-pcs-2023', code: 'BW25ZZZ', display: '胸部、腹部及骨盆電腦斷層掃描' },
      date: '2026-08-18',
      conclusion:
        'Circumferential wall thickening of the sigmoid colon with pericolic lymphadenopathy; multiple liver metastases up to 4.5 cm; no lung metastasis.',
      reportFiles: ['A00517342_CT_20260818.pdf'],
    },
  ],
  cancerStages: [{ scheme: 'tnm', value: 'cT4aN2aM1a, stage IVA', date: '2026-08-20' }],
  examinationReports: [
    {
      loinc: '47526-9',
      specimen: 'Colon, sigmoid, colonoscopic biopsy',
      date: '2026-08-12',
      conclusion: 'Adenocarcinoma, moderately differentiated; mismatch repair proteins retained (MSS).',
    },
  ],
  geneTests: [
    {
      date: '2026-08-26',
      result: 'KRAS p.G12D detected; NRAS wild type; BRAF V600E not detected.',
      method: { code: 'LA26398-0', text: 'Sequencing' },
      interpretation: 'POS',
      variants: [
        { loinc: '21702-6', result: 'KRAS c.35G>A (p.G12D) detected', interpretation: 'Detected' },
        { loinc: '21719-0', result: 'NRAS wild type', interpretation: 'Not detected' },
        { loinc: '58415-1', result: 'BRAF V600E not detected', interpretation: 'Not detected' },
      ],
      specimen: { loincType: 'LP7641-6', receivedTime: '2026-08-14T14:00:00+08:00' },
      laboratory: SANDBOX_GENE_LABORATORY,
    },
  ],
  labs: [
    {
      loinc: '2039-6',
      name: 'CEA',
      date: '2026-08-13',
      value: { value: 86.4, unit: 'ng/mL' },
      high: 5,
      interpretation: 'H',
    },
    {
      loinc: '718-7',
      name: 'Hemoglobin',
      date: '2026-10-15',
      value: { value: 11.2, unit: 'g/dL' },
      low: 12,
      high: 16,
      interpretation: 'L',
    },
    {
      loinc: '777-3',
      name: 'Platelets',
      date: '2026-10-15',
      value: { value: 256, unit: '10*3/uL' },
      low: 150,
      high: 400,
    },
  ],
  patientAssessments: [{ code: { system: 'loinc', code: '89247-1' }, date: '2026-10-15', value: 0 }],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['A00517342_MedicalRecord_20261020.pdf'] },
  ],
  items: [
    {
      drugCode: 'KC00874219',
      programCode: { text: '轉移性大腸或直腸癌第一線治療，與含5-FU之化學療法併用' },
      continuation: '1',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-10-26',
          end: '2027-01-04',
          frequency: [{ system: 'nhi', code: 'Q2W' }],
          dose: { value: 5, unit: 'mg/kg' },
          route: 'intravenous',
          count: 6,
        },
      ],
      quantity: { value: 1660, unit: 'mg' },
    },
  ],
};
