import { describe, expect, it } from 'vitest';
import { versionChanges } from './version-diff.ts';

describe('versionChanges', () => {
  it('lists only the fields that changed, in the registration order, with both values', () => {
    expect(
      versionChanges(
        { name: 'A', summaryEn: 'one', scopes: 'openid', categories: ['analytics'] },
        { name: 'A', summaryEn: 'two', scopes: 'openid', categories: ['analytics', 'administration'] },
      ),
    ).toEqual([
      { field: 'summaryEn', before: 'one', after: 'two' },
      { field: 'categories', before: ['analytics'], after: ['analytics', 'administration'] },
    ]);
  });

  it('treats empty values alike and compares objects whatever their key order', () => {
    expect(
      versionChanges(
        { summaryZh: '', redirectUris: [], securityAnswers: { encryption: 'TLS', dataStorage: 'TW' } },
        { securityAnswers: { dataStorage: 'TW', encryption: 'TLS' } },
      ),
    ).toEqual([]);
  });

  it('compares a first submission with nothing: every field given is a change from null', () => {
    expect(versionChanges(null, { name: 'New', summaryEn: 'x' })).toEqual([
      { field: 'name', before: null, after: 'New' },
      { field: 'summaryEn', before: null, after: 'x' },
    ]);
  });
});
