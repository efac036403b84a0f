// The sandbox's accounts, organisations and clients as the seed writes them (@openpas/db/seed): the
// documentation lists them from the seed's own tables, never from a second list.
import {
  SANDBOX_PASSWORD,
  type SeedConfig,
  sandboxClients,
  sandboxOrganizations,
  sandboxUsers,
} from '@openpas/db/seed';
import { SANDBOX_CASE_KEYS } from '@openpas/fhir-model/browser';

export interface SandboxAccount {
  username: string;
  displayName: string;
  roles: string[];
  /** The organisation's NHI code, when the account belongs to one */
  organization: string | null;
}

export interface SandboxOrganisation {
  nhiCode: string;
  name: string;
  nameEn: string;
  kind: string;
}

export interface SandboxClientLine {
  clientId: string;
  name: string;
  organization: string | null;
  authMethod: string;
  grantTypes: string[];
  scopes: string[];
  redirectUris: string[];
  /** Backend clients: where their private key is committed, its kid and algorithm */
  key?: { file: string; kid: string; alg: string };
}

export interface SandboxDirectory {
  password: string;
  accounts: SandboxAccount[];
  organisations: SandboxOrganisation[];
  clients: SandboxClientLine[];
  cases: readonly string[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

export function sandboxDirectory(config: SeedConfig): SandboxDirectory {
  const nhiCode = (key: string | null) =>
    sandboxOrganizations.find((organization) => organization.key === key)?.nhiCode ?? null;
  return {
    password: SANDBOX_PASSWORD,
    accounts: sandboxUsers.map((user) => ({
      username: user.username,
      displayName: user.displayName,
      roles: [...user.roles],
      organization: nhiCode(user.organization),
    })),
    organisations: sandboxOrganizations.map(({ nhiCode, name, nameEn, kind }) => ({
      nhiCode,
      name,
      nameEn,
      kind,
    })),
    clients: sandboxClients(config).map((client) => {
      const metadata = client.metadata as Record<string, unknown>;
      const jwk = firstKey(metadata.jwks);
      return {
        clientId: client.clientId,
        name: typeof metadata.client_name === 'string' ? metadata.client_name : client.clientId,
        organization: nhiCode(client.organization),
        authMethod: String(metadata.token_endpoint_auth_method ?? ''),
        grantTypes: strings(metadata.grant_types),
        scopes: client.allowedScopes.split(' ').filter(Boolean),
        redirectUris: strings(metadata.redirect_uris),
        ...(client.keyFile && jwk
          ? {
              key: {
                file: `sandbox/${client.keyFile}`,
                kid: jwk.kid ?? '',
                alg: String(metadata.token_endpoint_auth_signing_alg ?? jwk.alg ?? ''),
              },
            }
          : {}),
      };
    }),
    cases: SANDBOX_CASE_KEYS,
  };
}

function firstKey(jwks: unknown): { kid?: string; alg?: string } | undefined {
  const keys = (jwks as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys) ? (keys[0] as { kid?: string; alg?: string } | undefined) : undefined;
}
