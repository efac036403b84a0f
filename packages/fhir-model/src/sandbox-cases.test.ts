import { sharedAvailable } from '@openpas/vitest-config/shared';
import { describe, expect, it } from 'vitest';
import { ROUTES } from './builders/medication-request.ts';
import { CANCER_STAGE_SCHEMES } from './builders/observation-cancer-stage.ts';
import type { PriorAuthCase } from './builders/prior-auth-case.ts';
import { isValidNationalId, nationalIdGender } from './national-id.ts';
import {
  SANDBOX_CASE_KEYS,
  SANDBOX_HOSPITALS,
  sandboxCase,
  sandboxCases,
  sandboxRequestBundle,
  sandboxSeed,
} from './sandbox-cases.ts';
import { readTsv } from './testing/shared-twpas.ts';
import { TWPAS_CODE_SYSTEMS } from './twpas/code-systems.ts';
import { allowedProgramCodes } from './twpas/program-codes.ts';

const cases = sandboxCases();

describe('the sandbox cases', () => {
  it('are five at hospital A and two at hospital B, under stable keys', () => {
    expect(cases.map((c) => [c.key, c.hospital.code])).toEqual([
      ['a-breast-her2-trastuzumab-pertuzumab', '0101090517'],
      ['a-nsclc-egfr-osimertinib', '0101090517'],
      ['a-crc-kras-bevacizumab', '0101090517'],
      ['a-hcc-atezolizumab-bevacizumab', '0101090517'],
      ['a-myeloma-daratumumab', '0101090517'],
      ['b-prostate-enzalutamide-renewal', '0131020016'],
      ['b-gastric-her2-trastuzumab', '0131020016'],
    ]);
    expect(cases.map((c) => c.key)).toEqual([...SANDBOX_CASE_KEYS]);
  });

  it('give patients valid national IDs whose gender digit matches, and distinct medical record numbers', () => {
    expect(cases.filter((c) => !isValidNationalId(c.patient.nationalId)).map((c) => c.key)).toEqual([]);
    expect(
      cases.filter((c) => nationalIdGender(c.patient.nationalId) !== c.patient.gender).map((c) => c.key),
    ).toEqual([]);
    expect(new Set(cases.map((c) => c.patient.nationalId)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => `${c.hospital.code}/${c.patient.medicalRecordNumber}`)).size).toBe(
      cases.length,
    );
  });

  it('give physicians and self-reviewers valid national IDs', () => {
    const ids = cases.flatMap((c) => [
      c.physician.nationalId ?? '',
      ...(c.selfAssessment?.reviewerNationalIds ?? []),
    ]);
    expect(ids.filter((id) => !isValidNationalId(id))).toEqual([]);
  });

  it('code the main diagnosis as ICD-10-CM cancers (C codes)', () => {
    expect(cases.map((c) => c.diagnoses[0]?.icd10cm)).toEqual([
      'C50.411',
      'C34.11',
      'C18.7',
      'C22.0',
      'C90.00',
      'C61',
      'C16.2',
    ]);
    const all = cases.flatMap((c) => c.diagnoses.map((d) => d.icd10cm));
    expect(all.filter((code) => !/^[A-Z][0-9]{2}(\.[0-9A-Z]{1,4})?$/.test(code))).toEqual([]);
  });

  it('use the coded indication wherever the guide fixes one for the drug', () => {
    const items = cases.flatMap((c) => c.items);
    expect(
      items
        .filter((item) => allowedProgramCodes(item.drugCode) && !('code' in item.programCode))
        .map((item) => item.drugCode),
    ).toEqual([]);
    expect(
      items.flatMap((item) =>
        'code' in item.programCode ? [`${item.drugCode}:${item.programCode.code}`] : [],
      ),
    ).toEqual(['KC009612B5:C50R1', 'KC01050238:P072', 'KC011362B5:C16R1']);
  });

  it('hand out fresh copies', () => {
    const first = sandboxCase('a-myeloma-daratumumab');
    first.patient.name = 'changed';
    expect(sandboxCase('a-myeloma-daratumumab').patient.name).toBe('吳淑芬');
  });

  it('build the same Bundle on every call, from the key-derived seed', () => {
    expect(sandboxSeed('a-myeloma-daratumumab')).toBe('openpas-sandbox/a-myeloma-daratumumab');
    expect(JSON.stringify(sandboxRequestBundle('a-myeloma-daratumumab'))).toBe(
      JSON.stringify(sandboxRequestBundle('a-myeloma-daratumumab')),
    );
  });
});

