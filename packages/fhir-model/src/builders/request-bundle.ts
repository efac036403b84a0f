import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import type { Bundle } from '../types.ts';
import { priorAuthCaseProblems } from './case-rules.ts';
import { buildClaim, type ClaimSupportingInfoInput } from './claim.ts';
import { buildSelfAssessmentClaimResponse } from './claim-response.ts';
import { profileMeta } from './common.ts';
import { buildCoverage } from './coverage.ts';
import { buildExaminationReport, buildImagingReport } from './diagnostic-report.ts';
import { buildDocumentReference } from './document-reference.ts';
import { buildEncounter } from './encounter.ts';
import { EntryList } from './entry-list.ts';
import { UrnAllocator } from './ids.ts';
import { buildImagingStudy, buildMedia } from './imaging.ts';
import { buildApplyMedicationRequest, buildTreatMedicationRequest } from './medication-request.ts';
import {
  buildPatientAssessmentObservation,
  buildTreatmentAssessmentObservation,
} from './observation-assessment.ts';
import { buildCancerStageObservation } from './observation-cancer-stage.ts';
import { buildGeneInfoObservation, buildSpecimen } from './observation-gene.ts';
import { buildLabObservation } from './observation-lab.ts';
import {
  buildGeneticTestingOrganization,
  buildHospitalOrganization,
  buildNhiaOrganization,
} from './organization.ts';
import { buildPatient } from './patient.ts';
import { buildPractitioner } from './practitioner.ts';
import type { PriorAuthCase } from './prior-auth-case.ts';
import { buildRadiotherapyProcedure, buildRadiotherapySubstance } from './radiotherapy.ts';

export interface RequestBundleOptions {
  /**
   * Derives every `urn:uuid:` from this seed and the entry's role, so the same case and seed give the
   * same Bundle, byte for byte. Without a seed the UUIDs are random.
   */
  seed?: string;
}

/**
 * A complete TWPAS request Bundle (Bundle-twpas, type collection) for a case, laid out like the guide's
 * Bundle-bun-1: Claim, Encounter, Patient, Practitioner, hospital, the evidence (each followed by what it
 * points at), the requested drugs, Coverage, the NHIA, gene laboratories, medical records and — for a
 * self-review — the hospital's own ClaimResponse. Every entry has a `urn:uuid:` full URL and references
 * use them; no resource has an id (the payer assigns those).
 */
