import type { ValidationIssue } from '@openpas/ig-validation';
import type { BundleContext } from './context.ts';

export interface ValidationOptions {
  /**
   * The caller's language. Every issue carries both languages in `message`; pick one with
   * `toOperationOutcome(issues, language)`. Accepted here so callers can pass the request's language through.
   */
  language?: 'zh-TW' | 'en';
}

/** A built-in rule: a stable id, a one-line description, and a check over the parsed Bundle. */
export interface Rule {
  id: string;
  description: string;
  check(context: BundleContext): ValidationIssue[];
}
