/** Where the authorization server's endpoints live, derived from its issuer URL (one place for every app). */
export interface AuthEndpoints {
  issuer: string;
  authorization: string;
  token: string;
  introspection: string;
  revocation: string;
  registration: string;
  jwks: string;
  userinfo: string;
  launch: string;
}

export const ENDPOINT_PATHS = {
  authorization: '/auth',
  token: '/token',
  introspection: '/token/introspection',
  revocation: '/token/revocation',
  registration: '/reg',
  jwks: '/jwks',
  userinfo: '/me',
  launch: '/api/launch',
} as const;

export function authEndpoints(issuer: string): AuthEndpoints {
  const base = issuer.replace(/\/+$/, '');
  return {
    issuer: base,
    authorization: `${base}${ENDPOINT_PATHS.authorization}`,
    token: `${base}${ENDPOINT_PATHS.token}`,
    introspection: `${base}${ENDPOINT_PATHS.introspection}`,
    revocation: `${base}${ENDPOINT_PATHS.revocation}`,
    registration: `${base}${ENDPOINT_PATHS.registration}`,
    jwks: `${base}${ENDPOINT_PATHS.jwks}`,
    userinfo: `${base}${ENDPOINT_PATHS.userinfo}`,
    launch: `${base}${ENDPOINT_PATHS.launch}`,
  };
}
