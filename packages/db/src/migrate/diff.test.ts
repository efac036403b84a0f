import { describe, expect, it } from 'vitest';
import { diffSchemaAgainstMigrations } from './diff.ts';

describe('migrations', () => {
  it('match schema.prisma exactly (run `migration:new <name>` after changing the schema)', async () => {
    expect(await diffSchemaAgainstMigrations()).toBe('');
  });
});
