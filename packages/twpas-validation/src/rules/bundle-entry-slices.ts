import { TWPAS_PROFILES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import type { EntryInfo } from '../context.ts';
import {
  ENTRY_SLICES,
  type EntrySlice,
  KNOWN_PROFILES,
  requestBundleProfile,
} from '../tables/entry-slices.ts';
import type { Rule } from '../types.ts';

function profileName(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

function cardinality(slice: EntrySlice): string {
  return `${slice.min}..${slice.max === Number.POSITIVE_INFINITY ? '*' : slice.max}`;
}

export const bundleEntrySlices: Rule = {
  id: 'bundle.entry-slices',
  description:
    'Entries fall in the closed entry slices of the Bundle profile (by meta.profile) within each slice’s cardinality',
  check({ bundleProfiles, entries }) {
    const bundleProfile = requestBundleProfile(bundleProfiles) ?? TWPAS_PROFILES.bundle;
    const slices = ENTRY_SLICES[bundleProfile] ?? [];
    const bundleName = profileName(bundleProfile);
    const issues: ValidationIssue[] = [];
    const members = new Map<EntrySlice, EntryInfo[]>();
    for (const entry of entries) {
      // Entries without a known profile are the meta-profile rule's to report.
      if (!entry.resource || !entry.profiles.some((p) => KNOWN_PROFILES.has(p))) continue;
      const slice = slices.find((s) => entry.profiles.includes(s.profile));
      if (!slice) {
        issues.push(
          issue(
            this.id,
            'structure',
            `Bundle.entry[${entry.index}]`,
            `Bundle.entry[${entry.index}]（${entry.profiles.map(profileName).join(', ')}）不屬於 ${bundleName} 允許的任何 entry`,
            `Bundle.entry[${entry.index}] (${entry.profiles.map(profileName).join(', ')}) is not an entry ${bundleName} allows`,
          ),
        );
        continue;
      }
      if (entry.resourceType !== slice.resourceType) {
        issues.push(
          issue(
            this.id,
            'structure',
            `Bundle.entry[${entry.index}].resource`,
            `Bundle.entry[${entry.index}] 宣告 ${profileName(slice.profile)}，資源類型須為 ${slice.resourceType}（目前為 ${entry.resourceType ?? '空白'}）`,
            `Bundle.entry[${entry.index}] claims ${profileName(slice.profile)} and must be a ${slice.resourceType} (found ${entry.resourceType ?? 'none'})`,
          ),
        );
        continue;
      }
      members.set(slice, [...(members.get(slice) ?? []), entry]);
    }
    for (const slice of slices) {
      const found = members.get(slice) ?? [];
      const name = profileName(slice.profile);
      if (found.length < slice.min) {
        issues.push(
          issue(
            this.id,
            'required',
            'Bundle.entry',
            `${bundleName} 須有 ${cardinality(slice)} 筆 ${name}（entry:${slice.name}），目前 ${found.length} 筆`,
            `${bundleName} needs ${cardinality(slice)} ${name} entries (entry:${slice.name}), found ${found.length}`,
          ),
        );
      }
      for (const extra of found.slice(slice.max)) {
        issues.push(
          issue(
            this.id,
            'structure',
            `Bundle.entry[${extra.index}]`,
            `${bundleName} 至多 ${slice.max} 筆 ${name}（entry:${slice.name}），Bundle.entry[${extra.index}] 超出`,
            `${bundleName} allows at most ${slice.max} ${name} entries (entry:${slice.name}); Bundle.entry[${extra.index}] is one too many`,
          ),
        );
      }
    }
    return issues;
  },
};
