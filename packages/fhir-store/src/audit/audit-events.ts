import { dateColumn, intColumn, type SqlRunner } from '@openpas/db';
import type { AuditEvent } from '@openpas/fhir-model';
import { StoreError } from '../repository/errors.ts';
import { dateRange } from '../search/date-range.ts';
import { cursorObject, invalidCursor } from '../search/paging.ts';

// The audit trail (table audit_event, append-only) read as FHIR AuditEvent resources. Who may read it is
// the guard's decision (the payer only); these are the queries.

const ACTION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const SUBTYPE_SYSTEM = 'http://hl7.org/fhir/restful-interaction';

interface AuditRow extends Record<string, unknown> {
  id: unknown;
  recorded: unknown;
  action: string;
  subtype: string;
  outcome: unknown;
  outcome_desc: string | null;
  client_id: string | null;
  user_id: string | null;
  source_address: string | null;
  resource_type: string | null;
  resource_id: string | null;
  query: string | null;
}

const SELECT = `SELECT id::text AS id, recorded, action, subtype, outcome, outcome_desc, client_id, user_id,
  source_address, resource_type, resource_id, query FROM audit_event`;

export function toAuditEvent(row: AuditRow): AuditEvent {
  const recorded = dateColumn(row.recorded).toISOString();
  return {
    resourceType: 'AuditEvent',
    id: String(row.id),
    meta: { versionId: '1', lastUpdated: recorded },
    type: { system: ACTION_SYSTEM, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: SUBTYPE_SYSTEM, code: row.subtype }],
    action: row.action as AuditEvent['action'],
    recorded,
    outcome: String(intColumn(row.outcome)) as AuditEvent['outcome'],
    ...(row.outcome_desc ? { outcomeDesc: row.outcome_desc } : {}),
    agent: [
      {
        requestor: true,
        ...(row.client_id
          ? { who: { identifier: { system: 'urn:openpas:client', value: row.client_id } } }
          : {}),
        ...(row.user_id ? { altId: row.user_id } : {}),
        ...(row.source_address ? { network: { address: row.source_address, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'OpenPAS FHIR API' } },
    ...(row.resource_type
      ? {
          entity: [
            {
              what: { reference: `${row.resource_type}/${row.resource_id ?? ''}` },
              ...(row.query ? { query: Buffer.from(row.query).toString('base64') } : {}),
            },
          ],
        }
      : {}),
  };
}

export async function readAuditEvent(db: SqlRunner, id: string): Promise<AuditEvent | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const [row] = await db.query<AuditRow>(`${SELECT} WHERE id = $1::bigint`, [id]);
  return row ? toAuditEvent(row) : null;
}

/**
 * A page of the trail, newest first. The trail only grows, so pages are keyed on the event id (`next` starts
 * below the last id of this page) and do not shift when events are recorded between two pages; `_count=0`
 * asks for the total alone.
 */
export interface AuditEventPage {
  events: AuditEvent[];
  /** Matches in all, when `_count=0` asked for it */
  total?: number;
  /** The `_cursor` of the next page, when there is one */
  next?: string;
}

/** AuditEvent?date=…&entity=Type/id&subtype=…&outcome=…&_count=…&_cursor=… */
export async function searchAuditEvents(
  db: SqlRunner,
  query: URLSearchParams,
  maxCount: number,
): Promise<AuditEventPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (value: unknown, cast = '') => {
    params.push(value);
    return `$${params.length}${cast}`;
  };
  for (const [name, value] of query) {
    if (name === 'date') {
      const prefix = /^(ge|le|gt|lt|eq)/.exec(value)?.[1];
      const { start, end } = dateRange(prefix ? value.slice(2) : value, 'AuditEvent.date');
      const from = () => add(start.toISOString(), '::timestamptz');
      const to = () => add(end.toISOString(), '::timestamptz');
      if (prefix === 'ge' || prefix === 'gt') where.push(`recorded >= ${from()}`);
      else if (prefix === 'le' || prefix === 'lt') where.push(`recorded <= ${to()}`);
      else where.push(`recorded BETWEEN ${from()} AND ${to()}`);
    } else if (name === 'entity') {
      const [type = '', id = ''] = value.split('/');
      where.push(`resource_type = ${add(type)} AND resource_id = ${add(id)}`);
    } else if (name === 'subtype') {
      where.push(`subtype = ${add(value.replace(/^.*\|/, ''))}`);
    } else if (name === 'outcome') {
      if (!/^\d{1,2}$/.test(value)) throw new StoreError('invalid', `outcome must be 0, 4, 8 or 12`, name);
      where.push(`outcome = ${add(Number(value), '::int')}`);
    } else if (name === '_cursor') {
      where.push(`id < ${add(decodeAuditCursor(value), '::bigint')}`);
    } else if (name !== '_count') {
      throw new StoreError('invalid', `unknown search parameter "${name}" for AuditEvent`, name);
    }
  }
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const count = pageSize(query.get('_count'), maxCount);
  if (count === 0) {
    const [row] = await db.query<{ total: unknown }>(
      `SELECT count(*) AS total FROM audit_event${filter}`,
      params,
    );
    return { events: [], total: row ? intColumn(row.total) : 0 };
  }
  const rows = await db.query<AuditRow>(
    `${SELECT}${filter} ORDER BY audit_event.id DESC LIMIT ${add(count + 1, '::int')}`,
    params,
  );
  const events = rows.slice(0, count).map(toAuditEvent);
  const last = events[events.length - 1];
  return { events, ...(rows.length > count && last ? { next: encodeAuditCursor(last.id ?? '') } : {}) };
}

function pageSize(raw: string | null, maxCount: number): number {
  if (raw === null) return Math.min(20, maxCount);
  if (!/^\d{1,9}$/.test(raw))
    throw new StoreError('invalid', '_count must be a non-negative integer', '_count');
  return Math.min(Number(raw), maxCount);
}

const encodeAuditCursor = (id: string) =>
  Buffer.from(JSON.stringify({ before: id }), 'utf8').toString('base64url');

function decodeAuditCursor(cursor: string): string {
  const decoded = cursorObject(cursor, '_cursor');
  const before = decoded.before;
  if (Object.keys(decoded).length !== 1 || typeof before !== 'string' || !/^[1-9]\d{0,17}$/.test(before))
    throw invalidCursor('_cursor');
  return before;
}
