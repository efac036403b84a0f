/**
 * The token of an `Authorization: Bearer …` header (RFC 6750 §2.1: one b64token after one or more
 * spaces), or undefined. The one Bearer parser of both servers.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer +([\w\-.~+/]+=*)$/i.exec(authorization ?? '')?.[1];
}
