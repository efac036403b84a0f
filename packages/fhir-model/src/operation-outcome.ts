/**
 * OperationOutcome builders for the FHIR API's errors (platform contract, "Errors"): severity, code,
 * diagnostics and the FHIRPath of the bad element in `expression`. Messages may come in Traditional
 * Chinese and English: `diagnostics` carries the request's language, `details.text` the other one.
 * An outcome with exactly one issue that has details also conforms to Operationoutcome-twpas and says so.
 */
import { TWPAS_PROFILES } from './twpas/canonical.ts';
import { CODE_SYSTEMS } from './twpas/code-systems.ts';
import type { CodeableConcept, OperationOutcome, OperationOutcomeIssue } from './types.ts';

export type IssueSeverity = OperationOutcomeIssue['severity'];
export type IssueType = OperationOutcomeIssue['code'];
export type OutcomeLanguage = 'zh-TW' | 'en';

/** A message in both languages. */
export interface LocalizedText {
  'zh-TW': string;
  en: string;
}

export interface OutcomeIssueInput {
  severity: IssueSeverity;
  code: IssueType;
  /** One message, or one per language. */
  diagnostics: string | LocalizedText;
  /** FHIRPath of the offending element(s), e.g. `Claim.patient`. */
  expression?: string[];
  /** Coded details (e.g. MSG_NO_EXIST); with localized diagnostics its text is the other language. */
  details?: CodeableConcept;
  /** Which language goes into diagnostics; zh-TW unless said. */
  language?: OutcomeLanguage;
}

function otherLanguage(language: OutcomeLanguage): OutcomeLanguage {
  return language === 'zh-TW' ? 'en' : 'zh-TW';
}

export function outcomeIssue(input: OutcomeIssueInput): OperationOutcomeIssue {
  const language = input.language ?? 'zh-TW';
  const localized = typeof input.diagnostics === 'string' ? undefined : input.diagnostics;
  const issue: OperationOutcomeIssue = {
    severity: input.severity,
    code: input.code,
    diagnostics: typeof input.diagnostics === 'string' ? input.diagnostics : input.diagnostics[language],
  };
  const details: CodeableConcept = { ...input.details };
  if (localized && details.text === undefined) details.text = localized[otherLanguage(language)];
  if (details.coding?.length || details.text !== undefined) issue.details = details;
  if (input.expression?.length) issue.expression = [...input.expression];
  return issue;
}

/** An OperationOutcome; with a single issue that has details it claims Operationoutcome-twpas. */
export function operationOutcome(issues: OperationOutcomeIssue[]): OperationOutcome {
  if (issues.length === 0) throw new Error('an OperationOutcome needs at least one issue');
  const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: issues };
  const only = issues[0];
  if (issues.length === 1 && only?.details) outcome.meta = { profile: [TWPAS_PROFILES.operationOutcome] };
  return outcome;
}

/** The message codes of http://terminology.hl7.org/CodeSystem/operation-outcome that the helpers use. */
export const OUTCOME_MESSAGE_CODES = {
  notFound: 'MSG_NO_EXIST',
  invalidParameter: 'MSG_PARAM_INVALID',
  authRequired: 'MSG_AUTH_REQUIRED',
  forbidden: 'MSG_RESOURCE_NOT_ALLOWED',
  versionConflict: 'MSG_VERSION_AWARE_CONFLICT',
  badFormat: 'MSG_BAD_FORMAT',
} as const;

function messageCode(code: string): CodeableConcept {
  return { coding: [{ system: CODE_SYSTEMS.operationOutcome, code }] };
}

interface HelperOptions {
  language?: OutcomeLanguage;
}

function single(
  code: IssueType,
  diagnostics: string | LocalizedText,
  messageCodeValue: string | undefined,
  options: HelperOptions & { expression?: string[] } = {},
): OperationOutcome {
  return operationOutcome([
    outcomeIssue({
      severity: 'error',
      code,
      diagnostics,
      ...(messageCodeValue ? { details: messageCode(messageCodeValue) } : {}),
      ...(options.expression ? { expression: options.expression } : {}),
      ...(options.language ? { language: options.language } : {}),
    }),
  ]);
}

/** 404: the resource does not exist, or is not the caller's to see. */
export function notFound(resourceType: string, id: string, options: HelperOptions = {}): OperationOutcome {
  return single(
    'not-found',
    { 'zh-TW': `找不到 ${resourceType}/${id}`, en: `${resourceType}/${id} was not found` },
    OUTCOME_MESSAGE_CODES.notFound,
    options,
  );
}

/** 400 / 422: the request or resource is invalid at the given element(s). */
export function invalid(
  diagnostics: string | LocalizedText,
  expression?: string[],
  options: HelperOptions = {},
): OperationOutcome {
  return single('invalid', diagnostics, OUTCOME_MESSAGE_CODES.invalidParameter, {
    ...options,
    ...(expression ? { expression } : {}),
  });
}

/** 401: no token, or one that is not valid. */
export function unauthorized(options: HelperOptions = {}): OperationOutcome {
  return single(
    'login',
    { 'zh-TW': '需要有效的存取權杖', en: 'A valid access token is required' },
    OUTCOME_MESSAGE_CODES.authRequired,
    options,
  );
}

/** 403: the token's scopes do not allow this. */
export function forbidden(
  diagnostics?: string | LocalizedText,
  options: HelperOptions = {},
): OperationOutcome {
  return single(
    'forbidden',
    diagnostics ?? {
      'zh-TW': '存取權杖的授權範圍不允許此操作',
      en: 'The access token does not allow this operation',
    },
    OUTCOME_MESSAGE_CODES.forbidden,
    options,
  );
}

/** 409 / 412: the resource changed since the version the request was based on. */
export function conflict(diagnostics: string | LocalizedText, options: HelperOptions = {}): OperationOutcome {
  return single('conflict', diagnostics, OUTCOME_MESSAGE_CODES.versionConflict, options);
}

/** 413: the request body is larger than the server accepts. */
export function tooLarge(limitBytes: number, options: HelperOptions = {}): OperationOutcome {
  return single(
    'too-long',
    { 'zh-TW': `請求內容超過 ${limitBytes} 位元組`, en: `The request body exceeds ${limitBytes} bytes` },
    undefined,
    options,
  );
}

/** 415: the body is not in a media type the server reads. */
export function unsupportedMediaType(mediaType: string, options: HelperOptions = {}): OperationOutcome {
  return single(
    'not-supported',
    { 'zh-TW': `不支援的媒體類型：${mediaType}`, en: `Unsupported media type: ${mediaType}` },
    OUTCOME_MESSAGE_CODES.badFormat,
    options,
  );
}
