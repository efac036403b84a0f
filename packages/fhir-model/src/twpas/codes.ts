/**
 * The small TWPAS code lists the domain works with, each code with the guide's Chinese display (`zh`,
 * exactly as in the CodeSystem) and an English label (`en`, ours).
 */

export interface CodeLabel {
  readonly zh: string;
  readonly en: string;
}

/** 申報類別 (Claim.subType). 2–5 carry the earlier acceptance number. */
export const APPLY_TYPES = {
  '1': { zh: '送核', en: 'Initial submission' },
  '2': { zh: '送核補件', en: 'Additional documents' },
  '3': { zh: '申復', en: 'Appeal' },
  '4': { zh: '爭議審議', en: 'Dispute review' },
  '5': { zh: '申復補件', en: 'Additional documents to an appeal' },
} as const satisfies Record<string, CodeLabel>;
export type ApplyTypeCode = keyof typeof APPLY_TYPES;

/** 申請案件類別 (Claim.priority). */
export const PRIORITIES = {
  '1': { zh: '一般事前審查申請', en: 'General prior authorization' },
  '3': { zh: '自主審查', en: 'Self-review' },
  '4': { zh: '緊急報備', en: 'Emergency report' },
} as const satisfies Record<string, CodeLabel>;
export type PriorityCode = keyof typeof PRIORITIES;

export type ClaimResponseOutcome = 'queued' | 'complete' | 'error' | 'partial';

export interface DispositionLabel extends CodeLabel {
  readonly outcome: ClaimResponseOutcome;
}

/**
 * 案件受理狀態 (ClaimResponse.disposition) with the ClaimResponse.outcome that goes with each:
 * queued while waiting or processing, error on a failure, partial once accepted or under review,
 * complete when the review is finished.
 */
export const DISPOSITIONS = {
  待處理: { zh: '待處理', en: 'Waiting', outcome: 'queued' },
  處理中: { zh: '處理中', en: 'Processing', outcome: 'queued' },
  '處理中(等待附件檔)': {
    zh: '處理中(等待附件檔)',
    en: 'Processing: waiting for attachments',
    outcome: 'queued',
  },
  '處理中(檔案檢核中)': { zh: '處理中(檔案檢核中)', en: 'Processing: checking files', outcome: 'queued' },
  '處理中(等待檢查申報資料)': {
    zh: '處理中(等待檢查申報資料)',
    en: 'Processing: waiting for examination data',
    outcome: 'queued',
  },
  資料檢核失敗: { zh: '資料檢核失敗', en: 'Data check failed', outcome: 'error' },
  檔案傳送失敗: { zh: '檔案傳送失敗', en: 'File transfer failed', outcome: 'error' },
  附件檔轉檔失敗: { zh: '附件檔轉檔失敗', en: 'Attachment conversion failed', outcome: 'error' },
  影像檔轉檔失敗: { zh: '影像檔轉檔失敗', en: 'Image conversion failed', outcome: 'error' },
  電子病歷檔轉檔失敗: {
    zh: '電子病歷檔轉檔失敗',
    en: 'Electronic medical record conversion failed',
    outcome: 'error',
  },
  申請檔案檢核失敗: { zh: '申請檔案檢核失敗', en: 'Application file check failed', outcome: 'error' },
  申請檔案未備齊: { zh: '申請檔案未備齊', en: 'Application files incomplete', outcome: 'error' },
  已受理: { zh: '已受理', en: 'Accepted', outcome: 'partial' },
  審查中: { zh: '審查中', en: 'Under review', outcome: 'partial' },
  審畢結果: { zh: '審畢結果', en: 'Review finished', outcome: 'complete' },
} as const satisfies Record<string, DispositionLabel>;
export type DispositionCode = keyof typeof DISPOSITIONS;

/** 核定註記 for a whole item (ClaimResponse.item.adjudication.reason). */
export const ADJUDICATION_REASONS = {
  '1': { zh: '同意', en: 'Approved' },
  '2': { zh: '不予同意', en: 'Denied' },
  '3': { zh: '部份同意', en: 'Partly approved' },
  '4': { zh: '補件', en: 'Documents requested' },
  '5': { zh: '退件', en: 'Returned' },
} as const satisfies Record<string, CodeLabel>;
export type AdjudicationReasonCode = keyof typeof ADJUDICATION_REASONS;

/** 核定註記 per order (ClaimResponse.item.detail.adjudication.reason): the item codes plus 0, 6, 7. */
export const DETAIL_ADJUDICATION_REASONS = {
  '0': { zh: '審核中', en: 'Under review' },
  ...ADJUDICATION_REASONS,
  '6': { zh: '不予同意:對應手術亦不支付', en: 'Denied, and the related surgery is not paid either' },
  '7': { zh: '改核:如審查核定意見', en: 'Changed as the review comment says' },
} as const satisfies Record<string, CodeLabel>;
export type DetailAdjudicationReasonCode = keyof typeof DETAIL_ADJUDICATION_REASONS;

/** 續用註記 (Claim.item.modifier). */
export const CONTINUATION_STATUSES = {
  '1': { zh: '初次使用', en: 'First use' },
  '2': { zh: '申請再次使用', en: 'Repeat use' },
} as const satisfies Record<string, CodeLabel>;
export type ContinuationStatusCode = keyof typeof CONTINUATION_STATUSES;

