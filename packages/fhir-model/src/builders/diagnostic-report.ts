import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS, TW_CORE_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { Attachment, DiagnosticReport } from '../types.ts';
import { concept, fileUrl, profileMeta, reference, supportingInfoCategory } from './common.ts';
import type { ExaminationReportInput, ImagingReportInput } from './prior-auth-case.ts';

function presentedForm(files: string[] | undefined, title: string): Attachment[] | undefined {
  if (!files?.length) return undefined;
  return files.map((file) => ({ contentType: 'application/pdf', url: fileUrl(file), title }));
}

/** DiagnosticReport-image-twpas (影像報告): code, conclusion, date and performer, optionally the DICOM study and key images. */
export function buildImagingReport(
  report: ImagingReportInput,
  refs: { patient: string; performer: string; imagingStudy?: string; media?: string[] },
): DiagnosticReport {
  const system = report.code.system === 'loinc' ? CODE_SYSTEMS.loinc : TW_CORE_CODE_SYSTEMS.icd10pcs2023;
  const result: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    meta: profileMeta(TWPAS_PROFILES.diagnosticReportImage),
    status: 'final',
    category: [supportingInfoCategory('imagingReport')],
    code: concept(system, report.code.code, report.code.display),
    subject: reference(refs.patient),
    effectiveDateTime: report.date,
    performer: [reference(refs.performer)],
    conclusion: report.conclusion,
  };
  if (refs.imagingStudy) result.imagingStudy = [reference(refs.imagingStudy)];
  if (refs.media?.length) result.media = refs.media.map((link) => ({ link: reference(link) }));
  const form = presentedForm(report.reportFiles, '影像報告');
  if (form) result.presentedForm = form;
  return result;
}

/** DiagnosticReport-twpas (檢查報告): e.g. a pathology report, LOINC report type and specimen as text. */
export function buildExaminationReport(
  report: ExaminationReportInput,
  refs: { patient: string; performer: string },
): DiagnosticReport {
  if (report.loinc === '47526-9' && !report.specimen)
    throw new Error('report type 47526-9 needs the specimen (檢體種類)');
  const code = concept(CODE_SYSTEMS.loinc, report.loinc);
  if (report.specimen) code.text = report.specimen;
  const result: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    meta: profileMeta(TWPAS_PROFILES.diagnosticReport),
    status: 'final',
    category: [supportingInfoCategory('examinationReport')],
    code,
    subject: reference(refs.patient),
    effectiveDateTime: report.date,
    performer: [reference(refs.performer)],
    conclusion: report.conclusion,
  };
  const form = presentedForm(report.reportFiles, '檢查報告');
  if (form) result.presentedForm = form;
  return result;
}
