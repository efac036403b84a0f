import { hashClientSecret, type OAuthClientStore } from '@openpas/auth-store';
import type { ReviewStatus } from '@openpas/db';
import type { AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';

// Clients live in oauth_client with a review status. Only approved clients exist for oidc-provider; the
// others are refused with a description that says why, at the token endpoint and before any
// authorization page.

const REFUSALS: Record<Exclude<ReviewStatus, 'approved'>, string> = {
  draft: 'client registration has not been submitted for review',
  pending: 'client registration is pending review by an OpenPAS administrator',
  in_review: 'client registration is pending review by an OpenPAS administrator',
  rejected: 'client registration was rejected by an OpenPAS administrator',
  suspended: 'client is suspended by an OpenPAS administrator',
  retired: 'client was retired by an OpenPAS administrator',
};

/** Client secrets are kept as SHA-256 digests, in @openpas/auth-store's one format. */
export { hashClientSecret };

function refusal(status: Exclude<ReviewStatus, 'approved'>, reason: string | null): Error {
  const error = new errors.InvalidClientAuth();
  error.error_description = reason ? `${REFUSALS[status]}: ${reason}` : REFUSALS[status];
  return error;
}

/** oauth_client as oidc-provider's Client model sees it. */
export class ClientStore {
  readonly #records: OAuthClientStore;

  constructor(records: OAuthClientStore) {
    this.#records = records;
  }

  /** The client's metadata for oidc-provider, or a refusal when it is not approved. */
  async find(clientId: string): Promise<AdapterPayload | undefined> {
    const row = await this.#records.find(clientId);
    if (!row) return undefined;
    if (row.reviewStatus !== 'approved') throw refusal(row.reviewStatus, row.statusReason);
    // initiate_login_uri is read by the EHR launcher, never by oidc-provider, which would refuse the
    // sandbox's http://localhost launch URL (it wants https).
    const { initiate_login_uri: _launchUri, ...metadata } = row.metadata;
    return {
      ...metadata,
      client_id: row.clientId,
      // The widest scope set the client may be granted; requests are narrowed to it.
      scope: row.allowedScopes,
      ...(row.secretHash ? { client_secret: row.secretHash } : {}),
    } as AdapterPayload;
  }

  /**
   * RFC 7591 registration: the new client waits for an administrator. The secret oidc-provider generated
   * for a symmetric client is kept only as a digest; the registration response still shows it once.
   */
  async register(clientId: string, payload: AdapterPayload): Promise<void> {
    const {
      client_id: _id,
      client_secret: secret,
      scope,
      openpas_scope: full,
      ...metadata
    } = payload as Record<string, unknown>;
    await this.#records.register(clientId, {
      metadata,
      allowedScopes: typeof full === 'string' ? full : typeof scope === 'string' ? scope : '',
      secretHash:
        typeof secret === 'string'
          ? secret.startsWith('sha256$')
            ? secret
            : hashClientSecret(secret)
          : null,
    });
  }

  async remove(clientId: string): Promise<void> {
    await this.#records.remove(clientId);
  }
}
