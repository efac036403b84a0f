/** The token of an `Authorization: Bearer …` header (RFC 6750), or undefined. The one Bearer parser. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}