export function buildRequestBundle(c: PriorAuthCase, options: RequestBundleOptions = {}): Bundle {
  const problems = priorAuthCaseProblems(c);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const list = new EntryList(new UrnAllocator(options.seed));
  const claimUrl = list.slot('claim');
  const encounter = list.add('encounter', buildEncounter(c.departmentCode));
  const patient = list.add('patient', buildPatient(c.patient, c.hospital.medicalRecordSystem));
  const physician = list.add('practitioner', buildPractitioner(c.physician));
  const hospital = list.add('organization/hospital', buildHospitalOrganization(c.hospital));
  const by = { patient, performer: physician };
  const info: ClaimSupportingInfoInput[] = [
    { category: 'weight', kg: c.weightKg },
    { category: 'height', cm: c.heightCm },
  ];
  if (c.pregnancyOrBreastfeeding !== undefined) {
    info.push({ category: 'pregnancyBreastfeedingStatus', value: c.pregnancyOrBreastfeeding });
  }

  c.imagingReports?.forEach((report, i) => {
    const url = list.slot(`imaging-report/${i}`);
    const study =
      report.study && list.add(`imaging-report/${i}/study`, buildImagingStudy(report.study, { patient }));
    const media = (report.keyImages ?? []).map((image, j) =>
      list.add(`imaging-report/${i}/media/${j}`, buildMedia(image, { patient })),
    );
    list.fill(url, buildImagingReport(report, { ...by, ...(study ? { imagingStudy: study } : {}), media }));
    info.push({ category: 'imagingReport', reference: url });
  });
  c.cancerStages?.forEach((stage, i) => {
    const url = list.add(`cancer-stage/${i}`, buildCancerStageObservation(stage, by));
    info.push({ category: 'cancerStage', reference: url });
  });
  c.examinationReports?.forEach((report, i) => {
    const url = list.add(`examination-report/${i}`, buildExaminationReport(report, by));
    info.push({ category: 'examinationReport', reference: url });
  });
  const pendingGenes = (c.geneTests ?? []).map((gene, i) => {
    const url = list.slot(`gene/${i}`);
    const specimen = list.add(`gene/${i}/specimen`, buildSpecimen(gene.specimen, { patient }));
    const report =
      gene.report && list.add(`gene/${i}/report`, buildDocumentReference(gene.report, { patient }));
    info.push({ category: 'geneInfo', reference: url });
    return { url, gene, specimen, report };
  });
  c.labs?.forEach((lab, i) => {
    const url = list.slot(`lab/${i}`);
    const report = lab.report && list.add(`lab/${i}/report`, buildDocumentReference(lab.report, { patient }));
    list.fill(url, buildLabObservation(lab, { ...by, ...(report ? { report } : {}) }));
    info.push({ category: 'tests', reference: url });
  });
  c.patientAssessments?.forEach((assessment, i) => {
    const url = list.add(`patient-assessment/${i}`, buildPatientAssessmentObservation(assessment, by));
    info.push({ category: 'patientAssessment', reference: url });
  });
  c.priorMedications?.forEach((prior, i) => {
    const url = list.add(`prior-medication/${i}`, buildTreatMedicationRequest(prior, { patient }));
    info.push({ category: 'medicationRequest', reference: url });
  });
  c.radiotherapy?.forEach((course, i) => {
    const url = list.slot(`radiotherapy/${i}`);
    const substance = list.slot(`radiotherapy/${i}/substance`);
    list.fill(url, buildRadiotherapyProcedure(course, { patient, substance }));
    list.fill(substance, buildRadiotherapySubstance(course));
    info.push({ category: 'radiotherapy', reference: url });
  });
  c.carePlanDocuments?.forEach((document, i) => {
    const url = list.add(`care-plan/${i}`, buildDocumentReference(document, { patient }));
    info.push({ category: 'carePlanDocument', reference: url });
  });
  c.treatmentAssessments?.forEach((assessment, i) => {
    const url = list.add(`treatment-assessment/${i}`, buildTreatmentAssessmentObservation(assessment, by));
    info.push({ category: 'treatmentAssessment', reference: url });
  });

  const requested = c.items.map((drug, i) =>
    list.add(`medication-request/${i}`, buildApplyMedicationRequest(drug, { patient })),
  );
  const coverage = list.slot('coverage');
  const nhia = list.add('organization/nhia', buildNhiaOrganization());
  list.fill(coverage, buildCoverage({ beneficiary: patient, payor: nhia }));

  const laboratories = new Map<string, string>();
  for (const { url, gene, specimen, report } of pendingGenes) {
    let laboratory = laboratories.get(gene.laboratory.identifier);
    if (!laboratory) {
      laboratory = list.add(
        `laboratory/${laboratories.size}`,
        buildGeneticTestingOrganization(gene.laboratory),
      );
      laboratories.set(gene.laboratory.identifier, laboratory);
    }
    list.fill(
      url,
      buildGeneInfoObservation(gene, { patient, laboratory, specimen, ...(report ? { report } : {}) }),
    );
  }
  c.medicalRecords?.forEach((document, i) => {
    const url = list.add(`medical-record/${i}`, buildDocumentReference(document, { patient }));
    info.push({ category: 'medicalRecord', reference: url });
  });
  if (c.selfAssessment) {
    const items = c.selfAssessment.items.map((item, i) => ({ ...item, itemSequence: i + 1 }));
    const input = {
      reviewerNationalIds: c.selfAssessment.reviewerNationalIds,
      created: c.selfAssessment.created,
      items,
    };
    list.add('self-assessment', buildSelfAssessmentClaimResponse(input, { patient, insurer: nhia }));
  }

  list.fill(
    claimUrl,
    buildClaim({
      applyType: c.applyType,
      priority: c.priority,
      created: c.applicationDate,
      ...(c.previousAcceptanceNumber ? { previousAcceptanceNumber: c.previousAcceptanceNumber } : {}),
      patient,
      enterer: physician,
      provider: hospital,
      encounter,
      coverage,
      diagnoses: c.diagnoses,
      ...(c.procedures ? { procedures: c.procedures } : {}),
      supportingInfo: orderSupportingInfo(info),
      items: c.items.map((drug, i) => ({ ...drug, requestedService: requested[i] ?? '' })),
    }),
  );

  const bundle: Bundle = {
    resourceType: 'Bundle',
    meta: profileMeta(TWPAS_PROFILES.bundle),
    type: 'collection',
    entry: list.entries(),
  };
  if (c.emergencyReportDate) bundle.timestamp = c.emergencyReportDate;
  return bundle;
}

/** The order of Bundle-bun-1's supportingInfo: weight, height, pregnancy, then the evidence kinds. */
const SUPPORTING_INFO_ORDER = [
  'weight',
  'height',
  'pregnancyBreastfeedingStatus',
  'imagingReport',
  'cancerStage',
  'examinationReport',
  'geneInfo',
  'tests',
  'patientAssessment',
  'medicationRequest',
  'radiotherapy',
  'carePlanDocument',
  'medicalRecord',
  'treatmentAssessment',
];

/** Stable sort by kind, so the Claim lists its evidence in the guide's order whatever the entry order. */
export function orderSupportingInfo(info: ClaimSupportingInfoInput[]): ClaimSupportingInfoInput[] {
  const rank = (category: string) => SUPPORTING_INFO_ORDER.indexOf(category);
  return [...info].sort((a, b) => rank(a.category) - rank(b.category));
}
