import type { IncomingMessage } from 'node:http';
import {
  acceptedSecretDigest,
  type ClientRecord,
  hashClientSecret,
  type OAuthClientStore,
} from '@openpas/auth-store';
import type { AdapterPayload } from 'oidc-provider';
import Provider, { errors } from 'oidc-provider';

// Clients live in oauth_client with a review status. Only approved clients exist for oidc-provider; the
// others are refused with a description that says why, at the token endpoint and before any
// authorization page.

type ReviewStatus = ClientRecord['reviewStatus'];

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

/** Once a developer brought a registration into the portal, its changes go through the portal's review. */
const MANAGED_BY_PORTAL =
  'this registration is managed in the OpenPAS portal: change it there, where changes are reviewed';

/** RFC 7592's routes: an app manages its own registration whatever its review status. */
const MANAGEMENT_ROUTES: ReadonlySet<string> = new Set(['client', 'client_update', 'client_delete']);

function managingRegistration(): boolean {
  const route = (Provider.ctx as { oidc?: { route?: string } } | undefined)?.oidc?.route;
  return route !== undefined && MANAGEMENT_ROUTES.has(route);
}

/** Whether a client is an app of the portal's registry (then the portal's console manages it). */
export type ClientAppLookup = (clientId: string) => Promise<string | null>;

/** oauth_client as oidc-provider's Client model sees it. */
export class ClientStore {
  readonly #records: OAuthClientStore;
  readonly #appOf: ClientAppLookup;

  readonly #sandbox: boolean;
  /** Each client's launch URL as last read (oidc-provider never sees it; CORS needs its origin). */
  readonly #launchUris = new Map<string, string>();
  /** Sandbox clients as last read (what the sandbox observer records for certification). */
  readonly #sandboxClients = new Set<string>();
  /**
   * The client a request read before oidc-provider loads it (to swap a rotated-out secret's digest): the
   * provider's own load in that request takes this row instead of a second read. Gone with the request.
   */
  readonly #readBy = new WeakMap<IncomingMessage, { clientId: string; record: ClientRecord | undefined }>();

  /** `sandbox`: the sandbox is on (OPENPAS_SANDBOX); off, apps' sandbox clients do not exist. */
  constructor(records: OAuthClientStore, appOf: ClientAppLookup = async () => null, sandbox = true) {
    this.#records = records;
    this.#appOf = appOf;
    this.#sandbox = sandbox;
  }

  /**
   * The client's metadata for oidc-provider, or a refusal when it is not approved — except on the RFC 7592
   * routes, where a pending registration is read, changed or withdrawn by its own registration access token.
   */
  async find(clientId: string): Promise<AdapterPayload | undefined> {
    const req = (Provider.ctx as { req?: IncomingMessage } | undefined)?.req;
    const earlier = req ? this.#readBy.get(req) : undefined;
    const row = earlier?.clientId === clientId ? earlier.record : await this.#records.find(clientId);
    if (!row) return undefined;
    if (row.environment === 'sandbox') this.#sandboxClients.add(row.clientId);
    else this.#sandboxClients.delete(row.clientId);
    if (row.environment === 'sandbox' && !this.#sandbox) {
      const error = new errors.InvalidClientAuth();
      error.error_description = 'sandbox clients work only where the sandbox is on (synthetic data)';
      throw error;
    }
    if (row.reviewStatus !== 'approved' && !managingRegistration()) {
      throw refusal(row.reviewStatus, row.statusReason);
    }
    // initiate_login_uri is read by the EHR launcher, never by oidc-provider, which would refuse the
    // sandbox's http://localhost launch URL (it wants https).
    const { initiate_login_uri: launchUri, ...metadata } = row.metadata;
    if (typeof launchUri === 'string') this.#launchUris.set(row.clientId, launchUri);
    else this.#launchUris.delete(row.clientId);
    return {
      ...metadata,
      client_id: row.clientId,
      // The widest scope set the client may be granted; requests are narrowed to it.
      scope: row.allowedScopes,
      ...(row.secretHash ? { client_secret: row.secretHash } : {}),
    } as AdapterPayload;
  }

  /**
   * The digest to present for a secret's digest in the request `req` (see acceptedSecretDigest); the
   * client's row is kept for oidc-provider's load of it in the same request.
   */
  async acceptedSecretDigest(req: IncomingMessage, clientId: string, digest: string): Promise<string> {
    const record = await this.#records.find(clientId);
    this.#readBy.set(req, { clientId, record });
    return acceptedSecretDigest(record, digest);
  }

  /** Whether a client oidc-provider has just loaded through `find` is an app's sandbox client. */
  isSandboxClient(clientId: string): boolean {
    return this.#sandboxClients.has(clientId);
  }

  /** The launch URL (initiate_login_uri) of a client oidc-provider has just loaded through `find`. */
  launchUriOf(clientId: string): string | undefined {
    return this.#launchUris.get(clientId);
  }

  /**
   * RFC 7591 registration: the new client waits for an administrator. The secret oidc-provider generated
   * for a symmetric client is kept only as a digest; the registration response still shows it once.
   */
  async register(clientId: string, payload: AdapterPayload): Promise<void> {
    await this.#refuseWhenManagedByPortal(clientId);
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
    await this.#refuseWhenManagedByPortal(clientId);
    await this.#records.remove(clientId);
  }

  async #refuseWhenManagedByPortal(clientId: string): Promise<void> {
    if (managingRegistration() && (await this.#appOf(clientId)) !== null) {
      throw new errors.InvalidClientMetadata(MANAGED_BY_PORTAL);
    }
  }
}
