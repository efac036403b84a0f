/**
 * How pre-check reasons appear on the ClaimResponse: one `error` per reason, coded in OpenPAS's
 * precheck-reason code system (machine-readable), and two `processNote`s per reason, zh-TW then English
 * (language coded in BCP 47), for people.
 */
import type {
  ClaimResponse,
  ClaimResponseError,
  ClaimResponseProcessNote,
} from '@openpas/fhir-model/browser';
import type { PrecheckReason } from './precheck.ts';

export const PRECHECK_REASON_SYSTEM = 'https://openpas.dev/fhir/CodeSystem/precheck-reason';
const BCP47 = 'urn:ietf:bcp:47';

function note(number: number, text: string, language: 'zh-TW' | 'en'): ClaimResponseProcessNote {
  return { number, type: 'display', text, language: { coding: [{ system: BCP47, code: language }] } };
}

export function withPrecheckReasons(
  response: ClaimResponse,
  reasons: readonly PrecheckReason[],
): ClaimResponse {
  if (reasons.length === 0) return response;
  const error: ClaimResponseError[] = reasons.map((r) => ({
    code: { coding: [{ system: PRECHECK_REASON_SYSTEM, code: r.code, display: r.zh }], text: r.en },
  }));
  const processNote = reasons.flatMap((r, i) => [
    note(2 * i + 1, r.zh, 'zh-TW'),
    note(2 * i + 2, r.en, 'en'),
  ]);
  return { ...response, processNote, error };
}

/** Drops the pre-check reasons and the last decision (a reopened case starts afresh). */
export function withoutOutcomeDetails(response: ClaimResponse): ClaimResponse {
  const { processNote: _notes, error: _errors, item: _items, ...rest } = response;
  return rest;
}
