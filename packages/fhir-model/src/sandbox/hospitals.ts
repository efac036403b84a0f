import type { CaseHospital } from '../builders/prior-auth-case.ts';

/**
 * The sandbox hospitals of the platform contract. Hospital A is the hospital of the guide's own examples,
 * and uses their medical-record namespace; hospital B has a namespace of ours under the reserved
 * `.example` domain.
 */
export const SANDBOX_HOSPITALS = {
  a: { code: '0101090517', name: '臺北市立聯合醫院', medicalRecordSystem: 'https://tpech.gov.taipei' },
  b: {
    code: '0131020016',
    name: '新北市立聯合醫院',
    medicalRecordSystem: 'https://openpas.example/hospital/0131020016/medical-record',
  },
} as const satisfies Record<string, CaseHospital>;

/** The gene laboratory the sandbox cases name (a synthetic 12-character 基因檢測機構 code). */
export const SANDBOX_GENE_LABORATORY = { identifier: '2026LDTA0108', name: '沙盒精準醫學檢驗所' } as const;
