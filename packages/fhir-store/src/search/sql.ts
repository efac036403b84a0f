import type { VisibilityFilter } from '@openpas/scopes';
import { dateRange } from './date-range.ts';
import { searchStringValue as normalizeText } from './normalise.ts';
import type { SearchClause, SearchParameterDef, SearchRequest, SearchValue } from './types.ts';
import { SearchError } from './types.ts';

// Turns a parsed search into one parameterised SQL query over fhir_resource and the search_* index
// tables. Every value travels as a bind parameter; only table and column names, chosen here from fixed
// lists, are part of the text.

/** Which stored resources the caller may see: the compartment filter of packages/scopes. */
export type Visibility = VisibilityFilter;

/** The conditions a visibility filter puts on the fhir_resource row `alias`. */
function visibilityChecks(alias: string, visibility: Visibility, p: Params): string[] {
  if ('patientId' in visibility) return [`${alias}.patient_id = ${p.add(visibility.patientId)}`];
  if ('ownerOrganization' in visibility)
    return [`${alias}.owner_organization = ${p.add(visibility.ownerOrganization, '::uuid')}`];
  if ('nothing' in visibility) return ['FALSE'];
  return [];
}

export interface SearchSql {
  /**
   * The page of matches (count + 1 rows, to tell whether there is a next page) and, with `_include` or
   * `_revinclude`, the resources they name in the same statement. Every row has `part` ('match' or
   * 'include'), `ord` (a match's position) and `source_id` (the match an included row came from).
   */
  sql: string;
  params: unknown[];
  countSql: string;
  countParams: unknown[];
}

const COLUMNS =
  'r.resource_type, r.id, r.content, r.version_id, r.last_updated, r.owner_organization, r.patient_id, r.deleted';

const INDEX_TABLE: Record<string, string> = {
  token: 'search_token',
  string: 'search_string',
  date: 'search_date',
  reference: 'search_reference',
  number: 'search_number',
  quantity: 'search_number',
  uri: 'search_token',
};

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

