import type { AuditEvent as AuditRow, Prisma } from '@openpas/db';
import type { AuditEvent } from '@openpas/fhir';
import { dateRange } from '@openpas/fhir-store';
import { authorize } from '../auth/authorize.ts';
import { badRequest, forbidden, notFound } from '../http/errors.ts';
import { sendFhir } from '../http/respond.ts';
import type { Interaction } from './context.ts';

// The audit trail (table audit_event, append-only) read as FHIR AuditEvent resources, by the payer only.

const ACTION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const SUBTYPE_SYSTEM = 'http://hl7.org/fhir/restful-interaction';

export function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: String(row.id),
    meta: { versionId: '1', lastUpdated: row.recorded.toISOString() },
    type: { system: ACTION_SYSTEM, code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: SUBTYPE_SYSTEM, code: row.subtype }],
    action: row.action as AuditEvent['action'],
    recorded: row.recorded.toISOString(),
    outcome: String(row.outcome) as AuditEvent['outcome'],
    ...(row.outcomeDesc ? { outcomeDesc: row.outcomeDesc } : {}),
    agent: [
      {
        requestor: true,
        ...(row.clientId
          ? { who: { identifier: { system: 'urn:openpas:client', value: row.clientId } } }
          : {}),
        ...(row.userId ? { altId: row.userId } : {}),
        ...(row.sourceAddress ? { network: { address: row.sourceAddress, type: '2' as const } } : {}),
      },
    ],
    source: { observer: { display: 'OpenPAS FHIR API' } },
    ...(row.resourceType
      ? {
          entity: [
            {
              what: { reference: `${row.resourceType}/${row.resourceId ?? ''}` },
              ...(row.query ? { query: Buffer.from(row.query).toString('base64') } : {}),
            },
          ],
        }
      : {}),
  };
}

function payerOnly(interaction: Interaction, kind: 'read' | 'search'): void {
  const { visibility } = authorize(interaction.access, { resourceType: 'AuditEvent', interaction: kind });
  if (visibility.owner !== undefined || visibility.patientId !== undefined) {
    throw forbidden('the audit trail is open to the payer only');
  }
}

export async function readAuditEvent(interaction: Interaction): Promise<void> {
  payerOnly(interaction, 'read');
  const id = interaction.id ?? '';
  if (!/^\d{1,18}$/.test(id)) throw notFound(`AuditEvent/${id}`);
  const row = await interaction.prisma.auditEvent.findUnique({ where: { id: BigInt(id) } });
  if (!row) throw notFound(`AuditEvent/${id}`);
  sendFhir(interaction.res, 200, toAuditEvent(row));
}

/** GET AuditEvent?date=…&entity=Type/id&subtype=…&_count=…, newest first. */
export async function searchAuditEvents(interaction: Interaction): Promise<void> {
  payerOnly(interaction, 'search');
  const { query, env } = interaction;
  const where: Prisma.AuditEventWhereInput = { AND: [] };
  const and = where.AND as Prisma.AuditEventWhereInput[];
  for (const [name, value] of query) {
    if (name === 'date') {
      const prefix = /^(ge|le|gt|lt|eq)/.exec(value)?.[1] ?? 'eq';
      const { start, end } = dateRange(
        value.slice(prefix === 'eq' && !value.startsWith('eq') ? 0 : 2),
        'AuditEvent.date',
      );
      and.push(
        prefix === 'ge' || prefix === 'gt'
          ? { recorded: { gte: start } }
          : prefix === 'le' || prefix === 'lt'
            ? { recorded: { lte: end } }
            : { recorded: { gte: start, lte: end } },
      );
    } else if (name === 'entity') {
      const [type, id] = value.split('/');
      and.push({ resourceType: type ?? '', resourceId: id ?? '' });
    } else if (name === 'subtype') {
      and.push({ subtype: value.replace(/^.*\|/, '') });
    } else if (name === 'outcome') {
      and.push({ outcome: Number(value) });
    } else if (name !== '_count') {
      throw badRequest(`unknown search parameter "${name}" for AuditEvent`, name);
    }
  }
  const count = Math.min(Math.max(Number(query.get('_count') ?? 20) || 20, 1), env.FHIR_MAX_COUNT);
  const rows = await interaction.prisma.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: count });
  await interaction.audit.record({
    action: 'E',
    subtype: 'search',
    outcome: 0,
    access: interaction.access,
    requestId: interaction.requestId,
    resourceType: 'AuditEvent',
    query: query.toString(),
  });
  sendFhir(interaction.res, 200, {
    resourceType: 'Bundle',
    type: 'searchset',
    link: [{ relation: 'self', url: `${env.FHIR_BASE_URL}/AuditEvent?${query.toString()}` }],
    entry: rows.map((row) => ({
      fullUrl: `${env.FHIR_BASE_URL}/AuditEvent/${row.id}`,
      resource: toAuditEvent(row),
      search: { mode: 'match' },
    })),
  });
}
