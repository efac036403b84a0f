import type { SqlRunner } from '@openpas/db';

// What must hold of the stored cases after any fault: read straight from the tables, whatever the servers
// said while they were failing.

export interface CaseLedger {
  /** Stored submission Bundles that name an entry that is not stored ("Bundle/id → Type/id") */
  halfWrittenBundles: string[];
  /** Claims with an acceptance number but no ClaimResponse about them */
  claimsWithoutResponse: string[];
  /** Acceptance numbers held by more than one Claim */
  duplicateNumbers: string[];
  /** Per hospital and day: the sequence numbers missing below the highest one used */
  skippedNumbers: string[];
  /** Counters (acceptance:<day>:<hospital>) whose value is not the highest number a stored Claim holds */
  countersAhead: string[];
  /** Every stored acceptance number */
  numbers: string[];
  /** Every stored submission Bundle's id */
  bundles: Set<string>;
}

export async function readCaseLedger(sql: SqlRunner): Promise<CaseLedger> {
  const halfWritten = await sql.query<{ bundle: string; entry: string }>(
    `SELECT b.id AS bundle, (e->'resource'->>'resourceType') || '/' || (e->'resource'->>'id') AS entry
     FROM fhir_resource b CROSS JOIN LATERAL jsonb_array_elements(b.content->'entry') e
     WHERE b.resource_type = 'Bundle'
       AND NOT EXISTS (SELECT 1 FROM fhir_resource r
                       WHERE r.resource_type = e->'resource'->>'resourceType' AND r.id = e->'resource'->>'id')`,
  );
  const claims = await sql.query<{ id: string; number: string | null; answered: boolean }>(
    `SELECT c.id,
            (SELECT i->>'value' FROM jsonb_array_elements(c.content->'identifier') i
             WHERE i->>'use' = 'official' LIMIT 1) AS number,
            EXISTS (SELECT 1 FROM fhir_resource r WHERE r.resource_type = 'ClaimResponse'
                    AND r.content->'request'->>'reference' = 'Claim/' || c.id) AS answered
     FROM fhir_resource c WHERE c.resource_type = 'Claim'`,
  );
  const numbered = claims.filter((claim) => claim.number);
  const numbers = numbered.map((claim) => String(claim.number));
  const seen = new Map<string, number>();
  for (const number of numbers) seen.set(number, (seen.get(number) ?? 0) + 1);
  // An acceptance number: the Taiwan day (8 digits), the hospital's code (10), a sequence (6).
  const highest = new Map<string, Set<number>>();
  for (const number of new Set(numbers)) {
    const key = `${number.slice(0, 8)}:${number.slice(8, 18)}`;
    const sequences = highest.get(key) ?? new Set<number>();
    sequences.add(Number(number.slice(18)));
    highest.set(key, sequences);
  }
  const skippedNumbers: string[] = [];
  for (const [key, sequences] of highest) {
    const top = Math.max(...sequences);
    for (let n = 1; n <= top; n += 1) if (!sequences.has(n)) skippedNumbers.push(`${key}:${n}`);
  }
  const counters = await sql.query<{ name: string; value: unknown }>(
    `SELECT name, value FROM sequence_counter WHERE name LIKE 'acceptance:%'`,
  );
  const countersAhead = counters
    .filter((counter) => {
      const sequences = highest.get(counter.name.slice('acceptance:'.length));
      return Number(counter.value) !== (sequences ? Math.max(...sequences) : 0);
    })
    .map((counter) => `${counter.name}=${Number(counter.value)}`);
  const bundles = await sql.query<{ id: string }>(
    `SELECT id FROM fhir_resource WHERE resource_type = 'Bundle'`,
  );
  return {
    halfWrittenBundles: halfWritten.map((row) => `Bundle/${row.bundle} → ${row.entry}`),
    claimsWithoutResponse: numbered.filter((claim) => !claim.answered).map((claim) => `Claim/${claim.id}`),
    duplicateNumbers: [...seen].filter(([, count]) => count > 1).map(([number]) => number),
    skippedNumbers,
    countersAhead,
    numbers,
    bundles: new Set(bundles.map((row) => row.id)),
  };
}

/** The ledger's faults alone: all empty when nothing was half-written, lost, doubled or skipped. */
export function faultsOf(ledger: CaseLedger) {
  return {
    halfWrittenBundles: ledger.halfWrittenBundles,
    claimsWithoutResponse: ledger.claimsWithoutResponse,
    duplicateNumbers: ledger.duplicateNumbers,
    skippedNumbers: ledger.skippedNumbers,
    countersAhead: ledger.countersAhead,
  };
}

export const NO_FAULTS = {
  halfWrittenBundles: [],
  claimsWithoutResponse: [],
  duplicateNumbers: [],
  skippedNumbers: [],
  countersAhead: [],
};
