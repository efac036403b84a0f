import { describe, expect, it } from 'vitest';
import { summarizePlan } from './plan-summary.ts';

// Trimmed from a real plan of fhir-search (results/explain-fhir-search.txt).
const INDEXED = `Append  (cost=24.67..34.68 rows=2 width=405) (actual time=6.129..7.814 rows=20 loops=1)
  Buffers: shared hit=252 read=20
  CTE m
    ->  Limit  (cost=24.65..24.67 rows=1 width=541) (actual time=6.122..6.170 rows=10 loops=1)
          Buffers: shared hit=162 read=20
          ->  Nested Loop  (cost=21.95..24.64 rows=1 width=533) (actual time=4.748..5.867 rows=10 loops=1)
                ->  Index Scan using search_token_resource_type_param_code_system_idx on search_token x6  (cost=0.29..8.31 rows=1 width=17)
                      Buffers: shared hit=3
                ->  Index Scan using fhir_resource_pkey on fhir_resource r_1  (cost=0.42..3.10 rows=1 width=533)
                      Buffers: shared hit=32 read=8
  ->  CTE Scan on m  (cost=0.00..0.02 rows=1 width=229) (actual time=6.128..6.173 rows=10 loops=1)
  ->  Index Only Scan using search_reference_pkey on search_reference x  (cost=0.42..8.44 rows=1 width=23)
Planning:
  Buffers: shared hit=392 read=3
Planning Time: 9.167 ms
Execution Time: 9.507 ms`;

describe('summarizePlan', () => {
  it('counts the scans, the top node’s buffers and the times', () => {
    expect(summarizePlan(INDEXED)).toEqual({
      scans: { 'Index Scan': 2, 'CTE Scan': 1, 'Index Only Scan': 1 },
      seqScans: [],
      buffers: 272,
      executionMs: 9.507,
      planningMs: 9.167,
    });
  });

  it('names the tables read whole', () => {
    const plan = `Seq Scan on fhir_resource r  (cost=0.00..2.00 rows=1 width=8)
  Buffers: shared read=4 dirtied=1
  ->  Parallel Seq Scan on search_token t  (cost=0.00..1.00 rows=1 width=8)
Execution Time: 1.0 ms`;
    const summary = summarizePlan(plan);
    expect(summary.seqScans).toEqual(['fhir_resource', 'search_token']);
    expect(summary.scans).toEqual({ 'Seq Scan': 1, 'Parallel Seq Scan': 1 });
    expect(summary.buffers).toBe(4);
    expect(summary.planningMs).toBeNaN();
  });
});
