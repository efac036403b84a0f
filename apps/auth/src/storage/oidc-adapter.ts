import type { OidcPayloadStore, PayloadRecord } from '@openpas/auth-store';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { ClientStore } from './client-store.ts';

// oidc-provider's storage adapter on @openpas/auth-store: one row per (model, id) in oidc_payload. Nothing
// the server needs after a restart lives in memory. Clients are read from oauth_client (their review
// status decides whether they exist for the library at all), and client-assertion replay is recorded by a
// unique insert in provider/assertion-checks.ts, so ReplayDetection has nothing to keep here.

const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'ClientCredentials',
]);

function live(record: PayloadRecord | undefined): AdapterPayload | undefined {
  if (!record || (record.expiresAt && record.expiresAt.getTime() <= Date.now())) return undefined;
  const payload = record.payload as AdapterPayload;
  return record.consumedAt
    ? { ...payload, consumed: Math.floor(record.consumedAt.getTime() / 1000) }
    : payload;
}

export class OidcAdapter implements Adapter {
  readonly #model: string;
  readonly #payloads: OidcPayloadStore;
  readonly #clients: ClientStore;

  constructor(model: string, payloads: OidcPayloadStore, clients: ClientStore) {
    this.#model = model;
    this.#payloads = payloads;
    this.#clients = clients;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    if (this.#model === 'ReplayDetection') return;
    if (this.#model === 'Client') {
      await this.#clients.register(id, payload);
      return;
    }
    await this.#payloads.write({
      model: this.#model,
      id,
      payload,
      // A grant is filed under its own id, so revoking it removes the grant with its tokens.
      grantId: this.#model === 'Grant' ? id : GRANTABLE.has(this.#model) ? (payload.grantId ?? null) : null,
      uid: payload.uid ?? null,
      userCode: payload.userCode ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.#model === 'ReplayDetection') return undefined;
    if (this.#model === 'Client') return this.#clients.find(id);
    return live(await this.#payloads.find(this.#model, id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return live(await this.#payloads.findByUid(this.#model, uid));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return live(await this.#payloads.findByUserCode(this.#model, userCode));
  }

  /**
   * Marks a single-use artifact (code, rotated refresh token) as used. Of two concurrent redemptions
   * exactly one wins; the loser gets invalid_grant and the grant is revoked, as a replayed code must take
   * down every token it produced.
   */
  async consume(id: string): Promise<void> {
    const outcome = await this.#payloads.consume(this.#model, id);
    if (outcome.first) return;
    if (outcome.grantId) await this.#payloads.revokeGrant(outcome.grantId);
    throw new errors.InvalidGrant(
      `${this.#model === 'RefreshToken' ? 'refresh token' : 'grant'} already used`,
    );
  }

  async destroy(id: string): Promise<void> {
    if (this.#model === 'ReplayDetection') return;
    if (this.#model === 'Client') {
      await this.#clients.remove(id);
      return;
    }
    await this.#payloads.destroy(this.#model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.#payloads.revokeGrant(grantId);
  }
}
