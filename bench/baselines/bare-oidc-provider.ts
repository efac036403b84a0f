// The bar for the token and introspection scenarios: oidc-provider 9 with its in-memory store (no
// durability, a small replay window), configured for the same grant. It keeps nothing; we keep everything.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const jwks = JSON.parse(process.env.BENCH_CLIENT_JWKS ?? '{}') as Record<string, { keys: unknown[] }>;
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    ...Object.entries(jwks).map(([clientId, set]) => ({
      client_id: clientId,
      token_endpoint_auth_method: 'private_key_jwt' as const,
      jwks: set as never,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    })),
    {
      client_id: 'bench-introspector',
      client_secret: process.env.BENCH_INTROSPECTOR_SECRET ?? 'secret',
      token_endpoint_auth_method: 'client_secret_basic' as const,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
  ],
  clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
  enabledJWA: { clientAuthSigningAlgValues: ['ES384', 'ES256', 'RS384', 'RS256'] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true, allowedPolicy: async () => true },
  },
});

provider.listen(port, () => process.stdout.write(`listening ${port}\n`));
process.on('SIGTERM', () => process.exit(0));
