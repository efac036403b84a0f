import type { PrismaClient, Role } from '@openpas/db';
import { parseScopes, type Scope } from '@openpas/scopes';
import { unauthorized } from '../http/errors.ts';

// Who is calling, from an opaque access token: the token row that the auth server wrote (same database),
// checked for expiry and, for user grants, for a grant that still exists (revocation deletes it), so a
// revoked token stops working at once.

export interface AccessContext {
  clientId: string;
  scopes: Scope[];
  scopeText: string;
  /** The signed-in user (authorization-code tokens) */
  userId?: string;
  userRoles: Role[];
  /** Patient in context (SMART launch) */
  patient?: string;
  fhirUser?: string;
  clientOrganization?: { id: string; kind: string };
  userOrganization?: { id: string; kind: string };
}

interface TokenPayload {
  exp?: number;
  clientId?: string;
  accountId?: string;
  grantId?: string;
  scope?: string;
  aud?: string | string[];
  extra?: { patient?: string; fhirUser?: string; [key: string]: unknown };
}

export async function accessContextOf(
  prisma: PrismaClient,
  token: string,
  audience: string,
): Promise<AccessContext> {
  if (token.length > 512) throw unauthorized('the access token is not valid');
  const row = await prisma.oidcPayload.findFirst({
    where: { id: token, model: { in: ['AccessToken', 'ClientCredentials'] } },
  });
  const payload = row?.payload as TokenPayload | undefined;
  const now = Math.floor(Date.now() / 1000);
  if (!row || !payload?.clientId || (payload.exp !== undefined && payload.exp <= now)) {
    throw unauthorized('the access token is not valid, expired or revoked');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
  if (audiences.length > 0 && !audiences.includes(audience))
    throw unauthorized('the access token was issued for another server');
  if (payload.grantId && row.model === 'AccessToken') {
    const grant = await prisma.oidcPayload.findUnique({
      where: { model_id: { model: 'Grant', id: payload.grantId } },
    });
    if (!grant) throw unauthorized('the access token was revoked');
  }
  const client = await prisma.oAuthClient.findUnique({
    where: { clientId: payload.clientId },
    include: { organization: true },
  });
  if (client?.reviewStatus !== 'approved') throw unauthorized('the client is no longer approved');
  const user = payload.accountId
    ? await prisma.user.findUnique({ where: { id: payload.accountId }, include: { organization: true } })
    : null;
  if (payload.accountId && (!user || user.disabledAt))
    throw unauthorized('the user behind the token is disabled');
  const scopeText = payload.scope ?? '';
  return {
    clientId: payload.clientId,
    scopes: parseScopes(scopeText).scopes,
    scopeText,
    userRoles: user?.roles ?? [],
    ...(user ? { userId: user.id } : {}),
    ...(payload.extra?.patient ? { patient: payload.extra.patient } : {}),
    ...(user?.fhirUser ? { fhirUser: user.fhirUser } : {}),
    ...(client.organization
      ? { clientOrganization: { id: client.organization.id, kind: client.organization.kind } }
      : {}),
    ...(user?.organization
      ? { userOrganization: { id: user.organization.id, kind: user.organization.kind } }
      : {}),
  };
}
