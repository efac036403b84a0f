import { groupCalls, jsonColumn, type Role, type SqlRunner } from '@openpas/db';
import { parseScopes, type Scope } from '@openpas/scopes';

// Who is calling a resource server, from an opaque access token: the token row the authorization server
// wrote, with its client, user and their organisations, in one query. Checked for expiry, audience, an
// approved client and, for user grants, a grant that still exists (revocation deletes it) and a user
// still enabled, so a revoked token stops working at once.

export interface AccessTokenContext {
  clientId: string;
  scopes: readonly Scope[];
  scopeText: string;
  /** The signed-in user (authorization-code tokens) */
  userId?: string;
  userRoles: Role[];
  /** Patient in context (SMART launch) */
  patient?: string;
  fhirUser?: string;
  clientOrganization?: TokenOrganization;
  userOrganization?: TokenOrganization;
}

/** An organisation behind a token: its id, kind (hospital, payer …) and NHI code (醫事機構代碼). */
export interface TokenOrganization {
  id: string;
  kind: string;
  nhiCode: string | null;
}

export type AccessTokenRefusal =
  | 'invalid'
  | 'wrong-audience'
  | 'revoked'
  | 'client-not-approved'
  | 'user-disabled';

/** Why a token does not resolve; the message is safe to show the caller. */
export class AccessTokenError extends Error {
  readonly reason: AccessTokenRefusal;

  constructor(reason: AccessTokenRefusal, message: string) {
    super(message);
    this.name = 'AccessTokenError';
    this.reason = reason;
  }
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

interface Row extends Record<string, unknown> {
  id: string;
  model: string;
  payload: unknown;
  review_status: string | null;
  grant_ok: boolean;
  client_org_id: string | null;
  client_org_kind: string | null;
  client_org_nhi: string | null;
  user_id: string | null;
  user_roles: unknown;
  fhir_user: string | null;
  user_disabled: boolean | null;
  user_org_id: string | null;
  user_org_kind: string | null;
  user_org_nhi: string | null;
}

// The token's row with its client, user and their organizations, from a function that keeps its plan for the
// connection's life (migration 20261207130000_access_token_context_function): planning the join took
// longer than running it.
const LOOKUP = 'SELECT * FROM access_token_context($1::text[])';

/**
 * Resolves opaque access tokens issued for `audience` (the resource server's URL) to their context, or
 * throws an AccessTokenError. Lookups are grouped (groupCalls): the tokens presented while one lookup is
 * on its way are looked up together in the next, each still after its request arrived.
 */
export function createAccessTokenResolver(
  sql: SqlRunner,
  audience: string,
): (token: string) => Promise<AccessTokenContext> {
  const lookup = groupCalls(async (tokens: readonly string[]) => {
    const rows = await sql.query<Row>(LOOKUP, [[...new Set(tokens)]]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return tokens.map((token) => byId.get(token));
  });
  return async (token) => {
    if (token.length > 512) throw new AccessTokenError('invalid', 'the access token is not valid');
    return contextOf(await lookup(token), audience);
  };
}

// The scope texts of the tokens in use, parsed once rather than on every request; bounded, so a flood of
// distinct texts only makes it start over.
const parsedScopes = new Map<string, readonly Scope[]>();

function scopesOf(text: string): readonly Scope[] {
  let scopes = parsedScopes.get(text);
  if (scopes === undefined) {
    if (parsedScopes.size >= 1000) parsedScopes.clear();
    scopes = Object.freeze(parseScopes(text).scopes);
    parsedScopes.set(text, scopes);
  }
  return scopes;
}

function contextOf(row: Row | undefined, audience: string): AccessTokenContext {
  const payload = row ? jsonColumn<TokenPayload>(row.payload) : undefined;
  const now = Math.floor(Date.now() / 1000);
  if (!row || !payload?.clientId || (payload.exp !== undefined && payload.exp <= now)) {
    throw new AccessTokenError('invalid', 'the access token is not valid, expired or revoked');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
  // Only tokens issued for this resource server (resource indicator); an identity-only token has none.
  if (!audiences.includes(audience)) {
    throw new AccessTokenError('wrong-audience', 'the access token was not issued for this server');
  }
  if (!row.grant_ok) throw new AccessTokenError('revoked', 'the access token was revoked');
  if (row.review_status !== 'approved') {
    throw new AccessTokenError('client-not-approved', 'the client is no longer approved');
  }
  if (payload.accountId && (!row.user_id || row.user_disabled)) {
    throw new AccessTokenError('user-disabled', 'the user behind the token is disabled');
  }
  const scopeText = payload.scope ?? '';
  return {
    clientId: payload.clientId,
    scopes: scopesOf(scopeText),
    scopeText,
    userRoles: row.user_roles ? jsonColumn<Role[]>(row.user_roles) : [],
    ...(row.user_id ? { userId: row.user_id } : {}),
    ...(payload.extra?.patient ? { patient: payload.extra.patient } : {}),
    ...(row.fhir_user ? { fhirUser: row.fhir_user } : {}),
    ...(row.client_org_id && row.client_org_kind
      ? {
          clientOrganization: {
            id: row.client_org_id,
            kind: row.client_org_kind,
            nhiCode: row.client_org_nhi,
          },
        }
      : {}),
    ...(row.user_org_id && row.user_org_kind
      ? { userOrganization: { id: row.user_org_id, kind: row.user_org_kind, nhiCode: row.user_org_nhi } }
      : {}),
  };
}