function likePattern(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function tokenCondition(alias: string, value: SearchValue, p: Params): string {
  const code = value.code ?? value.value;
  if (value.system === undefined) return `${alias}.code = ${p.add(code)}`;
  if (value.system === null) return `(${alias}.code = ${p.add(code)} AND ${alias}.system IS NULL)`;
  if (!code) return `${alias}.system = ${p.add(value.system)}`;
  return `(${alias}.system = ${p.add(value.system)} AND ${alias}.code = ${p.add(code)})`;
}

function dateCondition(alias: string, value: SearchValue, p: Params, expression: string): string {
  const { start, end } = dateRange(value.value, expression);
  const s = () => p.add(start.toISOString(), '::timestamptz');
  const e = () => p.add(end.toISOString(), '::timestamptz');
  switch (value.prefix ?? 'eq') {
    case 'eq':
      return `(${alias}.start >= ${s()} AND ${alias}."end" <= ${e()})`;
    case 'ne':
      return `NOT (${alias}.start >= ${s()} AND ${alias}."end" <= ${e()})`;
    case 'gt':
      return `${alias}."end" > ${e()}`;
    case 'lt':
      return `${alias}.start < ${s()}`;
    case 'ge':
      return `${alias}."end" >= ${s()}`;
    case 'le':
      return `${alias}.start <= ${e()}`;
    case 'sa':
      return `${alias}.start > ${e()}`;
    case 'eb':
      return `${alias}."end" < ${s()}`;
    case 'ap': {
      const margin = Math.max(86_400_000, Math.abs(Date.now() - start.getTime()) * 0.1);
      return `(${alias}."end" >= ${p.add(new Date(start.getTime() - margin).toISOString(), '::timestamptz')} AND ${alias}.start <= ${p.add(new Date(end.getTime() + margin).toISOString(), '::timestamptz')})`;
    }
  }
}

function numberCondition(alias: string, value: SearchValue, p: Params, expression: string): string {
  const number = Number(value.value.split('|')[0]);
  if (!Number.isFinite(number)) throw new SearchError(`"${value.value}" is not a number`, expression);
  const v = p.add(String(number), '::numeric');
  const op = { eq: '=', ne: '<>', gt: '>', lt: '<', ge: '>=', le: '<=', sa: '>', eb: '<', ap: '=' }[
    value.prefix ?? 'eq'
  ];
  return `${alias}.value ${op} ${v}`;
}

function referenceCondition(
  alias: string,
  def: SearchParameterDef,
  value: SearchValue,
  p: Params,
  modifier: string | undefined,
): string {
  const raw = value.value;
  const parts = raw.split('/').filter(Boolean);
  if (parts.length >= 2) {
    const type = parts[parts.length - 2] ?? '';
    const id = parts[parts.length - 1] ?? '';
    return `(${alias}.target_type = ${p.add(type)} AND ${alias}.target_id = ${p.add(id)})`;
  }
  const type =
    modifier && /^[A-Z]/.test(modifier) ? modifier : def.targets?.length === 1 ? def.targets[0] : undefined;
  if (!type) return `${alias}.target_id = ${p.add(raw)}`;
  return `(${alias}.target_type = ${p.add(type)} AND ${alias}.target_id = ${p.add(raw)})`;
}

function valueCondition(
  alias: string,
  def: SearchParameterDef,
  value: SearchValue,
  p: Params,
  modifier: string | undefined,
): string {
  const expression = `${def.resourceType}.${def.code}`;
  switch (def.type) {
    case 'token':
    case 'uri':
      if (modifier === 'text')
        return `${alias}.text LIKE ${p.add(`${likePattern(normalizeText(value.value))}%`)}`;
      return tokenCondition(alias, value, p);
    case 'string': {
      const normalized = likePattern(normalizeText(value.value));
      if (modifier === 'exact') return `${alias}.value = ${p.add(normalizeText(value.value))}`;
      if (modifier === 'contains') return `${alias}.value LIKE ${p.add(`%${normalized}%`)}`;
      return `${alias}.value LIKE ${p.add(`${normalized}%`)}`;
    }
    case 'date':
      return dateCondition(alias, value, p, expression);
    case 'number':
    case 'quantity':
      return numberCondition(alias, value, p, expression);
    case 'reference':
      return referenceCondition(alias, def, value, p, modifier);
  }
}

let aliasCounter = 0;

/** `EXISTS (…)` over the parameter's index table for the row `owner` (alias of type/id columns). */
function clauseCondition(
  ownerType: string,
  ownerId: string,
  def: SearchParameterDef,
  chain: readonly SearchParameterDef[],
  values: readonly SearchValue[],
  modifier: string | undefined,
  p: Params,
  visibility: Visibility,
): string {
  // `_id` and `_lastUpdated` (also at the end of a chain) are columns of the resource, not index rows.
  if (chain.length === 0 && (def.code === '_lastUpdated' || def.code === '_id')) {
    return pseudoCondition(ownerType, ownerId, def, values, p);
  }
  aliasCounter += 1;
  const alias = `x${aliasCounter}`;
  const table = INDEX_TABLE[def.type];
  const base = `${alias}.resource_type = ${ownerType} AND ${alias}.resource_id = ${ownerId} AND ${alias}.param = ${p.add(def.code)}`;
  const [next, ...rest] = chain;
  if (next) {
    // A chained parameter: follow this reference to its target and test the next link there.
    const inner = clauseCondition(
      `${alias}.target_type`,
      `${alias}.target_id`,
      next,
      rest,
      values,
      undefined,
      p,
      visibility,
    );
    // The next link is defined on one resource type: the hop must land on that type.
    const typed = ` AND ${alias}.target_type = ${p.add(next.resourceType)}`;
    // A chain only passes through resources the caller may see, so it cannot probe other compartments.
    const visible = visibilityCondition(`${alias}.target_type`, `${alias}.target_id`, visibility, p);
    return `EXISTS (SELECT 1 FROM search_reference ${alias} WHERE ${base}${typed}${visible} AND ${inner})`;
  }
  if (modifier === 'of-type' || (def.type === 'reference' && modifier === 'identifier')) {
    throw new SearchError(
      `the :${modifier} modifier is not supported by this server`,
      `${def.resourceType}.${def.code}`,
    );
  }
  if (modifier === 'missing') {
    const missing = values[0]?.value === 'true';
    return `${missing ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${base})`;
  }
  const any = values.map((value) => valueCondition(alias, def, value, p, modifier)).join(' OR ');
  if (modifier === 'not') return `NOT EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${base} AND (${any}))`;
  return `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${base} AND (${any}))`;
}

function visibilityCondition(type: string, id: string, visibility: Visibility, p: Params): string {
  const checks = visibilityChecks('v', visibility, p);
  if (checks.length === 0) return '';
  return ` AND EXISTS (SELECT 1 FROM fhir_resource v WHERE v.resource_type = ${type} AND v.id = ${id} AND NOT v.deleted AND ${checks.join(' AND ')})`;
}

/** `_id` and `_lastUpdated` at the end of a chain: columns of the target resource itself. */
function pseudoCondition(
  ownerType: string,
  ownerId: string,
  def: SearchParameterDef,
  values: readonly SearchValue[],
  p: Params,
): string {
  aliasCounter += 1;
  const alias = `t${aliasCounter}`;
  const any =
    def.code === '_id'
      ? values.map((value) => `${alias}.id = ${p.add(value.value)}`).join(' OR ')
      : values.map((value) => lastUpdatedCondition(`${alias}.last_updated`, value, p)).join(' OR ');
  return `EXISTS (SELECT 1 FROM fhir_resource ${alias} WHERE ${alias}.resource_type = ${ownerType} AND ${alias}.id = ${ownerId} AND (${any}))`;
}

function lastUpdatedCondition(column: string, value: SearchValue, p: Params): string {
  const { start, end } = dateRange(value.value, '_lastUpdated');
  const s = () => p.add(start.toISOString(), '::timestamptz');
  const e = () => p.add(end.toISOString(), '::timestamptz');
  switch (value.prefix ?? 'eq') {
    case 'gt':
    case 'sa':
      return `${column} > ${e()}`;
    case 'lt':
    case 'eb':
      return `${column} < ${s()}`;
    case 'ge':
      return `${column} >= ${s()}`;
    case 'le':
      return `${column} <= ${e()}`;
    case 'ne':
      return `NOT (${column} BETWEEN ${s()} AND ${e()})`;
    default:
      return `${column} BETWEEN ${s()} AND ${e()}`;
  }
}

function sortExpression(request: SearchRequest, p: Params): string {
  if (request.sort.length === 0) return 'r.last_updated DESC, r.id DESC';
  return [...sortKeys(request.sort, p), 'r.id ASC'].join(', ');
}

/** Each sort key as an ORDER BY term over the row `r`. */
function sortKeys(sort: SearchRequest['sort'], p: Params): string[] {
  return sort.map((key) => {
    const direction = key.descending ? 'DESC' : 'ASC';
    if (key.param === '_id') return `r.id ${direction}`;
    if (key.param === '_lastUpdated') return `r.last_updated ${direction}`;
    const def = key.param;
    const table = INDEX_TABLE[def.type];
    const column =
      def.type === 'date'
        ? 'start'
        : def.type === 'token'
          ? 'code'
          : def.type === 'reference'
            ? 'target_id'
            : 'value';
    const aggregate = key.descending ? 'max' : 'min';
    return `(SELECT ${aggregate}(s.${column === 'start' ? 'start' : column}) FROM ${table} s WHERE s.resource_type = r.resource_type AND s.resource_id = r.id AND s.param = ${p.add(def.code)}) ${direction} NULLS LAST`;
  });
}

function limits(request: SearchRequest, offset: number, p: Params): string {
  return `LIMIT ${p.add(request.count + 1, '::int')} OFFSET ${p.add(offset, '::int')}`;
}

/** Any search: every match's sort keys worked out, then sorted. */
function generalPage(request: SearchRequest, filter: string, offset: number, p: Params): string {
  const order = sortExpression(request, p);
  return `SELECT ${COLUMNS}, row_number() OVER (ORDER BY ${order}) AS ord
FROM fhir_resource r WHERE ${filter} ORDER BY ${order} ${limits(request, offset, p)}`;
}

/**
 * A search sorted first by a date parameter that a clause requires to be present (`review-due=le…`,
 * `review-due:missing=false`): the date index is walked in order and stops at the page's end, instead of
 * every match's key being looked up and sorted. Each resource counts once, at its earliest date (its
 * latest when descending), as the general sort's min/max. Undefined when the search is not of that shape.
 */
function datePage(request: SearchRequest, filter: string, offset: number, p: Params): string | undefined {
  const [first, ...rest] = request.sort;
  if (!first || typeof first.param === 'string' || first.param.type !== 'date') return undefined;
  const code = first.param.code;
  const present = request.clauses.some(
    (clause) =>
      clause.param.code === code &&
      !clause.chain?.length &&
      (clause.modifier === undefined ||
        (clause.modifier === 'missing' && clause.values.every((value) => value.value === 'false'))),
  );
  if (!present) return undefined;
  const direction = first.descending ? 'DESC' : 'ASC';
  const beyond = first.descending ? '>' : '<';
  const order = [`d.start ${direction}`, ...sortKeys(rest, p), 'r.id ASC'].join(', ');
  return `SELECT ${COLUMNS}, row_number() OVER (ORDER BY ${order}) AS ord
FROM search_date d JOIN fhir_resource r ON r.resource_type = d.resource_type AND r.id = d.resource_id
WHERE d.resource_type = ${p.add(request.resourceType)} AND d.param = ${p.add(code)} AND ${filter}
  AND NOT EXISTS (SELECT 1 FROM search_date e WHERE e.resource_type = d.resource_type AND e.resource_id = d.resource_id
    AND e.param = d.param AND (e.start ${beyond} d.start OR (e.start = d.start AND e.id < d.id)))
ORDER BY ${order} ${limits(request, offset, p)}`;
}

/** The page query (LIMIT count+1 to know whether there is a next page) and the count query. */
export function buildSearchSql(request: SearchRequest, visibility: Visibility, offset: number): SearchSql {
  const p = new Params();
  const where: string[] = [`r.resource_type = ${p.add(request.resourceType)}`, 'NOT r.deleted'];
  where.push(...visibilityChecks('r', visibility, p));
  if (request.ids?.length) where.push(`r.id IN (${request.ids.map((id) => p.add(id)).join(', ')})`);
  for (const value of request.lastUpdated ?? []) where.push(lastUpdatedCondition('r.last_updated', value, p));
  for (const clause of request.clauses) where.push(conditionOf(clause, p, visibility));
  const filter = where.join(' AND ');
  const countSql = `SELECT count(*)::int AS total FROM fhir_resource r WHERE ${filter}`;
  const countParams = [...p.values];
  const page = datePage(request, filter, offset, p) ?? generalPage(request, filter, offset, p);
  const parts = [
    `SELECT 'match' AS part, m.ord, NULL::text AS source_id, ${COLUMNS.replaceAll('r.', 'm.')} FROM m`,
  ];
  for (const directive of request.include) {
    if (directive.reverse) {
      parts.push(`SELECT 'include', NULL, x.target_id, ${COLUMNS}
FROM search_reference x JOIN fhir_resource r ON r.resource_type = x.resource_type AND r.id = x.resource_id
WHERE x.resource_type = ${p.add(directive.sourceType)} AND x.param = ${p.add(directive.param.code)}
  AND x.target_type = ${p.add(request.resourceType)} AND x.target_id IN (SELECT id FROM m)`);
    } else if (directive.sourceType === request.resourceType) {
      const target = directive.targetType ? ` AND x.target_type = ${p.add(directive.targetType)}` : '';
      parts.push(`SELECT 'include', NULL, x.resource_id, ${COLUMNS}
FROM search_reference x JOIN fhir_resource r ON r.resource_type = x.target_type AND r.id = x.target_id
WHERE x.resource_type = ${p.add(directive.sourceType)} AND x.param = ${p.add(directive.param.code)}
  AND x.resource_id IN (SELECT id FROM m)${target}`);
    }
  }
  const sql = `WITH m AS (${page})\n${parts.join('\nUNION ALL\n')}`;
  return { sql, countSql, params: p.values, countParams };
}

function conditionOf(clause: SearchClause, p: Params, visibility: Visibility): string {
  return clauseCondition(
    'r.resource_type',
    'r.id',
    clause.param,
    clause.chain ?? [],
    clause.values,
    clause.modifier,
    p,
    visibility,
  );
}
