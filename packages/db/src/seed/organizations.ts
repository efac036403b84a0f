import type { OrganizationKind, PrismaClient } from '../generated/prisma/client.ts';

export interface SandboxOrganization {
  key: 'hospitalA' | 'hospitalB' | 'payer';
  kind: OrganizationKind;
  nhiCode: string;
  name: string;
  nameEn: string;
}

export const sandboxOrganizations: readonly SandboxOrganization[] = [
  {
    key: 'hospitalA',
    kind: 'hospital',
    nhiCode: '0101090517',
    name: '臺北市立聯合醫院',
    nameEn: 'Taipei City Hospital',
  },
  {
    key: 'hospitalB',
    kind: 'hospital',
    nhiCode: '0131020016',
    name: '新北市立聯合醫院',
    nameEn: 'New Taipei City Hospital',
  },
  {
    key: 'payer',
    kind: 'payer',
    nhiCode: 'A21030000I',
    name: '衛生福利部中央健康保險署',
    nameEn: 'National Health Insurance Administration',
  },
];

export type OrganizationIds = Record<SandboxOrganization['key'], string>;

/** Creates the sandbox organisations once; later runs leave them as they are. */
export async function seedOrganizations(prisma: PrismaClient): Promise<OrganizationIds> {
  const ids: Partial<OrganizationIds> = {};
  for (const org of sandboxOrganizations) {
    const row = await prisma.organization.upsert({
      where: { nhiCode: org.nhiCode },
      create: { kind: org.kind, nhiCode: org.nhiCode, name: org.name, nameEn: org.nameEn },
      update: {},
    });
    ids[org.key] = row.id;
  }
  return ids as OrganizationIds;
}

/** Records, for each organisation by NHI code, the id of the FHIR Organization that describes it. */
export async function linkOrganizationRecords(
  prisma: PrismaClient,
  fhirIdsByNhiCode: ReadonlyMap<string, string>,
): Promise<void> {
  for (const org of await prisma.organization.findMany()) {
    const fhirId = org.nhiCode ? fhirIdsByNhiCode.get(org.nhiCode) : undefined;
    if (fhirId && org.fhirId !== fhirId)
      await prisma.organization.update({ where: { id: org.id }, data: { fhirId } });
  }
}
