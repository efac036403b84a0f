/**
 * A prior-authorization case as plain data: what a hospital knows when it applies. `buildRequestBundle`
 * turns one into a TWPAS request Bundle; the evidence types are also the inputs of the single builders.
 */
import type { NationalIdGender } from '../national-id.ts';
import type {
  AdjudicationReasonCode,
  ApplySideCode,
  ApplyTypeCode,
  ContinuationStatusCode,
  DrugCategoryCode,
  LineOfTherapyCode,
  PdfTypeCode,
  PriorityCode,
  TreatmentAssessmentCode,
} from '../twpas/codes.ts';
import type { FhirDate, UcumValue } from './common.ts';

export interface CaseHospital {
  /** 醫事機構代碼, 10 digits */
  code: string;
  name: string;
  /** The hospital's namespace for medical record numbers (Patient.identifier system, type MR). */
  medicalRecordSystem: string;
}

export interface CasePatient {
  /** Name as written, at most 40 characters (Patient.name.text, use usual). */
  name: string;
  gender: NationalIdGender;
  birthDate: FhirDate;
  /** 身分證統一編號; its gender digit must agree with `gender`. */
  nationalId: string;
  /** 病歷號 */
  medicalRecordNumber: string;
}

export interface CasePhysician {
  name: string;
  /** At least one of nationalId and licenseNumber. */
  nationalId?: string;
  /** 醫事人員證書字號 */
  licenseNumber?: string;
}

export interface CaseDiagnosis {
  /** ICD-10-CM code with its dot, e.g. `C50.411`. */
  icd10cm: string;
  /** Which TW ICD-10-CM edition the code is from; 2023 unless said. */
  edition?: '2023' | '2014';
  /** 診斷日期 */
  recordedDate: FhirDate;
  /** 簡要病摘, at most 4000 bytes; required for the main (first) diagnosis. */
  summary?: string;
}

export interface CaseProcedure {
  /** ICD-10-PCS (TW 2023) code of an earlier surgery or procedure. */
  icd10pcs: string;
  date: FhirDate;
}

/** Staging systems the guide lists for Observation-cancer-stage. */
export type CancerStageScheme = 'tnm' | 'bclc' | 'myelomaIss' | 'myelomaRiss' | 'annArbor' | 'lugano';

export interface CancerStageInput {
  scheme: CancerStageScheme;
  /** The stage as written (`cT2N1M1, stage IV`) or a number. */
  value: string | number;
  date: FhirDate;
}

export interface LabComponentInput {
  loinc: string;
  value: UcumValue | string;
  low?: number;
  high?: number;
}

export type Interpretation = 'H' | 'L' | 'N' | 'A' | 'POS' | 'NEG';

export interface LabResultInput {
  loinc: string;
  /** Shown as code.text. */
  name?: string;
  date: FhirDate;
  /** A single result; a panel uses components instead. */
  value?: UcumValue | string;
  low?: number;
  high?: number;
  interpretation?: Interpretation;
  components?: LabComponentInput[];
  /** The lab report as a PDF (DocumentReference, category test). */
  report?: DocumentInput;
}

export interface ImagingCode {
  /** ICD-10-PCS 2023 imaging code (value set icd-10-pcs-2023-image) or LOINC (value set imaging-report). */
  system: 'icd-10-pcs-2023' | 'loinc';
  code: string;
  display?: string;
}

export interface ImagingStudyInput {
  /** Study Instance UID as `urn:oid:…` */
  studyUid: string;
  seriesUid: string;
  /** DICOM modality code: CT, MR, PT, US, NM … */
  modality: string;
  instances: { uid: string; sopClassOid: string }[];
  bodySite?: { snomed: string; display: string };
}

export interface MediaInput {
  /** File name of the picture (sent beside the Bundle). */
  file: string;
  contentType: 'image/jpeg' | 'image/png' | 'image/bmp' | 'image/gif' | 'image/tiff';
  bodySite?: { snomed: string; display: string };
}

export interface ImagingReportInput {
  code: ImagingCode;
  date: FhirDate;
  /** 影像報告結果 */
  conclusion: string;
  /** PDFs of the report (presentedForm), by file name. */
  reportFiles?: string[];
  study?: ImagingStudyInput;
  keyImages?: MediaInput[];
}

export interface ExaminationReportInput {
  /** LOINC report type (value set report-type). */
  loinc: string;
  /** 檢體種類 (code.text); required with 47526-9. */
  specimen?: string;
  date: FhirDate;
  conclusion: string;
  reportFiles?: string[];
}

export interface GeneVariantInput {
  /** LOINC gene test code (value set gene-test-code). */
  loinc: string;
  result: string;
  interpretation?: string;
}

