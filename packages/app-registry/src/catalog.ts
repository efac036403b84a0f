import { jsonColumn, type SqlRunner } from '@openpas/db';
import { parseScope, ScopeError, scopeToPlainWords } from '@openpas/scopes';
import type { AppDetails } from './app-input.ts';
import { notFound, RegistryError } from './registry-error.ts';
import type { CatalogPageView, ListingSummaryView, ListingView, PlainScopeView } from './views.ts';
import type { Category, LaunchType, Specialty, UserType } from './vocabulary.ts';

// The public catalog: listed apps (approved and not suspended or retired), shown as their live version.
// Text search works the same on PGlite and PostgreSQL and for Chinese as for English: the query is split
// into terms at spaces and punctuation (a run of Chinese characters is one term, found as a substring, as
// Chinese has no spaces between words), every term must occur in the app's name, summaries, descriptions,
// vocabulary or developer, and relevance adds 4 for a term in the name (8 for the whole name), 2 in a
// summary and 1 elsewhere. Ties go by name. The texts are app_version's search columns, which a trigger
// keeps lowercased and NFKC-normalised from the registration, as the terms are.

export interface CatalogQuery {
  q?: string;
  category?: Category | undefined;
  specialty?: Specialty | undefined;
  launchType?: LaunchType | undefined;
  userType?: UserType | undefined;
  page?: number;
  pageSize?: number;
}

/** The search terms of a query: NFKC-normalised, lowercased, split at whitespace and punctuation. */
export function searchTerms(q: string): string[] {
  return [
    ...new Set(
      q
        .normalize('NFKC')
        .toLowerCase()
        .split(/[\s\p{P}\p{S}]+/u)
        .filter((term) => term.length > 0)
        .slice(0, 10),
    ),
  ];
}

const LISTED = `
  FROM app a
  JOIN app_version v ON v.app_id = a.id AND v.version = a.live_version
  JOIN app_user u ON u.id = a.developer_id
  LEFT JOIN organization o ON o.id = a.organization_id
  WHERE a.listed AND a.status = 'approved'`;

// app_version's search columns, kept by a trigger from the registration (lowercased, NFKC), and the
// developer's name.
const TEXTS = `v.search_name AS n, v.search_summary AS s,
  v.search_text || ' ' || lower(coalesce(o.name, u.display_name)) AS d`;

interface ListingRow extends Record<string, unknown> {
  app_id: string;
  slug: string;
  name: string;
  details: unknown;
  developer_name: string;
  total?: unknown;
}

const LISTING_COLUMNS = `a.id::text AS app_id, a.slug, v.name, v.details,
  coalesce(o.name, u.display_name) AS developer_name`;

function summaryOf(row: ListingRow): ListingSummaryView {
  const details = jsonColumn<AppDetails>(row.details);
  return {
    appId: row.app_id,
    slug: row.slug,
    name: row.name,
    summaryEn: details.summaryEn ?? '',
    summaryZh: details.summaryZh ?? '',
    logoPath: details.logoUploadId ? `/uploads/${details.logoUploadId}` : null,
    categories: details.categories ?? [],
    specialties: details.specialties ?? [],
    launchTypes: details.launchTypes ?? [],
    userTypes: details.userTypes ?? [],
    developerName: row.developer_name,
  };
}

/** One page of the catalog, best match first (by name without a query). */
export async function searchCatalog(sql: SqlRunner, query: CatalogQuery): Promise<CatalogPageView> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const terms = searchTerms(query.q ?? '');
  const rows = await sql.query<ListingRow & { score: unknown }>(
    `WITH listed AS (SELECT ${LISTING_COLUMNS}, ${TEXTS} ${LISTED}
       AND ($2::text IS NULL OR v.details->'categories' @> jsonb_build_array($2::text))
       AND ($3::text IS NULL OR v.details->'specialties' @> jsonb_build_array($3::text))
       AND ($4::text IS NULL OR v.details->'launchTypes' @> jsonb_build_array($4::text))
       AND ($5::text IS NULL OR v.details->'userTypes' @> jsonb_build_array($5::text)))
     SELECT app_id, slug, name, details, developer_name, count(*) OVER () AS total,
       (SELECT coalesce(sum(CASE WHEN n = t THEN 8 WHEN strpos(n, t) > 0 THEN 4 WHEN strpos(s, t) > 0 THEN 2 ELSE 1 END), 0)
        FROM unnest($1::text[]) t) AS score
     FROM listed
     WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) t WHERE strpos(d, t) = 0)
     ORDER BY score DESC, lower(name), app_id
     LIMIT $6::int OFFSET $7::int`,
    [
      terms,
      query.category ?? null,
      query.specialty ?? null,
      query.launchType ?? null,
      query.userType ?? null,
      pageSize,
      (page - 1) * pageSize,
    ],
  );
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && page > 1) {
    // Past the last page: the count still says how many there are.
    total = (await searchCatalog(sql, { ...query, page: 1, pageSize: 1 })).total;
  }
  return { items: rows.map(summaryOf), total, page, pageSize };
}

/** Scopes in plain words, both languages; a malformed scope is a field error. */
export function describeScopes(scopes: string): PlainScopeView[] {
  const out: PlainScopeView[] = [];
  for (const text of scopes.split(/\s+/).filter(Boolean)) {
    try {
      const scope = parseScope(text);
      out.push({ scope: text, en: scopeToPlainWords(scope, 'en'), zhTW: scopeToPlainWords(scope, 'zh-TW') });
    } catch (error) {
      if (!(error instanceof ScopeError)) throw error;
      throw new RegistryError('invalid', 'malformed scope', { scopes: [`${text}: ${error.message}`] });
    }
  }
  return out;
}

/** A listed app's page: its live version, with the approved versions' history. */
export async function listingBySlug(sql: SqlRunner, slug: string): Promise<ListingView> {
  const [row] = await sql.query<ListingRow>(`SELECT ${LISTING_COLUMNS} ${LISTED} AND a.slug = $1`, [slug]);
  if (!row) throw notFound('listed app');
  const details = jsonColumn<AppDetails>(row.details);
  const history = await sql.query<{ version: number; reviewed_at: unknown }>(
    `SELECT version, reviewed_at FROM app_version
     WHERE app_id = $1::uuid AND reviewed_at IS NOT NULL AND status::text IN ('approved', 'retired')
       AND submitted_at IS NOT NULL
     ORDER BY version DESC`,
    [row.app_id],
  );
  return {
    ...summaryOf(row),
    descriptionEn: details.descriptionEn ?? '',
    descriptionZh: details.descriptionZh ?? '',
    screenshotPaths: (details.screenshotUploadIds ?? []).map((id) => `/uploads/${id}`),
    scopes: describeScopes(details.scopes ?? ''),
    homepageUrl: details.homepageUrl ?? null,
    privacyPolicyUrl: details.privacyPolicyUrl ?? null,
    termsUrl: details.termsUrl ?? null,
    securityAnswers: Object.fromEntries(
      Object.entries(details.securityAnswers ?? {}).filter((entry): entry is [string, string] => !!entry[1]),
    ),
    fhirVersion: details.fhirVersion ?? '4.0.1',
    versionHistory: history.map((entry) => ({
      version: Number(entry.version),
      approvedAt: entry.reviewed_at ? new Date(String(entry.reviewed_at)).toISOString() : null,
    })),
  };
}
