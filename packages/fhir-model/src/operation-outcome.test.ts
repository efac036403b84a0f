import { issueMessage, validateBase, validateResourceWithGuide } from '@openpas/ig-validation';
import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import {
  conflict,
  forbidden,
  invalid,
  notFound,
  operationOutcome,
  outcomeIssue,
  tooLarge,
  unauthorized,
  unsupportedMediaType,
} from './operation-outcome.ts';
import { twpasDefinitions } from './testing/shared-twpas.ts';
import { TWPAS_PROFILES } from './twpas/canonical.ts';

const TWPAS_META = { profile: ['https://nhicore.nhi.gov.tw/pas/StructureDefinition/Operationoutcome-twpas'] };
const MESSAGES = 'http://terminology.hl7.org/CodeSystem/operation-outcome';

describe('outcomeIssue', () => {
  it('puts the request language in diagnostics and the other language in details.text', () => {
    const diagnostics = { 'zh-TW': '缺少病人', en: 'The patient is missing' };
    expect(
      outcomeIssue({ severity: 'error', code: 'required', diagnostics, expression: ['Claim.patient'] }),
    ).toEqual({
      severity: 'error',
      code: 'required',
      diagnostics: '缺少病人',
      details: { text: 'The patient is missing' },
      expression: ['Claim.patient'],
    });
    expect(outcomeIssue({ severity: 'error', code: 'required', diagnostics, language: 'en' })).toEqual({
      severity: 'error',
      code: 'required',
      diagnostics: 'The patient is missing',
      details: { text: '缺少病人' },
    });
  });

  it('keeps a single-language message as it is, without details', () => {
    expect(outcomeIssue({ severity: 'warning', code: 'informational', diagnostics: 'slow down' })).toEqual({
      severity: 'warning',
      code: 'informational',
      diagnostics: 'slow down',
    });
  });

  it('keeps given details and their text', () => {
    const details = { coding: [{ system: MESSAGES, code: 'MSG_BAD_SYNTAX' }], text: 'bad JSON' };
    expect(
      outcomeIssue({
        severity: 'error',
        code: 'structure',
        diagnostics: { 'zh-TW': '格式錯誤', en: 'Bad' },
        details,
      }),
    ).toEqual({ severity: 'error', code: 'structure', diagnostics: '格式錯誤', details });
  });
});

describe('operationOutcome', () => {
  it('claims the TWPAS profile for exactly one issue with details', () => {
    const issue = outcomeIssue({
      severity: 'error',
      code: 'invalid',
      diagnostics: { 'zh-TW': '錯', en: 'Wrong' },
    });
    expect(operationOutcome([issue])).toEqual({
      resourceType: 'OperationOutcome',
      meta: TWPAS_META,
      issue: [issue],
    });
  });

  it('is plain R4 with several issues, or with an issue without details', () => {
    const a = outcomeIssue({ severity: 'error', code: 'invalid', diagnostics: 'a' });
    expect(operationOutcome([a, a])).toEqual({ resourceType: 'OperationOutcome', issue: [a, a] });
    expect(operationOutcome([a])).toEqual({ resourceType: 'OperationOutcome', issue: [a] });
  });

  it('refuses to be empty', () => {
    expect(() => operationOutcome([])).toThrow('an OperationOutcome needs at least one issue');
  });
});

describe('the error helpers', () => {
  it('notFound names the resource in both languages, with MSG_NO_EXIST', () => {
    expect(notFound('Claim', 'abc')).toEqual({
      resourceType: 'OperationOutcome',
      meta: TWPAS_META,
      issue: [
        {
          severity: 'error',
          code: 'not-found',
          diagnostics: '找不到 Claim/abc',
          details: { coding: [{ system: MESSAGES, code: 'MSG_NO_EXIST' }], text: 'Claim/abc was not found' },
        },
      ],
    });
  });

  it('invalid carries the FHIRPath of the bad element, in English when asked', () => {
    const outcome = invalid(
      { 'zh-TW': '身分證號格式錯誤', en: 'Malformed national ID' },
      ['Patient.identifier[0].value'],
      {
        language: 'en',
      },
    );
    expect(outcome.issue).toEqual([
      {
        severity: 'error',
        code: 'invalid',
        diagnostics: 'Malformed national ID',
        details: { coding: [{ system: MESSAGES, code: 'MSG_PARAM_INVALID' }], text: '身分證號格式錯誤' },
        expression: ['Patient.identifier[0].value'],
      },
    ]);
  });

  it('map 401, 403, 409, 413 and 415 to login, forbidden, conflict, too-long and not-supported', () => {
    const outcomes = [
      unauthorized(),
      forbidden(),
      conflict('version 2 is current'),
      tooLarge(1_048_576),
      unsupportedMediaType('text/xml'),
    ];
    expect(outcomes.map((o) => [o.issue[0]?.code, o.issue[0]?.diagnostics])).toEqual([
      ['login', '需要有效的存取權杖'],
      ['forbidden', '存取權杖的授權範圍不允許此操作'],
      ['conflict', 'version 2 is current'],
      ['too-long', '請求內容超過 1048576 位元組'],
      ['not-supported', '不支援的媒體類型：text/xml'],
    ]);
  });
});

describe.skipIf(!sharedAvailable())('the outcomes the helpers build', () => {
  it('validate as base R4 and against Operationoutcome-twpas', () => {
    const definitions = twpasDefinitions();
    const outcomes = [
      notFound('Claim', 'abc'),
      invalid('bad', ['Claim.item[0]']),
      unauthorized({ language: 'en' }),
      forbidden(),
      conflict({ 'zh-TW': '版本衝突', en: 'Version conflict' }),
      tooLarge(10),
      unsupportedMediaType('text/plain'),
    ];
    const problems = outcomes.flatMap((outcome) => [
      ...validateBase(outcome).remaining,
      ...validateResourceWithGuide(outcome, definitions, { profile: TWPAS_PROFILES.operationOutcome })
        .remaining,
    ]);
    expect(problems.map(issueMessage)).toEqual([]);
  });
});
