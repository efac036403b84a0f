import type { PrismaClient, Role } from '../generated/prisma/client.ts';
import { hashPassword } from '../security/password.ts';
import type { OrganizationIds } from './organizations.ts';

/** Every sandbox account's password (CONTRACT.md). */
export const SANDBOX_PASSWORD = 'sandbox';

export interface SandboxUser {
  username: 'clinician' | 'clinician-b' | 'patient' | 'developer' | 'admin' | 'reviewer' | 'hospital-admin';
  displayName: string;
  roles: Role[];
  organization: keyof OrganizationIds | null;
}

export const sandboxUsers: readonly SandboxUser[] = [
  {
    username: 'clinician',
    displayName: '林怡君 醫師 (Dr Lin Yi-chun)',
    roles: ['clinician'],
    organization: 'hospitalA',
  },
  // Hospital B's physician: tenancy is strict, so they launch for hospital B's patients only.
  {
    username: 'clinician-b',
    displayName: '吳建宏 醫師 (Dr Wu Chien-hung)',
    roles: ['clinician'],
    organization: 'hospitalB',
  },
  { username: 'patient', displayName: '陳小美 (Chen Hsiao-mei)', roles: ['patient'], organization: null },
  { username: 'developer', displayName: 'Sandbox Developer', roles: ['developer'], organization: null },
  { username: 'admin', displayName: 'Platform Admin', roles: ['admin'], organization: 'payer' },
  { username: 'reviewer', displayName: '陳審查 (Reviewer Chen)', roles: ['reviewer'], organization: 'payer' },
  {
    username: 'hospital-admin',
    displayName: '張資訊 (Hospital admin Chang)',
    roles: ['hospital_admin'],
    organization: 'hospitalA',
  },
];

export type UserIds = Record<SandboxUser['username'], string>;

/**
 * Creates the sandbox accounts once. A later run links the clinicians and the patient to their FHIR records
 * (fhirUser) but never resets a password someone changed.
 */
export async function seedUsers(
  prisma: PrismaClient,
  orgs: OrganizationIds,
  fhirUsers: Partial<Record<SandboxUser['username'], string>>,
): Promise<UserIds> {
  const ids: Partial<UserIds> = {};
  for (const user of sandboxUsers) {
    const existing = await prisma.user.findUnique({ where: { username: user.username } });
    const fhirUser = fhirUsers[user.username] ?? null;
    const row = existing
      ? await prisma.user.update({
          where: { id: existing.id },
          data: { fhirUser: fhirUser ?? existing.fhirUser },
        })
      : await prisma.user.create({
          data: {
            username: user.username,
            displayName: user.displayName,
            passwordHash: await hashPassword(SANDBOX_PASSWORD),
            roles: user.roles,
            organizationId: user.organization ? orgs[user.organization] : null,
            fhirUser,
            emailVerifiedAt: new Date(),
          },
        });
    ids[user.username] = row.id;
  }
  return ids as UserIds;
}
