import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { isObject } from '@openpas/ig-validation/json';
import { type BundleContext, isLocalReference } from '../context.ts';
import { child } from '../paths.ts';
import type { Rule } from '../types.ts';

interface Found {
  reference: string;
  path: string;
}

/** Every Reference.reference under the value, with its FHIRPath (the narrative is skipped). */
function references(value: unknown, path: string, out: Found[]): Found[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      references(item, `${path}[${index}]`, out);
    });
  } else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'text' && isObject(inner) && 'div' in inner) continue;
      if (key === 'reference' && typeof inner === 'string')
        out.push({ reference: inner, path: `${path}.reference` });
      else if (Array.isArray(inner)) references(inner, child(path, key), out);
      else if (isObject(inner)) references(inner, child(path, key), out);
    }
  }
  return out;
}

function unresolved(context: BundleContext): Found[] {
  return context.entries.flatMap((entry) =>
    entry.resource
      ? references(entry.resource, entry.path, []).filter(
          (r) => isLocalReference(r.reference) && context.resolve(r.reference) === undefined,
        )
      : [],
  );
}

/**
 * A urn:uuid exists only inside the Bundle, so an unresolved one is an error. A relative reference
 * (`Type/id`) that matches no entry would, by FHIR's Bundle rules, point at the server: a warning, as the
 * guide's own Bundle-bun-imm has one (Procedure pro-phototherapy → DocumentReference/doc-phototherapy-min).
 */
export const referenceResolvable: Rule = {
  id: 'reference.resolvable',
  description: 'Every urn:uuid reference points at an entry of the Bundle (relative ones: warning)',
  check(context) {
    return unresolved(context).map(({ reference, path }): ValidationIssue => {
      const urn = reference.startsWith('urn:');
      return issue(
        this.id,
        'not-found',
        path,
        urn
          ? `參照 ${reference} 在 Bundle 中找不到對應的 entry`
          : `相對參照 ${reference} 在 Bundle 中找不到對應的 entry（須已存在於伺服器）`,
        urn
          ? `Reference ${reference} points at no entry of the Bundle`
          : `Relative reference ${reference} points at no entry of the Bundle (it must already exist on the server)`,
        urn ? 'error' : 'warning',
      );
    });
  },
};
