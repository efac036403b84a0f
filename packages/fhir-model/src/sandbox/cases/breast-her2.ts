import type { PriorAuthCase } from '../../builders/prior-auth-case.ts';
import { SANDBOX_GENE_LABORATORY, SANDBOX_HOSPITALS } from '../hospitals.ts';

/**
 * Recurrent HER2-positive breast cancer with liver metastases: trastuzumab (coded indication C50R1) and
 * pertuzumab (indication as text), first line for metastatic disease. It carries every kind of evidence
 * the guide's Bundle-bun-1 carries, so it mirrors that Bundle's shape.
 */
export const breastHer2Case: PriorAuthCase = {
  key: 'a-breast-her2-trastuzumab-pertuzumab',
  hospital: SANDBOX_HOSPITALS.a,
  patient: {
    name: '陳小美',
    gender: 'female',
    birthDate: '1974-03-18',
    nationalId: 'H291898154',
    medicalRecordNumber: '00318826',
  },
  physician: { name: '許雅婷', nationalId: 'Z221531988', licenseNumber: 'KP10231' },
  departmentCode: 'AF',
  applyType: '1',
  priority: '1',
  applicationDate: '2026-10-05',
  diagnoses: [
    {
      icd10cm: 'C50.411',
      recordedDate: '2021-04-12',
      summary:
        'Right breast invasive ductal carcinoma, upper-outer quadrant, pT2N1aM0 stage IIB (2021-04), ER 60%, PR 10%, HER2 IHC 3+. ' +
        'S/p right modified radical mastectomy (2021-05), adjuvant EC-TH chemotherapy with one year of trastuzumab (until 2022-06), ' +
        'chest wall radiotherapy, tamoxifen since 2021-12. CT 2026-09: multiple liver metastases; liver biopsy: metastatic carcinoma ' +
        'of breast origin, HER2 IHC 3+. ECOG 1, LVEF 62%. Apply pertuzumab + trastuzumab + docetaxel as first-line therapy for ' +
        'metastatic disease.',
    },
    { icd10cm: 'C78.7', recordedDate: '2026-09-29' },
  ],
  procedures: [{ icd10pcs: '0HTT0ZZ', date: '2021-05-03' }],
  weightKg: 58.4,
  heightCm: 158,
  pregnancyOrBreastfeeding: false,
  imagingReports: [
    {
      code: { system: 'icd-10-pcs-2023', code: 'BW24ZZZ', display: '胸部及腹部電腦斷層掃描' },
      date: '2026-09-18',
      conclusion:
        'Multiple hypervascular nodules in both hepatic lobes, the largest 3.2 cm in S7, compatible with liver metastases. ' +
        'No lung nodule. Post right mastectomy.',
      reportFiles: ['A00318826_CT_20260918.pdf'],
      study: {
        studyUid: 'urn:oid:2.25.190233419372651023981644035286671552001',
        seriesUid: '2.25.190233419372651023981644035286671552002',
        modality: 'CT',
        instances: [
          { uid: '2.25.190233419372651023981644035286671552003', sopClassOid: '1.2.840.10008.5.1.4.1.1.2' },
        ],
        // 胸部 (chest) as the guide maps it (ConceptMap nhi-sct-body-site): its value set sct-body-site.
        bodySite: { snomed: '43799004', display: 'Thoracic structure' },
      },
      keyImages: [{ file: 'A00318826_CT_key01.jpg', contentType: 'image/jpeg' }],
    },
  ],
  cancerStages: [
    { scheme: 'tnm', value: 'pT2N1aM0 (2021); recurrence rM1 (liver), stage IV', date: '2026-09-30' },
  ],
  examinationReports: [
    {
      loinc: '65752-8',
      specimen: 'Liver, S7, echo-guided core needle biopsy',
      date: '2026-09-29',
      conclusion:
        'Metastatic carcinoma, consistent with breast origin. ER 50%, PR <1%, HER2 IHC 3+ (complete, intense membrane staining in >90% of tumour cells).',
      reportFiles: ['A00318826_Pathology_20260929.pdf'],
    },
  ],
  geneTests: [
    {
      date: '2026-09-30',
      result: 'Germline BRCA1/BRCA2 sequencing: no pathogenic or likely pathogenic variant detected.',
      method: { code: 'LA26398-0', text: 'Sequencing (NGS)' },
      interpretation: 'NEG',
      variants: [
        { loinc: '21636-6', result: 'BRCA1: no pathogenic variant', interpretation: 'Not detected' },
        { loinc: '38530-2', result: 'BRCA2: no pathogenic variant', interpretation: 'Not detected' },
      ],
      specimen: { loincType: 'LP7057-5', receivedTime: '2026-09-23T09:30:00+08:00' },
      laboratory: SANDBOX_GENE_LABORATORY,
      report: { category: 'gene', title: 'BRCA基因檢測報告', files: ['A00318826_Gene_20260930.pdf'] },
    },
  ],
  labs: [
    {
      loinc: '58410-2',
      name: 'CBC',
      date: '2026-09-30',
      components: [
        { loinc: '6690-2', value: { value: 6.2, unit: '10*3/uL' }, low: 3.9, high: 10.6 },
        { loinc: '718-7', value: { value: 12.1, unit: 'g/dL' }, low: 12, high: 16 },
        { loinc: '777-3', value: { value: 238, unit: '10*3/uL' }, low: 150, high: 400 },
      ],
      report: { category: 'test', title: '檢驗報告', files: ['A00318826_Lab_20260930.pdf'] },
    },
    {
      loinc: '1742-6',
      name: 'ALT',
      date: '2026-09-30',
      value: { value: 48, unit: 'U/L' },
      high: 40,
      interpretation: 'H',
    },
    {
      loinc: '1975-2',
      name: 'Total bilirubin',
      date: '2026-09-30',
      value: { value: 0.8, unit: 'mg/dL' },
      low: 0.2,
      high: 1.2,
    },
    {
      loinc: '2160-0',
      name: 'Creatinine',
      date: '2026-09-30',
      value: { value: 0.7, unit: 'mg/dL' },
      low: 0.5,
      high: 1,
    },
    {
      loinc: '10230-1',
      name: 'LVEF (echocardiography)',
      date: '2026-09-26',
      value: { value: 62, unit: '%' },
      low: 50,
    },
  ],
  patientAssessments: [{ code: { system: 'loinc', code: '89247-1' }, date: '2026-10-01', value: 1 }],
  priorMedications: [
    {
      drugCode: 'B021229100',
      status: 'stopped',
      category: 'nhi',
      dosage: {
        start: '2021-12-01',
        end: '2026-09-30',
        frequency: [{ system: 'hl7', code: 'QD' }],
        dose: { value: 20, unit: 'mg' },
        route: 'oral',
      },
    },
  ],
  radiotherapy: [{ icd10pcs: 'DM011ZZ', date: '2021-11-05', totalDoseGy: 50, fractions: 25 }],
  medicalRecords: [
    { category: 'medrec', title: '病歷摘要', files: ['A00318826_MedicalRecord_20261001.pdf'] },
  ],
  treatmentAssessments: [{ criteria: 'REC1', date: '2026-09-18', result: 'PD' }],
  items: [
    {
      drugCode: 'KC009612B5',
      programCode: { code: 'C50R1' },
      continuation: '1',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-10-08',
          end: '2026-10-08',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 8, unit: 'mg/kg' },
          route: 'intravenous',
          count: 1,
        },
        {
          start: '2026-10-29',
          end: '2026-12-31',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 6, unit: 'mg/kg' },
          route: 'intravenous',
          count: 4,
        },
      ],
      quantity: { value: 5, unit: '{vial}' },
    },
    {
      drugCode: 'KC00942233',
      programCode: { text: 'HER2陽性轉移性乳癌第一線治療，與trastuzumab及docetaxel併用' },
      continuation: '1',
      lineOfTherapy: '1',
      dosages: [
        {
          start: '2026-10-08',
          end: '2026-10-08',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 840, unit: 'mg' },
          route: 'intravenous',
          count: 1,
        },
        {
          start: '2026-10-29',
          end: '2026-12-31',
          frequency: [{ system: 'nhi', code: 'Q3WD1' }],
          dose: { value: 420, unit: 'mg' },
          route: 'intravenous',
          count: 4,
        },
      ],
      quantity: { value: 6, unit: '{vial}' },
    },
  ],
};
