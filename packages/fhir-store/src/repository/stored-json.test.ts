import { describe, expect, it } from 'vitest';
import { fromRow, storedJson } from './resources.ts';

// A row as the driver adapter gives it back: jsonb as PostgreSQL's text of it.
const row = () => ({
  resource_type: 'Claim',
  id: 'c1',
  content: '{"id": "c1", "total": {"value": 1.50}, "resourceType": "Claim"}',
  version_id: 2,
  last_updated: '2026-12-01T00:00:00.000Z',
  owner_organization: null,
  patient_id: 'p1',
  deleted: false,
});

describe('a stored resource read from the database', () => {
  it('is answered as the database wrote it while no one has parsed it', () => {
    const stored = fromRow(row());
    expect(stored.resourceType).toBe('Claim');
    expect(stored.id).toBe('c1');
    // The decimal keeps its stored precision, which a parse and a write back would lose.
    expect(storedJson(stored)).toBe(row().content);
  });

  it('is parsed once on first use, and then answered as the object now is', () => {
    const stored = fromRow(row());
    const resource = stored.resource as unknown as { total: { value: number } };
    expect(stored.resource).toBe(resource);
    resource.total.value = 2;
    expect(JSON.parse(storedJson(stored))).toEqual({ id: 'c1', total: { value: 2 }, resourceType: 'Claim' });
  });
});
