import { randomBytes } from 'node:crypto';
import { jsonColumn, type SqlRunner } from '@openpas/db';

// launch_context: EHR launch values. An opaque, single-use, short-lived value that stands for (user,
// patient, encounter, client, intent). The EHR hands it to the app; the app sends it back with scope
// `launch`; the authorization server consumes it once, by a conditional update, when the user allows the app.

export const LAUNCH_TTL_SECONDS = 300;

/** Longer values are never ours (ours are 32 characters): refused without a query. */
const MAX_LAUNCH_LENGTH = 200;

export interface FhirContextItem {
  reference: string;
}

export interface NewLaunch {
  clientId: string;
  userId: string;
  patient?: string | undefined;
  encounter?: string | undefined;
  intent?: string | undefined;
  fhirContext?: FhirContextItem[] | undefined;
  needPatientBanner?: boolean | undefined;
}

export interface LaunchDetails {
  id: string;
  clientId: string;
  userId: string;
  patient: string | null;
  encounter: string | null;
  intent: string | null;
  fhirContext: FhirContextItem[];
  needPatientBanner: boolean;
}

interface Row extends Record<string, unknown> {
  id: string;
  client_id: string;
  user_id: string;
  patient: string | null;
  encounter: string | null;
  intent: string | null;
  extra: unknown;
}

const COLUMNS = 'id, client_id, user_id::text AS user_id, patient, encounter, intent, extra';

function details(row: Row): LaunchDetails {
  const extra = (jsonColumn<Record<string, unknown> | null>(row.extra) ?? {}) as {
    fhirContext?: FhirContextItem[];
    needPatientBanner?: boolean;
  };
  return {
    id: row.id,
    clientId: row.client_id,
    userId: row.user_id,
    patient: row.patient,
    encounter: row.encounter,
    intent: row.intent,
    fhirContext: Array.isArray(extra.fhirContext) ? extra.fhirContext : [],
    needPatientBanner: extra.needPatientBanner === true,
  };
}

export class LaunchContextStore {
  readonly #sql: SqlRunner;

  constructor(sql: SqlRunner) {
    this.#sql = sql;
  }

  /** A new launch value, usable for LAUNCH_TTL_SECONDS by its client. */
  async create(launch: NewLaunch, now: Date = new Date()): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    const extra = {
      ...(launch.fhirContext ? { fhirContext: launch.fhirContext.map((item) => ({ ...item })) } : {}),
      needPatientBanner: launch.needPatientBanner ?? false,
    };
    await this.#sql.execute(
      `INSERT INTO launch_context (id, client_id, user_id, patient, encounter, intent, extra, expires_at)
       VALUES ($1, $2, $3::uuid, $4, $5, $6, $7::jsonb, $8::timestamptz)`,
      [
        id,
        launch.clientId,
        launch.userId,
        launch.patient ?? null,
        launch.encounter ?? null,
        launch.intent ?? null,
        JSON.stringify(extra),
        new Date(now.getTime() + LAUNCH_TTL_SECONDS * 1000).toISOString(),
      ],
    );
    return id;
  }

  /** The launch if this client may use it now (known, unexpired, unused); it stays unused. */
  async findUsable(id: string, clientId: string, now: Date = new Date()): Promise<LaunchDetails | undefined> {
    if (id.length > MAX_LAUNCH_LENGTH) return undefined;
    const [row] = await this.#sql.query<Row>(
      `SELECT ${COLUMNS} FROM launch_context
       WHERE id = $1 AND client_id = $2 AND consumed_at IS NULL AND expires_at > $3::timestamptz`,
      [id, clientId, now.toISOString()],
    );
    return row ? details(row) : undefined;
  }

  /** Uses the launch up, in one conditional update: exactly one caller gets its details, every other undefined. */
  async consume(id: string, clientId: string, now: Date = new Date()): Promise<LaunchDetails | undefined> {
    if (id.length > MAX_LAUNCH_LENGTH) return undefined;
    const [row] = await this.#sql.query<Row>(
      `UPDATE launch_context SET consumed_at = $3::timestamptz
       WHERE id = $1 AND client_id = $2 AND consumed_at IS NULL AND expires_at > $3::timestamptz
       RETURNING ${COLUMNS}`,
      [id, clientId, now.toISOString()],
    );
    return row ? details(row) : undefined;
  }
}
