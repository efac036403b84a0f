/** Identifier systems in TWPAS resources. */
export const IDENTIFIER_SYSTEMS = {
  /** 國民身分證統一編號 (Patient, Practitioner) */
  nationalId: 'http://www.moi.gov.tw',
  /** 居留證號 (Patient, Practitioner) */
  residentPermit: 'http://www.immigration.gov.tw',
  /** Passport numbers: TW Core's system; TWPAS forbids passports on Patient and Practitioner. */
  passport: 'http://hl7.org/fhir/sid/passport-TWN',
  /** 醫事人員證書字號 (Practitioner) */
  practitionerLicense: 'https://dep.mohw.gov.tw/DOMA',
  /** 醫事機構代碼 (Organization-twpas), 10 digits */
  hospital: 'https://nhicore.nhi.gov.tw/pas/CodeSystem/organization-identifier-tw',
  /** 機關代號 of government organisations, e.g. the NHIA A21030000I */
  governmentOrganization: 'https://oid.nat.gov.tw/',
  /** 基因檢測機構 (Organization-genetic-testing-twpas) */
  geneticTestingLaboratory: 'https://dep.mohw.gov.tw',
  /** DICOM Study Instance UID (ImagingStudy) */
  dicomUid: 'urn:dicom:uid',
} as const;

/**
 * The guide defines no identifier system for the payer-assigned Claim identifiers; it tells them apart
 * by Identifier.use (slices of Claim-twpas).
 */
export const CLAIM_IDENTIFIER_USE = {
  /** 受理編號, assigned by the NHIA on acceptance */
  acceptanceNumber: 'official',
  /** 原始檔名, the uploaded file's name */
  originalFileName: 'usual',
  /** the earlier acceptance number that amendments and appeals (subType 2–5) refer to */
  previousAcceptanceNumber: 'secondary',
} as const;

/** The payer: 衛生福利部中央健康保險署. */
export const NHIA = {
  identifier: 'A21030000I',
  name: '衛生福利部中央健康保險署',
  nameEn: 'National Health Insurance Administration, Ministry of Health and Welfare',
} as const;
