-- Every FHIR request looks its access token up (packages/auth-store/src/access-tokens.ts): one statement
-- joining the token's row to its client, the user and both organizations. PostgreSQL planned that join
-- anew on every request (about 0.4 ms, seven times the lookup itself). A PL/pgSQL function keeps its
-- statement's plan for the connection's life, so the lookup is planned once per connection.
CREATE OR REPLACE FUNCTION "access_token_context"(token_ids TEXT[])
RETURNS TABLE (
  "id" TEXT,
  "model" TEXT,
  "payload" JSONB,
  "review_status" TEXT,
  "grant_ok" BOOLEAN,
  "client_org_id" TEXT,
  "client_org_kind" TEXT,
  "client_org_nhi" TEXT,
  "user_id" TEXT,
  "user_roles" TEXT,
  "fhir_user" TEXT,
  "user_disabled" BOOLEAN,
  "user_org_id" TEXT,
  "user_org_kind" TEXT,
  "user_org_nhi" TEXT
) LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
  SELECT p.id, p.model, p.payload, c.review_status::text,
         (p.model <> 'AccessToken' OR p.grant_id IS NULL
           OR EXISTS (SELECT 1 FROM oidc_payload g WHERE g.model = 'Grant' AND g.id = p.grant_id)),
         co.id::text, co.kind::text, co.nhi_code,
         u.id::text, array_to_json(u.roles)::text, u.fhir_user, u.disabled_at IS NOT NULL,
         uo.id::text, uo.kind::text, uo.nhi_code
  FROM oidc_payload p
  LEFT JOIN oauth_client c ON c.client_id = p.payload->>'clientId'
  LEFT JOIN organization co ON co.id = c.organization_id
  LEFT JOIN app_user u ON u.id::text = p.payload->>'accountId'
  LEFT JOIN organization uo ON uo.id = u.organization_id
  WHERE p.id = ANY(token_ids) AND p.model IN ('AccessToken', 'ClientCredentials');
END $$;