export interface GeneTestInput {
  date: FhirDate;
  /** Summary of the report (Observation.valueString). */
  result: string;
  /** Test method: LOINC answer code from LL4048-6 and a text. */
  method: { code?: string; text: string };
  interpretation?: 'POS' | 'NEG';
  variants: GeneVariantInput[];
  specimen: { loincType: string; receivedTime: FhirDate };
  laboratory: { identifier: string; name?: string };
  report?: DocumentInput;
}

export interface PatientAssessmentInput {
  /** e.g. LOINC 89247-1 (ECOG), 98153-0 (Child-Pugh). */
  code: { system: 'loinc' | 'snomed' | 'nhi-pat-ast'; code: string };
  date: FhirDate;
  value: number | string;
}

export interface TreatmentAssessmentInput {
  criteria: TreatmentAssessmentCode;
  date: FhirDate;
  /** The response as the criteria name it: CR, PR, SD, PD … */
  result: string;
}

/** A timing code from HL7 TimingAbbreviation (`QD`, `BID` …) or the NHI frequency list (`Q3WD1` …). */
export interface FrequencyInput {
  system: 'hl7' | 'nhi';
  code: string;
}

export type RouteCode = 'oral' | 'intravenous' | 'subcutaneous';

export interface DosageInput {
  start: FhirDate;
  end: FhirDate;
  frequency: FrequencyInput[];
  dose: UcumValue;
  route: RouteCode;
  /** Number of cycles / administrations (timing.repeat.count). */
  count?: number;
}

export interface PriorMedicationInput {
  drugCode: string;
  status: 'active' | 'completed' | 'stopped';
  category: DrugCategoryCode;
  dosage: DosageInput;
}

export interface RadiotherapyInput {
  /** ICD-10-PCS 2023 radiation therapy code (value set icd-10-pcs-2023-radiotherapy). */
  icd10pcs: string;
  date: FhirDate;
  totalDoseGy: number;
  fractions: number;
}

export interface DocumentInput {
  category: PdfTypeCode;
  title: string;
  files: string[];
}

export type ProgramCodeInput = { code: string } | { text: string };

export interface RequestedDrugInput {
  /** NHI drug code (CodeSystem nhi-medication). */
  drugCode: string;
  /** 給付適應症: a code from nhi-apply-reason (required for the drugs in PROGRAM_CODES_BY_DRUG) or text. */
  programCode: ProgramCodeInput;
  continuation: ContinuationStatusCode;
  lineOfTherapy?: LineOfTherapyCode;
  dosages: DosageInput[];
  /** 事前審查申請數量 in a UCUM unit ({vial}, {tbl}, mg …). */
  quantity: UcumValue;
  bodySite?: ApplySideCode;
}

export interface SelfAssessmentInput {
  /** National IDs of the hospital's own reviewers (extension-claimResponse-requestor). */
  reviewerNationalIds: string[];
  created: FhirDate;
  /** One per requested drug, in the same order. */
  items: { approvedQuantity: number; reason: AdjudicationReasonCode }[];
}

export interface PriorAuthCase {
  /** Stable key of the case, e.g. `a-breast-her2-trastuzumab`. */
  key: string;
  hospital: CaseHospital;
  patient: CasePatient;
  physician: CasePhysician;
  /** 就醫科別 (NHI department code, e.g. AF 血液腫瘤科). */
  departmentCode: string;
  applyType: ApplyTypeCode;
  priority: PriorityCode;
  /** 申請日期 (Claim.created) */
  applicationDate: FhirDate;
  /** Required for apply types 2–5. */
  previousAcceptanceNumber?: string;
  /** Date of an earlier emergency report (Bundle.timestamp), when there was one. */
  emergencyReportDate?: string;
  /** The first is the main diagnosis (sequence 1) and needs a summary. */
  diagnoses: CaseDiagnosis[];
  procedures?: CaseProcedure[];
  weightKg: number;
  heightCm: number;
  pregnancyOrBreastfeeding?: boolean;
  imagingReports?: ImagingReportInput[];
  cancerStages?: CancerStageInput[];
  examinationReports?: ExaminationReportInput[];
  geneTests?: GeneTestInput[];
  labs?: LabResultInput[];
  patientAssessments?: PatientAssessmentInput[];
  priorMedications?: PriorMedicationInput[];
  radiotherapy?: RadiotherapyInput[];
  carePlanDocuments?: DocumentInput[];
  medicalRecords?: DocumentInput[];
  treatmentAssessments?: TreatmentAssessmentInput[];
  items: RequestedDrugInput[];
  /** Required with priority 3 (自主審查). */
  selfAssessment?: SelfAssessmentInput;
}