/** 用藥線別 (Claim.item.modifier). */
export const LINES_OF_THERAPY = {
  '0': { zh: '不適用', en: 'Not applicable' },
  '1': { zh: '第一線治療', en: 'First line' },
  '2': { zh: '第二線治療', en: 'Second line' },
  '3': { zh: '第三線治療', en: 'Third line' },
  '4': { zh: '第四線治療', en: 'Fourth line' },
  '5': { zh: '第五線治療', en: 'Fifth line' },
} as const satisfies Record<string, CodeLabel>;
export type LineOfTherapyCode = keyof typeof LINES_OF_THERAPY;

/** 醫令類別 (Claim.item.productOrService). */
export const ORDER_TYPES = {
  '1': { zh: '藥品', en: 'Drug' },
  '2': { zh: '醫療服務', en: 'Medical service' },
  '3': { zh: '特材', en: 'Special material' },
} as const satisfies Record<string, CodeLabel>;
export type OrderTypeCode = keyof typeof ORDER_TYPES;

/** 申請部位 (Claim.item.bodySite). */
export const APPLY_SIDES = {
  R: { zh: '右側', en: 'Right' },
  L: { zh: '左側', en: 'Left' },
  B: { zh: '兩側', en: 'Both sides' },
} as const satisfies Record<string, CodeLabel>;
export type ApplySideCode = keyof typeof APPLY_SIDES;

/** 補充資訊類別 (Claim.supportingInfo.category). */
export const SUPPORTING_INFO_CATEGORIES = {
  weight: { zh: '病人體重', en: 'Body weight' },
  height: { zh: '病人身高', en: 'Body height' },
  bloodgroup: { zh: '病人血型', en: 'Blood group' },
  pregnancyBreastfeedingStatus: { zh: '是否懷孕或哺乳', en: 'Pregnant or breastfeeding' },
  imagingReport: { zh: '影像報告', en: 'Imaging report' },
  cancerStage: { zh: '癌症分期量表', en: 'Cancer stage' },
  examinationReport: { zh: '檢查報告', en: 'Examination report' },
  geneInfo: { zh: '基因資訊', en: 'Genetic testing' },
  tests: { zh: '檢驗(查)', en: 'Laboratory tests' },
  patientAssessment: { zh: '病人狀態評估', en: 'Patient assessment' },
  medicationRequest: { zh: '用藥品項', en: 'Medication history' },
  radiotherapy: { zh: '放射治療', en: 'Radiotherapy' },
  phototherapy: { zh: '照光治療', en: 'Phototherapy' },
  carePlanDocument: { zh: '治療計畫文件', en: 'Care plan document' },
  medicalRecord: { zh: '病歷資料', en: 'Medical record' },
  treatmentAssessment: { zh: '結果資訊', en: 'Treatment response' },
  opd: { zh: '門診病歷', en: 'Outpatient record' },
  diagnosis: { zh: '診斷', en: 'Diagnosis' },
  allergy: { zh: '過敏史', en: 'Allergies' },
  subjective: { zh: '主觀描述', en: 'Subjective' },
  objective: { zh: '客觀描述', en: 'Objective' },
  assessment: { zh: '評估', en: 'Assessment' },
  plan: { zh: '計畫', en: 'Plan' },
} as const satisfies Record<string, CodeLabel>;
export type SupportingInfoCategory = keyof typeof SUPPORTING_INFO_CATEGORIES;

/** 文件類型 (DocumentReference.category). */
export const PDF_TYPES = {
  gene: { zh: '基因報告', en: 'Genetic test report' },
  careplan: { zh: '治療計畫文件', en: 'Care plan' },
  test: { zh: '檢驗(查)附件', en: 'Test report attachment' },
  medrec: { zh: '病歷資料', en: 'Medical record' },
  patientAssessment: { zh: '病人狀態評估報告', en: 'Patient assessment report' },
  phototherapy: { zh: '照光治療紀錄', en: 'Phototherapy record' },
} as const satisfies Record<string, CodeLabel>;
export type PdfTypeCode = keyof typeof PDF_TYPES;

/** 藥物類型 (MedicationRequest-treat.category). */
export const DRUG_CATEGORIES = {
  nhi: { zh: '健保', en: 'NHI-covered' },
  self: { zh: '自費', en: 'Self-paid' },
} as const satisfies Record<string, CodeLabel>;
export type DrugCategoryCode = keyof typeof DRUG_CATEGORIES;

/** 治療後疾病狀態評估項目 (Observation-tx-assessment.code). */
export const TREATMENT_ASSESSMENTS = {
  ICLL: { zh: 'iwCLL (International Workshop on CLL)', en: 'iwCLL' },
  IREC: { zh: 'i-RECIST criteria', en: 'iRECIST' },
  MREC: { zh: 'mRECIST criteria', en: 'mRECIST' },
  REC1: { zh: 'RECIST 1.1 criteria', en: 'RECIST 1.1' },
  IWGC: { zh: 'International Working Group(IWG) Consensus Criteria', en: 'IWG consensus criteria' },
} as const satisfies Record<string, CodeLabel>;
export type TreatmentAssessmentCode = keyof typeof TREATMENT_ASSESSMENTS;
