import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_HOSPITALS } from '../hospitals.ts';

/**
 * Hepatocellular carcinoma, BCLC C, progressing after TACE: atezolizumab (coded indication P072) with
 * bevacizumab (indication as text), first-line systemic therapy.
 */
export const hccAtezolizumabCase: PriorAuthCase = {
  key: 'a-hcc-atezolizumab-bevacizumab',
  hospital: SANDBOX_HOSPITALS.a,
  patient: {
    name: '張志強',
    gender: 'male',
    birthDate: '1961-05-09',
    nationalId: 'T131496579',
    medicalRecordNumber: '00588604',
  },
  physician: { name: '鄭宏志', nationalId: 'D188552992', licenseNumber: 'KP10618' },
  departmentCode: 'AA',
  applyType: '1',
  priority: '1',
  applicationDate: '2026-10-28',
  diagnoses: [
    {
      icd10cm: 'C22.0',
      recordedDate: '2026-06-02',
      summary:
        'Hepatocellular carcinoma with right portal vein branch tumour thrombus, BCLC stage C, in chronic hepatitis B on entecavir. ' +
        'Child-Pugh A (score 6), ECOG 0, AFP 1,286 ng/mL. TACE 2026-06 and 2026-08; MRI 2026-09: viable tumour and progression ' +
        '(mRECIST PD). Apply atezolizumab + bevacizumab as first-line systemic therapy.',
    },
    { icd10cm: 'B18.1', recordedDate: '2009-03-01' },
  ],
  procedures: [
    { icd10pcs: '3E05305', date: '2026-06-15' },
    { icd10pcs: '3E05305', date: '2026-08-10' },
  ],
  weightKg: 68.5,
  heightCm: 171,
  imagingReports: [
    {
      code: { system: 'icd-10-pcs-2023', code: 'BF35ZZZ', display: '肝臟磁振造影' },
      date: '2026-09-30',
      conclusion:
        'Multifocal HCC in the right lobe, the largest 6.8 cm in S8 with arterial enhancement and washout; tumour thrombus in the ' +
        'right portal vein branch; viable tumour after TACE.',
      reportFiles: ['A00588604_MRI_20260930.pdf'],
      study: {
        studyUid: 'urn:oid:2.25.227561934812760094417352908174623980101',
        seriesUid: '2.25.227561934812760094417352908174623980102',
        modality: 'MR',
        instances: [
          { uid: '2.25.227561934812760094417352908174623980103', sopClassOid: '1.2.840.10008.5.1.4.1.1.4' },
        ],
      },
      keyImages: [{ file: 'A00588604_MRI_key01.jpg', contentType: 'image/jpeg' }],
    },
  ],
  cancerStages: [
    { scheme: 'bclc', value: 'BCLC C', date: '2026-10-02' },
    { scheme: 'tnm', value: 'cT4N0M0, stage IIIB', date: '2026-10-02' },
  ],
  examinationReports: [
    {
      loinc: '65752-8',
      specimen: 'Liver, S8, echo-guided core needle biopsy',
      date: '2026-06-02',
      conclusion: 'Hepatocellular carcinoma, moderately differentiated (Edmondson-Steiner grade II).',
    },
  ],
  labs: [
    {
      loinc: '1834-1',
      name: 'AFP',
      date: '2026-10-01',
      value: { value: 1286, unit: 'ng/mL' },
      high: 20,
      interpretation: 'H',
    },
    {
      loinc: '1742-6',
      name: 'ALT',
      date: '2026-10-01',
      value: { value: 46, unit: 'U/L' },
      high: 40,
      interpretation: 'H',
    },
    {
      loinc: '1975-2',
      name: 'Total bilirubin',
      date: '2026-10-01',
      value: { value: 1.1, unit: 'mg/dL' },
      low: 0.2,
      high: 1.2,
    },
    {
      loinc: '1751-7',
      name: 'Albumin',
      date: '2026-10-01',
      value: { value: 3.6, unit: 'g/dL' },
      low: 3.5,
      high: 5.2,
    },
    {
      loinc: '777-3',
      name: 'Platelets',
      date: '2026-10-01',
      value: { value: 142, unit: '10*3/uL' },
      low: 150,
      high: 400,
      interpretation: 'L',
    },
    {
      loinc: '6301-6',
      name: 'INR',
      date: '2026-10-01',
      value: { value: 1.1, unit: '{INR}' },
      low: 0.8,
      high: 1.2,
    },
  ],
  patientAssessments: [
    { code: { system: 'loinc', code: '89247-1' }, date: '2026-10-02', value: 0 },
    { code: { system: 'loinc', code: '98153-0' }, date: '2026-10-02', value: 'A' },
  ],
  priorMedications: [
    {
      drugCode: 'B024469100',
      status: 'active',
      category: 'nhi',
      dosage: {
        start: '2009-03-15',
        end: '2026-10-28',
        frequency: [{ system: 'hl7', code: 'QD' }],
        dose: { value: 0.5, unit: 'mg' },
        route: 'oral',
      },
    },
  ],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['A00588604_MedicalRecord_20261027.pdf'] },
  ],
  treatmentAssessments: [{ criteria: 'MREC', date: '2026-09-30', result: 'PD' }],
  items: [
    {
      drugCode: 'KC01050238',
      programCode: { code: 'P072' },
      continuation: '1',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-11-02',
          end: '2027-01-04',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 1200, unit: 'mg' },
          route: 'intravenous',
          count: 4,
        },
      ],
      quantity: { value: 4, unit: '{vial}' },
    },
    {
      drugCode: 'KC00874219',
      programCode: { text: '晚期肝細胞癌第一線治療，與atezolizumab併用' },
      continuation: '1',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-11-02',
          end: '2027-01-04',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 15, unit: 'mg/kg' },
          route: 'intravenous',
          count: 4,
        },
      ],
      quantity: { value: 4110, unit: 'mg' },
    },
  ],
};
