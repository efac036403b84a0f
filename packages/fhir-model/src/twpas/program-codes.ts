/**
 * Drugs whose reimbursement indication (Claim.item.programCode, 給付適應症) must be one of a coded set:
 * the Bundle-twpas invariants applyReason-1 … applyReason-17. For every other drug the indication may be
 * given as text.
 */
export const PROGRAM_CODES_BY_DRUG: Readonly<Record<string, readonly string[]>> = {
  KC009612B5: ['C50P1', 'C50P2', 'C50R1', 'C16R1'],
  KC010892B5: ['C50P1', 'C50P2', 'C50R1', 'C16R1'],
  KC011112DE: ['C50P1', 'C50P2', 'C50R1', 'C16R1'],
  KC011162B5: ['C50P1', 'C50P2', 'C50R1', 'C16R1'],
  KC011362B5: ['C50P2', 'C50R1', 'C16R1'],
  JC00154261: ['C50P1', 'C50P2', 'C50R1', 'C16R1'],
  KC01013229: ['P001', 'P011', 'P012', 'P031', 'P041', 'P061', 'P081'],
  KC01013230: [
    'P001',
    'P011',
    'P012',
    'P031',
    'P041',
    'P044',
    'P052',
    'P061',
    'P081',
    'P101',
    'P102',
    'P111',
  ],
  KC01025219: [
    'P001',
    'P031',
    'P081',
    'P011',
    'P012',
    'P013',
    'P014',
    'P041',
    'P042',
    'P082',
    'P131',
    'P141',
  ],
  KC01050238: ['P011', 'P012', 'P013', 'P021', 'P041', 'P042', 'P072'],
  KC01088229: ['P015', 'P021', 'P072', 'P121'],
  KC01085229: ['P043', 'P091'],
  KC00958229: ['P111'],
  KC01258235: ['P011', 'P012', 'P013', 'P021', 'P041', 'P042', 'P072'],
  BC28160100: ['C83N2', 'C88N3', 'C82N3', 'C91N1'],
  KC01242235: ['P072'],
  KC01233224: ['P013'],
};

/** The coded indications a drug allows, or undefined when the guide leaves its indication free (text). */
export function allowedProgramCodes(drugCode: string): readonly string[] | undefined {
  return PROGRAM_CODES_BY_DRUG[drugCode];
}