/** The codes of the cases, by where the guide keeps them. */
function usedCodes(list: PriorAuthCase[]) {
  const drugs = list.flatMap((c) => [
    ...c.items.map((i) => i.drugCode),
    ...(c.priorMedications ?? []).map((m) => m.drugCode),
  ]);
  const dosages = list.flatMap((c) => [
    ...c.items.flatMap((i) => i.dosages),
    ...(c.priorMedications ?? []).map((m) => m.dosage),
  ]);
  return {
    drugs,
    programCodes: list.flatMap((c) =>
      c.items.flatMap((i) => ('code' in i.programCode ? [i.programCode.code] : [])),
    ),
    imaging: list.flatMap((c) => (c.imagingReports ?? []).map((r) => r.code)),
    radiotherapy: list.flatMap((c) => (c.radiotherapy ?? []).map((r) => r.icd10pcs)),
    reportTypes: list.flatMap((c) => (c.examinationReports ?? []).map((r) => r.loinc)),
    geneTests: list.flatMap((c) => (c.geneTests ?? []).flatMap((g) => g.variants.map((v) => v.loinc))),
    specimens: list.flatMap((c) => (c.geneTests ?? []).map((g) => g.specimen.loincType)),
    stages: list.flatMap((c) => (c.cancerStages ?? []).map((s) => CANCER_STAGE_SCHEMES[s.scheme].code)),
    assessments: list.flatMap((c) => (c.patientAssessments ?? []).map((a) => a.code.code)),
    nhiFrequencies: dosages.flatMap((d) => d.frequency.filter((f) => f.system === 'nhi').map((f) => f.code)),
    routes: dosages.map((d) => ROUTES[d.route].snomed),
  };
}

describe.skipIf(!sharedAvailable())('the codes the sandbox cases use', () => {
  const codes = sharedAvailable() ? readTsv('codes.tsv') : [];
  const valueSets = sharedAvailable() ? readTsv('valueset-codes.tsv') : [];
  const inCodeSystem = (system: string) =>
    new Set(codes.filter((r) => r.system === system).map((r) => r.code));
  const inValueSet = (id: string) =>
    new Set(valueSets.filter((r) => r.valueset_id === id).map((r) => r.code));
  const used = usedCodes(cases);
  const missing = (values: string[], known: Set<string | undefined>) =>
    [...new Set(values)].filter((v) => !known.has(v));

  it('are NHI drug codes of the nhi-medication code system', () => {
    expect(missing(used.drugs, inCodeSystem(TWPAS_CODE_SYSTEMS.medication))).toEqual([]);
  });

  it('are reimbursement indications of nhi-apply-reason', () => {
    expect(missing(used.programCodes, inCodeSystem(TWPAS_CODE_SYSTEMS.applyReason))).toEqual([]);
  });

  it('are imaging codes of icd-10-pcs-2023-image, with the guide’s Chinese display', () => {
    const rows = valueSets.filter((r) => r.valueset_id === 'icd-10-pcs-2023-image');
    const display = new Map(rows.map((r) => [r.code, r.display]));
    expect(used.imaging.filter((c) => display.get(c.code) !== c.display)).toEqual([]);
  });

  it('are radiotherapy codes of icd-10-pcs-2023-radiotherapy', () => {
    expect(missing(used.radiotherapy, inValueSet('icd-10-pcs-2023-radiotherapy'))).toEqual([]);
  });

  it('are report types of report-type, gene tests of gene-test-code and specimen types of specime-type', () => {
    expect(missing(used.reportTypes, inValueSet('report-type'))).toEqual([]);
    expect(missing(used.geneTests, inValueSet('gene-test-code'))).toEqual([]);
    expect(missing(used.specimens, inValueSet('specime-type'))).toEqual([]);
  });

  it('are staging systems of cancer-stage and assessments of pat-ast', () => {
    expect(missing(used.stages, inValueSet('cancer-stage'))).toEqual([]);
    expect(missing(used.assessments, inValueSet('pat-ast'))).toEqual([]);
  });

  it('are NHI frequencies of medication-frequency-nhi-tw and routes of medication-path-sct-tw', () => {
    expect(missing(used.nhiFrequencies, inCodeSystem(TWPAS_CODE_SYSTEMS.medicationFrequency))).toEqual([]);
    expect(missing(used.routes, inValueSet('medication-path-sct-tw'))).toEqual([]);
  });

  it('name the two sandbox hospitals as the NHI lists them', () => {
    const hospitals = codes.filter((r) => r.system === TWPAS_CODE_SYSTEMS.organizationIdentifier);
    const names = new Map(hospitals.map((r) => [r.code, r.display]));
    expect(Object.values(SANDBOX_HOSPITALS).map((h) => [h.code, names.get(h.code)])).toEqual([
      ['0101090517', '臺北市立聯合醫院'],
      ['0131020016', '新北市立聯合醫院'],
    ]);
    expect(Object.values(SANDBOX_HOSPITALS).map((h) => h.name)).toEqual([
      '臺北市立聯合醫院',
      '新北市立聯合醫院',
    ]);
  });
});
