/**
 * Synthetic cancer-drug prior-authorization cases for the sandbox: five at hospital A (臺北市立聯合醫院,
 * 0101090517) and two at hospital B (新北市立聯合醫院, 0131020016). Names, national IDs, medical record
 * numbers, file names and UIDs are made up; drug codes, indications, staging and report codes come from
 * the TWPAS 1.2.3 code data.
 */
import type { PriorAuthCase } from './builders/prior-auth-case.ts';
import { buildRequestBundle } from './builders/request-bundle.ts';
import { breastHer2Case } from './sandbox/cases/breast-her2.ts';
import { crcBevacizumabCase } from './sandbox/cases/crc-bevacizumab.ts';
import { gastricHer2Case } from './sandbox/cases/gastric-her2.ts';
import { hccAtezolizumabCase } from './sandbox/cases/hcc-atezolizumab.ts';
import { myelomaDaratumumabCase } from './sandbox/cases/myeloma-daratumumab.ts';
import { nsclcEgfrCase } from './sandbox/cases/nsclc-egfr.ts';
import { prostateEnzalutamideCase } from './sandbox/cases/prostate-enzalutamide.ts';
import type { Bundle } from './types.ts';

export { SANDBOX_GENE_LABORATORY, SANDBOX_HOSPITALS } from './sandbox/hospitals.ts';

const CASES: readonly PriorAuthCase[] = [
  breastHer2Case,
  nsclcEgfrCase,
  crcBevacizumabCase,
  hccAtezolizumabCase,
  myelomaDaratumumabCase,
  prostateEnzalutamideCase,
  gastricHer2Case,
];

/** The stable keys of the sandbox cases, in order. */
export const SANDBOX_CASE_KEYS = [
  'a-breast-her2-trastuzumab-pertuzumab',
  'a-nsclc-egfr-osimertinib',
  'a-crc-kras-bevacizumab',
  'a-hcc-atezolizumab-bevacizumab',
  'a-myeloma-daratumumab',
  'b-prostate-enzalutamide-renewal',
  'b-gastric-her2-trastuzumab',
] as const;

export type SandboxCaseKey = (typeof SANDBOX_CASE_KEYS)[number];

/** Every sandbox case (fresh copies: callers may change them). */
export function sandboxCases(): PriorAuthCase[] {
  return CASES.map((c) => structuredClone(c));
}

export function sandboxCase(key: SandboxCaseKey): PriorAuthCase {
  const found = CASES.find((c) => c.key === key);
  if (!found) throw new Error(`no sandbox case ${key}`);
  return structuredClone(found);
}

/** The seed that makes a sandbox case's Bundle the same on every machine and every run. */
export function sandboxSeed(key: string): string {
  return `openpas-sandbox/${key}`;
}

/** The request Bundle of a sandbox case, with its stable urn:uuids. */
export function sandboxRequestBundle(key: SandboxCaseKey): Bundle {
  return buildRequestBundle(sandboxCase(key), { seed: sandboxSeed(key) });
}
