import { TWPAS_PROFILES } from '@openpas/fhir-model';
import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { KNOWN_PROFILES, requestBundleProfile } from '../tables/entry-slices.ts';
import type { Rule } from '../types.ts';

export const bundleMetaProfile: Rule = {
  id: 'bundle.meta-profile',
  description:
    'The Bundle names Bundle-twpas or Bundle-immunologic-agent-twpas, and every resource names a TWPAS profile in meta.profile',
  check({ bundleProfiles, entries }) {
    const issues: ValidationIssue[] = [];
    if (!requestBundleProfile(bundleProfiles)) {
      issues.push(
        issue(
          this.id,
          bundleProfiles.length === 0 ? 'required' : 'invalid',
          'Bundle.meta.profile',
          `Bundle.meta.profile 須為 ${TWPAS_PROFILES.bundle} 或 ${TWPAS_PROFILES.bundleImmunologicAgent}`,
          `Bundle.meta.profile must be ${TWPAS_PROFILES.bundle} or ${TWPAS_PROFILES.bundleImmunologicAgent}`,
        ),
      );
    }
    for (const entry of entries) {
      if (!entry.resource || !entry.resourceType) continue;
      const expression = `${entry.path}.meta.profile`;
      if (entry.profiles.length === 0) {
        issues.push(
          issue(
            this.id,
            'required',
            expression,
            `${expression} 必填，須為 TWPAS profile`,
            `${expression} is required and must name a TWPAS profile`,
          ),
        );
      } else if (!entry.profiles.some((p) => KNOWN_PROFILES.has(p))) {
        issues.push(
          issue(
            this.id,
            'invalid',
            expression,
            `${expression} 不是 TWPAS profile：${entry.profiles.join(', ')}`,
            `${expression} names no TWPAS profile: ${entry.profiles.join(', ')}`,
          ),
        );
      }
    }
    return issues;
  },
};
