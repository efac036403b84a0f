// Scopes in plain words for the documentation: the very sentences the consent page shows
// (@openpas/scopes' scopeToPlainWords), for every word of the scope grammar the package defines.
import {
  PERMISSION_LETTERS,
  type PermissionLetter,
  parseScope,
  SCOPE_CONTEXTS,
  type ScopeContext,
  SPECIAL_SCOPE_KINDS,
  scopeToPlainWords,
} from '@openpas/scopes';
import type { Locale } from '../../i18n/locale.ts';

export interface ScopeLine {
  scope: string;
  words: string;
}

export interface ScopeWords {
  /** openid, fhirUser, launch, offline_access, … */
  special: ScopeLine[];
  /** patient/, user/, system/ with an example each */
  contexts: (ScopeLine & { context: ScopeContext })[];
  /** c, r, u, d, s with an example each */
  permissions: (ScopeLine & { letter: PermissionLetter })[];
  /** a granular scope and a v1 scope, to show how they read */
  examples: ScopeLine[];
}

const line = (scope: string, locale: Locale): ScopeLine => ({
  scope,
  words: scopeToPlainWords(parseScope(scope), locale),
});

export function scopeWords(locale: Locale): ScopeWords {
  return {
    special: SPECIAL_SCOPE_KINDS.map((kind) => line(kind, locale)),
    contexts: SCOPE_CONTEXTS.map((context) => ({
      context,
      ...line(`${context}/Observation.rs`, locale),
    })),
    permissions: PERMISSION_LETTERS.map((letter) => ({ letter, ...line(`user/Claim.${letter}`, locale) })),
    examples: [
      'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
      'patient/*.read',
      'system/Bundle.crs',
      'system/ClaimResponse.rs',
    ].map((scope) => line(scope, locale)),
  };
}

/** Each scope a server announces, in plain words; one the grammar cannot read is shown as it is. */
export function describeScopes(
  scopes: readonly string[],
  locale: Locale,
): (ScopeLine & { known: boolean })[] {
  return scopes.map((scope) => {
    try {
      return { ...line(scope, locale), known: true };
    } catch {
      return { scope, words: scope, known: false };
    }
  });
}
