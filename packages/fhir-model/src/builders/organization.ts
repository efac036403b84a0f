import { TW_CORE_PROFILES, TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TW_CORE_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import { IDENTIFIER_SYSTEMS, NHIA } from '../twpas/identifier-systems.ts';
import type { Organization } from '../types.ts';
import { concept, profileMeta } from './common.ts';

/** Organization-twpas: a contracted hospital by its 10-digit 醫事機構代碼. */
export function buildHospitalOrganization(hospital: { code: string; name: string }): Organization {
  if (!/^[0-9]{10}$/.test(hospital.code))
    throw new Error(`hospital code must be 10 digits: ${hospital.code}`);
  return {
    resourceType: 'Organization',
    meta: profileMeta(TWPAS_PROFILES.organization),
    identifier: [
      {
        use: 'official',
        type: concept(CODE_SYSTEMS.identifierType, 'PRN'),
        system: IDENTIFIER_SYSTEMS.hospital,
        value: hospital.code,
      },
    ],
    type: [concept(CODE_SYSTEMS.organizationType, 'prov')],
    name: hospital.name,
  };
}

/** The payer, as TWPAS expects it: a TW Core government organisation (Organization-govt-twcore). */
export function buildNhiaOrganization(): Organization {
  return {
    resourceType: 'Organization',
    meta: profileMeta(TW_CORE_PROFILES.organizationGovernment),
    identifier: [
      {
        use: 'official',
        type: concept(TW_CORE_CODE_SYSTEMS.identifierType, 'GOI'),
        system: IDENTIFIER_SYSTEMS.governmentOrganization,
        value: NHIA.identifier,
      },
    ],
    type: [concept(CODE_SYSTEMS.organizationType, 'govt')],
    name: NHIA.name,
  };
}

/** Organization-genetic-testing-twpas: the laboratory of a gene test (11–12 letters/digits, or CAP/TAF/TFDA/TSP). */
export function buildGeneticTestingOrganization(laboratory: {
  identifier: string;
  name?: string;
}): Organization {
  if (!/^(?!CAP$|TAF$|TFDA$|TSP$)[A-Za-z0-9]{11,12}$|^(CAP|TAF|TFDA|TSP)$/.test(laboratory.identifier)) {
    throw new Error(`genetic testing laboratory identifier does not fit TWPAS: ${laboratory.identifier}`);
  }
  const organization: Organization = {
    resourceType: 'Organization',
    meta: profileMeta(TWPAS_PROFILES.organizationGeneticTesting),
    identifier: [{ system: IDENTIFIER_SYSTEMS.geneticTestingLaboratory, value: laboratory.identifier }],
  };
  if (laboratory.name) organization.name = laboratory.name;
  return organization;
}
