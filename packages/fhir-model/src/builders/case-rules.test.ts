import { describe, expect, it } from 'vitest';
import { sandboxCase } from '../sandbox-cases.ts';
import { priorAuthCaseProblems } from './case-rules.ts';

describe('priorAuthCaseProblems', () => {
  it('finds nothing wrong with the sandbox self-review of prostate cancer, which has tests but no report', () => {
    expect(priorAuthCaseProblems(sandboxCase('b-prostate-enzalutamide-renewal'))).toEqual([]);
  });

  it('asks for test results when C61 repeat use has none', () => {
    const c = sandboxCase('b-prostate-enzalutamide-renewal');
    c.labs = [];
    expect(priorAuthCaseProblems(c)).toEqual([
      'case b-prostate-enzalutamide-renewal: repeat use for C61 needs test results',
    ]);
  });

  it('lets myeloma (C90) go with tests only, but not with nothing', () => {
    const c = sandboxCase('a-myeloma-daratumumab');
    c.imagingReports = [];
    c.examinationReports = [];
    expect(priorAuthCaseProblems(c)).toEqual([]);
    c.labs = [];
    expect(priorAuthCaseProblems(c)).toEqual(['case a-myeloma-daratumumab: C90.00 needs tests or a report']);
  });

  it('lists every problem at once', () => {
    const c = sandboxCase('b-prostate-enzalutamide-renewal');
    c.items = [];
    c.selfAssessment = undefined;
    expect(priorAuthCaseProblems(c)).toEqual([
      'case b-prostate-enzalutamide-renewal: no drug is requested',
      'case b-prostate-enzalutamide-renewal: a self-review (priority 3) needs its selfAssessment',
      'case b-prostate-enzalutamide-renewal: needs an imaging report, examination report or gene test',
    ]);
  });

  it('lets an emergency report (priority 4) go without reports', () => {
    const c = sandboxCase('a-crc-kras-bevacizumab');
    c.priority = '4';
    c.imagingReports = [];
    c.examinationReports = [];
    c.geneTests = [];
    expect(priorAuthCaseProblems(c)).toEqual([]);
  });
});
