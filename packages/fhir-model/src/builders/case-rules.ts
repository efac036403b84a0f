import type { PriorAuthCase } from './prior-auth-case.ts';

/** "Five cancers" of the self-review rule (claimResponse-2): main diagnosis C18–C22, C33, C34, C50, C61. */
const FIVE_CANCERS = /^(C18|C19|C20|C21|C22|C33|C34|C50|C61)/;
const BLOOD_CANCERS = /^(C90|C91|C92)/;

/**
 * What in a case breaks the Claim-twpas and Bundle-twpas invariants that concern the case as a whole
 * (the single builders check the rest): a drug to ask for, the self-assessment of a self-review and its
 * "five cancers" repeat-use rule, and the evidence priority 1 and 3 need — an imaging report, examination
 * report or gene test, except for C61 repeat use (then tests) and C90–C92 (then tests or a report).
 */
export function priorAuthCaseProblems(c: PriorAuthCase): string[] {
  const problems: string[] = [];
  const say = (text: string) => problems.push(`case ${c.key}: ${text}`);
  const main = c.diagnoses[0]?.icd10cm ?? '';
  if (c.items.length === 0) say('no drug is requested');
  if (c.priority === '3') {
    if (!c.selfAssessment) say('a self-review (priority 3) needs its selfAssessment');
    else if (c.selfAssessment.items.length !== c.items.length) {
      say(`the self-assessment decides ${c.selfAssessment.items.length} of ${c.items.length} items`);
    }
    if (FIVE_CANCERS.test(main) && c.items.some((item) => item.continuation !== '2')) {
      say(`self-review of ${main} is only for repeat use (continuation 2)`);
    }
  }
  const repeatProstate = main.startsWith('C61') && c.items.some((item) => item.continuation === '2');
  const blood = BLOOD_CANCERS.test(main);
  const hasReport = Boolean(c.imagingReports?.length || c.examinationReports?.length || c.geneTests?.length);
  if ((c.priority === '1' || c.priority === '3') && !hasReport && !repeatProstate && !blood) {
    say('needs an imaging report, examination report or gene test');
  }
  if (repeatProstate && !c.labs?.length) say('repeat use for C61 needs test results');
  if (blood && !hasReport && !c.labs?.length) say(`${main} needs tests or a report`);
  return problems;
}
