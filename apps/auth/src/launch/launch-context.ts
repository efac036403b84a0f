import { randomBytes } from 'node:crypto';
import type { Prisma, PrismaClient } from '@openpas/db';

// EHR launch contexts: an opaque, single-use, short-lived value that stands for (user, patient,
// encounter, client, intent). The EHR hands it to the app; the app sends it back with scope `launch`;
// the auth server consumes it once, by a conditional update, when the user allows the app.

export const LAUNCH_TTL_SECONDS = 300;

export interface FhirContextItem {
  reference: string;
}

export interface NewLaunch {
  clientId: string;
  userId: string;
  patient?: string | undefined;
  encounter?: string | undefined;
  intent?: string | undefined;
  fhirContext?: FhirContextItem[] | undefined;
  needPatientBanner?: boolean | undefined;
}

export interface LaunchDetails {
  id: string;
  clientId: string;
  userId: string;
  patient: string | null;
  encounter: string | null;
  intent: string | null;
  fhirContext: FhirContextItem[];
  needPatientBanner: boolean;
}

export async function createLaunch(prisma: PrismaClient, launch: NewLaunch): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  const extra: Prisma.InputJsonObject = {
    ...(launch.fhirContext ? { fhirContext: launch.fhirContext.map((item) => ({ ...item })) } : {}),
    needPatientBanner: launch.needPatientBanner ?? false,
  };
  await prisma.launchContext.create({
    data: {
      id,
      clientId: launch.clientId,
      userId: launch.userId,
      patient: launch.patient ?? null,
      encounter: launch.encounter ?? null,
      intent: launch.intent ?? null,
      extra,
      expiresAt: new Date(Date.now() + LAUNCH_TTL_SECONDS * 1000),
    },
  });
  return id;
}

function details(row: {
  id: string;
  clientId: string;
  userId: string;
  patient: string | null;
  encounter: string | null;
  intent: string | null;
  extra: Prisma.JsonValue;
}): LaunchDetails {
  const extra = (row.extra ?? {}) as { fhirContext?: FhirContextItem[]; needPatientBanner?: boolean };
  return {
    id: row.id,
    clientId: row.clientId,
    userId: row.userId,
    patient: row.patient,
    encounter: row.encounter,
    intent: row.intent,
    fhirContext: Array.isArray(extra.fhirContext) ? extra.fhirContext : [],
    needPatientBanner: extra.needPatientBanner === true,
  };
}

/** The launch if it is usable by this client now (known, unexpired, unused); it stays unused. */
export async function findUsableLaunch(
  prisma: PrismaClient,
  id: string,
  clientId: string,
): Promise<LaunchDetails | undefined> {
  if (id.length > 200) return undefined;
  const row = await prisma.launchContext.findUnique({ where: { id } });
  if (!row || row.clientId !== clientId || row.consumedAt || row.expiresAt.getTime() <= Date.now()) {
    return undefined;
  }
  return details(row);
}

/** Uses the launch up: exactly one caller gets its details, every other gets undefined. */
export async function consumeLaunch(
  prisma: PrismaClient,
  id: string,
  clientId: string,
): Promise<LaunchDetails | undefined> {
  const now = new Date();
  const { count } = await prisma.launchContext.updateMany({
    where: { id, clientId, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  });
  if (count !== 1) return undefined;
  const row = await prisma.launchContext.findUnique({ where: { id } });
  return row ? details(row) : undefined;
}
