/**
 * The payer-assigned Claim identifiers (Claim-twpas slices by `use`, no system):
 *
 * - 受理編號 acceptance number, `use=official`: `{yyyyMMdd}{hospital code}{sequence}` — the Taiwan
 *   date of intake (8 digits), the 10-digit 醫事機構代碼 of Claim.provider, and the caller's sequence
 *   zero-padded to 6 digits (1–999999; the DB layer keeps one counter per hospital and day). 24 digits,
 *   sortable by date. Modelled on the guide's example `20240831` `0101090517` `01`. While the sequence is
 *   still to be drawn (pending-sequence.ts) its place holds a placeholder.
 * - 原始檔名 original file name, `use=usual`: the name the caller gives (the uploaded file's name), else
 *   `FHR{hospital code}_{yyyyMMdd}{sequence, 8 digits}.JSON`, the pattern of the guide's example
 *   `FHR3501200000_2016101000000001.JSON`.
 *
 * An `official` or `usual` identifier sent by the hospital is replaced (the payer fills them); the
 * `secondary` one (the earlier acceptance number of subType 2–5) is kept.
 */
import {
  type Bundle,
  CLAIM_IDENTIFIER_USE,
  type Claim,
  IDENTIFIER_SYSTEMS,
  type Identifier,
} from '@openpas/fhir-model/browser';
import { claimEntry, indexBundle } from './bundle-index.ts';
import { fail } from './errors.ts';
import { type Sequence, sequenceText } from './pending-sequence.ts';
import { taipeiCompactDate } from './time.ts';

const HOSPITAL_CODE = /^\d{10}$/;
const FILE_NAME = /^[^\s/\\:*?"<>|]{1,255}$/;

export const ACCEPTANCE_NUMBER_PATTERN = /^\d{8}\d{10}\d{6}$/;

function checkHospitalCode(code: string): void {
  if (!HOSPITAL_CODE.test(code)) {
    fail(
      'invalid-hospital-code',
      `醫事機構代碼「${code}」應為 10 位數字`,
      `hospital code "${code}" is not 10 digits`,
    );
  }
}

export function acceptanceNumber(hospitalCode: string, at: Date, sequence: Sequence): string {
  checkHospitalCode(hospitalCode);
  return `${taipeiCompactDate(at)}${hospitalCode}${sequenceText(sequence, 6)}`;
}

export function defaultFileName(hospitalCode: string, at: Date, sequence: Sequence): string {
  checkHospitalCode(hospitalCode);
  return `FHR${hospitalCode}_${taipeiCompactDate(at)}${sequenceText(sequence, 8)}.JSON`;
}

/** 醫事機構代碼 of the Claim's provider Organization in the Bundle. */
export function hospitalCodeOf(bundle: Bundle): string {
  const claim = claimEntry(bundle).resource;
  const provider = indexBundle(bundle).resolve(claim.provider?.reference);
  const code =
    provider?.resourceType === 'Organization'
      ? provider.identifier?.find((i) => i.system === IDENTIFIER_SYSTEMS.hospital)?.value
      : undefined;
  if (!code) {
    fail(
      'hospital-code-missing',
      'Claim.provider 找不到醫事機構代碼',
      'Claim.provider does not lead to an Organization with a hospital code',
    );
  }
  checkHospitalCode(code);
  return code;
}

export interface AssignIdentifiersInput {
  readonly hospitalCode: string;
  readonly at: Date;
  readonly sequence: Sequence;
  /** The uploaded file's name, when there was one. */
  readonly originalFileName?: string;
}

/** A copy of the Claim with its acceptance number (official) and original file name (usual). */
export function assignIdentifiers(claim: Claim, input: AssignIdentifiersInput): Claim {
  const fileName = input.originalFileName ?? defaultFileName(input.hospitalCode, input.at, input.sequence);
  if (!FILE_NAME.test(fileName)) {
    fail(
      'invalid-file-name',
      `原始檔名「${fileName}」不正確`,
      `original file name "${fileName}" is not valid`,
    );
  }
  const kept = (claim.identifier ?? []).filter(
    (i) => i.use !== CLAIM_IDENTIFIER_USE.acceptanceNumber && i.use !== CLAIM_IDENTIFIER_USE.originalFileName,
  );
  const identifier: Identifier[] = [
    {
      use: CLAIM_IDENTIFIER_USE.acceptanceNumber,
      value: acceptanceNumber(input.hospitalCode, input.at, input.sequence),
    },
    { use: CLAIM_IDENTIFIER_USE.originalFileName, value: fileName },
    ...structuredClone(kept),
  ];
  return { ...structuredClone(claim), identifier };
}

function identifierValue(claim: Claim, use: Identifier['use']): string | undefined {
  return claim.identifier?.find((i) => i.use === use)?.value;
}

/** 受理編號 (use=official). */
export function acceptanceNumberOf(claim: Claim): string | undefined {
  return identifierValue(claim, CLAIM_IDENTIFIER_USE.acceptanceNumber);
}

/** The earlier acceptance number a subType 2–5 Claim carries (use=secondary). */
export function earlierAcceptanceNumberOf(claim: Claim): string | undefined {
  return identifierValue(claim, CLAIM_IDENTIFIER_USE.previousAcceptanceNumber);
}
