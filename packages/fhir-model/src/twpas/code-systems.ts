/** Code systems TWPAS defines, and the outside code systems its profiles bind to. */

export const TWPAS_CODE_SYSTEMS = {
  /** 申報類別 Claim.subType: 1 送核 … 5 申復補件 */
  applyType: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-apply-type',
  /** 申請案件類別 Claim.priority: 1 一般 · 3 自主審查 · 4 緊急報備 */
  tmhbType: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-tmhb-type',
  /** 補充資訊類別 Claim.supportingInfo.category, also the category of the evidence resources */
  supportingInfoType: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-supporting-info-type',
  /** 醫令類別 Claim.item.productOrService: 1 藥品 · 2 醫療服務 · 3 特材 */
  orderType: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-order-type',
  /** 案件受理狀態 ClaimResponse.disposition */
  acceptanceStatus: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-acceptance-status',
  /** 核定註記 ClaimResponse item.adjudication.reason (1–5) and item.detail.adjudication.reason (0–7) */
  approveComment: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-approve-comment',
  /** 給付適應症 Claim.item.programCode */
  applyReason: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-apply-reason',
  /** 申請部位 Claim.item.bodySite: R · L · B */
  applySide: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-apply-side',
  bodySite: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-body-site',
  /** 續用註記 Claim.item.modifier: 1 初次使用 · 2 申請再次使用 */
  continuationStatus: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-continuation-status',
  /** 用藥線別 Claim.item.modifier: 0–5 */
  lineOfTherapy: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-line-of-therapy',
  drugCategory: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-drug-category',
  /** 用藥品項 NHI drug codes */
  medication: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-medication',
  medicationFrequency: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/medication-frequency-nhi-tw',
  patientAssessment: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-pat-ast',
  treatmentAssessment: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-tx-ast',
  pdfType: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-pdf-type',
  phototherapy: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nhi-phototherapy',
  nciThesaurus: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/nci-thesaurus',
  incaOsiris: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/inca-osiris',
  /** 特約醫事機構 the 10-digit hospital codes; also the system of Organization-twpas identifiers */
  organizationIdentifier: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
} as const;

/** TW Core code systems TWPAS binds to. */
export const TW_CORE_CODE_SYSTEMS = {
  icd10cm2023: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/icd-10-cm-2023-tw',
  icd10cm2014: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/icd-10-cm-2014-tw',
  icd10pcs2023: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/icd-10-pcs-2023-tw',
  icd10pcs2014: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/icd-10-pcs-2014-tw',
  /** 就醫科別 Encounter.serviceType */
  medicalConsultationDepartment:
    'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/medical-consultation-department-nhi-tw',
  /** TW Core's copy of v2-0203 (identifier types such as GOI) */
  identifierType: 'https://twcore.mohw.gov.tw/ig/twcore/CodeSystem/v2-0203',
} as const;

/** International code systems the profiles use. */
export const CODE_SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  timingAbbreviation: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  medicationRequestStatusReason: 'http://terminology.hl7.org/CodeSystem/medicationrequest-status-reason',
  operationOutcome: 'http://terminology.hl7.org/CodeSystem/operation-outcome',
  dicom: 'http://dicom.nema.org/resources/ontology/DCM',
  /** ImagingStudy.series.instance.sopClass carries an OID URN */
  uri: 'urn:ietf:rfc:3986',
} as const;
