import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model/browser';
import { describe, expect, it } from 'vitest';
import { dossierOf, maskIdentifier } from './dossier.ts';

const KEY = 'a-breast-her2-trastuzumab-pertuzumab';

describe('the reviewer’s reading of a submitted Bundle', () => {
  it('masks a national ID but its last 4 characters', () => {
    expect(maskIdentifier('A123456789')).toBe('******6789');
    expect(maskIdentifier('789')).toBe('***');
  });

  it('shows the patient by name with the ID masked, never in full', () => {
    const bundle = sandboxRequestBundle(KEY);
    const dossier = dossierOf(bundle);
    const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as {
      identifier: { value: string }[];
    };
    const id = patient.identifier.map((i) => i.value).find((v) => /^[A-Z]\d{9}$/.test(v)) ?? '';
    expect(id).not.toBe('');
    expect(dossier.patient.maskedId).toBe(`******${id.slice(-4)}`);
    expect(JSON.stringify(dossier)).not.toContain(id);
    expect(dossier.patient.name.length).toBeGreaterThan(0);
  });

  it('lists the diagnoses with their text, each drug with its quantity and the evidence by category', () => {
    const dossier = dossierOf(sandboxRequestBundle(KEY));
    expect(dossier.diagnoses.length).toBeGreaterThan(0);
    for (const diagnosis of dossier.diagnoses)
      expect(`${diagnosis.code ?? ''}${diagnosis.text}`).not.toBe('');
    // The main diagnosis carries the hospital's own description; a bare code is not repeated as its text.
    expect(dossier.diagnoses[0]?.text.length).toBeGreaterThan(10);
    for (const diagnosis of dossier.diagnoses) expect(diagnosis.text).not.toBe(diagnosis.code);
    expect(dossier.items.length).toBeGreaterThan(0);
    for (const item of dossier.items) {
      expect(item.drug).not.toBe('');
      expect(item.quantity).toMatch(/\d/);
    }
    const categories = dossier.sections.map((s) => s.category);
    expect(categories).toContain('cancerStage');
    expect(categories).toContain('tests');
    const tests = dossier.sections.find((s) => s.category === 'tests');
    expect(tests?.records.some((r) => /\d/.test(r.value ?? '') || r.parts.some((p) => /\d/.test(p)))).toBe(
      true,
    );
    expect(dossier.hospital?.code).toMatch(/^\d{10}$/);
  });

  it('keeps every attached file of every sandbox case with its name and type', () => {
    for (const key of SANDBOX_CASE_KEYS) {
      const bundle = sandboxRequestBundle(key);
      const attached = JSON.stringify(bundle).match(/"contentType"/g)?.length ?? 0;
      const files = dossierOf(bundle).sections.flatMap((s) => s.records.flatMap((r) => r.files));
      if (attached > 0) expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(file.name).not.toBe('');
        expect(file.contentType).toMatch(/\//);
      }
    }
  });
});
