/** What the deployment allows; the same for the auth server's registration and the portal's console. */
export interface MetadataPolicy {
  /** In production, http redirect URIs are refused even to loopback, and so are loopback jwks_uri hosts. */
  readonly production: boolean;
  /** The widest scope set a client may register; {@link CLIENT_SCOPE_CEILING} by default. */
  readonly scopeCeiling?: string;
}

/** Why registration metadata is refused: an RFC 7591 error code and a description for the developer. */
export interface MetadataProblem {
  readonly error: 'invalid_redirect_uri' | 'invalid_client_metadata';
  /** The metadata field at fault */
  readonly field: string;
  /** Starts with the field name; safe for an OAuth error_description (no `"` or `\`). */
  readonly description: string;
}
