import { jsonColumn, type Role, type SqlRunner } from '@openpas/db';

// app_user as the authorization server reads it: the enabled accounts that sign in, consent, launch apps
// and are OpenID Connect subjects. A disabled account is never returned, so no caller can forget to check.

/** An enabled OpenPAS user. */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  /** BCP 47 tag of the user's language (zh-TW by default) */
  locale: string;
  roles: Role[];
  organizationId: string | null;
  /** FHIR reference of the person (Practitioner/… or Patient/…), the OpenID Connect fhirUser claim */
  fhirUser: string | null;
}

interface Row extends Record<string, unknown> {
  id: string;
  username: string;
  display_name: string;
  locale: string;
  roles: unknown;
  organization_id: string | null;
  fhir_user: string | null;
}

const SELECT = `SELECT id::text AS id, username, display_name, locale, array_to_json(roles)::text AS roles,
       organization_id::text AS organization_id, fhir_user
FROM app_user`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function account(row: Row | undefined): UserAccount | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    locale: row.locale,
    roles: jsonColumn<Role[] | null>(row.roles) ?? [],
    organizationId: row.organization_id,
    fhirUser: row.fhir_user,
  };
}

export class AccountStore {
  readonly #sql: SqlRunner;

  constructor(sql: SqlRunner) {
    this.#sql = sql;
  }

  /** The enabled account with this id (an OpenID Connect `sub`, a session's account); anything else is unknown. */
  async findEnabled(id: string): Promise<UserAccount | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.#sql.query<Row>(`${SELECT} WHERE id = $1::uuid AND disabled_at IS NULL`, [id]);
    return account(row);
  }

  /** The enabled account with this username, exactly as stored. */
  async findEnabledByUsername(username: string): Promise<UserAccount | undefined> {
    const [row] = await this.#sql.query<Row>(`${SELECT} WHERE username = $1 AND disabled_at IS NULL`, [
      username,
    ]);
    return account(row);
  }
}
