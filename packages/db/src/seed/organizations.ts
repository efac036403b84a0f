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
