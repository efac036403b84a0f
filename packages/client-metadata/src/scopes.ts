import { isSubset, parseScope, type Scope, ScopeError, SPECIAL_SCOPE_KINDS } from '@openpas/scopes';
import type { MetadataPolicy, MetadataProblem } from './policy.ts';

/**
 * The widest set any client may register: the OpenID and launch scopes, patient/ and user/ reads and
 * searches with TWPAS submissions for user-facing apps, and the TWPAS system/ scopes for backend services.
 * Anything else (deletes, writes beyond submissions, permissions such as `introspect`) is granted by an
 * administrator only, never through registration.
 */
export const CLIENT_SCOPE_CEILING = [
  ...SPECIAL_SCOPE_KINDS,
  'patient/*.rs',
  'user/*.rs',
  'patient/Bundle.c',
  'user/Bundle.c',
  'user/Claim.c',
  'system/Bundle.crs',
  'system/ClaimResponse.rs',
  'system/Patient.rs',
].join(' ');

function problem(description: string): MetadataProblem {
  return { error: 'invalid_client_metadata', field: 'scope', description };
}

/** What a scope needs from the client's grant types to ever be granted. */
function neededGrant(scope: Scope): 'client_credentials' | 'authorization_code' {
  return scope.kind === 'resource' && scope.context === 'system'
    ? 'client_credentials'
    : 'authorization_code';
}

/**
 * A registered `scope`: every scope well-formed, within the ceiling, and usable with the client's grant
 * types (system/ scopes with client_credentials; user-facing scopes with authorization_code).
 */
export function checkClientScopes(
  scope: string,
  grantTypes: readonly string[],
  policy: MetadataPolicy,
): MetadataProblem | undefined {
  const ceiling = (policy.scopeCeiling ?? CLIENT_SCOPE_CEILING).split(' ').filter(Boolean).map(parseScope);
  for (const text of scope.split(' ').filter(Boolean)) {
    let parsed: Scope;
    try {
      parsed = parseScope(text);
    } catch (error) {
      if (!(error instanceof ScopeError)) throw error;
      return problem(`scope ${text} is malformed: ${error.message.replace(/["\\]/g, "'")}`);
    }
    if (!isSubset([parsed], ceiling)) {
      return problem(`scope ${text} is beyond what a client may hold; ask an OpenPAS administrator`);
    }
    const grant = neededGrant(parsed);
    if (!grantTypes.includes(grant)) return problem(`scope ${text} needs grant type ${grant}`);
  }
  return undefined;
}
