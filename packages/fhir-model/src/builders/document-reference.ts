import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { TWPAS_CODE_SYSTEMS } from '../twpas/code-systems.ts';
import type { DocumentReference } from '../types.ts';
import { concept, fileUrl, profileMeta, reference } from './common.ts';
import type { DocumentInput } from './prior-auth-case.ts';

/** Care plan documents may carry only these titles (invariant report-title). */
export const CARE_PLAN_TITLES = [
  '免疫檢查點抑制劑治療計畫',
  'CAR-T多團隊會議紀錄',
  '造血幹細胞移植計畫書',
] as const;

/** DocumentReference-twpas: PDFs that travel beside the Bundle, named by `file://` URL. */
export function buildDocumentReference(
  document: DocumentInput,
  refs: { patient: string },
): DocumentReference {
  if (document.files.length === 0) throw new Error(`document ${document.title} names no file`);
  if (document.category === 'careplan' && !(CARE_PLAN_TITLES as readonly string[]).includes(document.title)) {
    throw new Error(`a care plan document must be titled one of ${CARE_PLAN_TITLES.join('、')}`);
  }
  return {
    resourceType: 'DocumentReference',
    meta: profileMeta(TWPAS_PROFILES.documentReference),
    status: 'current',
    category: [concept(TWPAS_CODE_SYSTEMS.pdfType, document.category)],
    subject: reference(refs.patient),
    content: document.files.map((file) => ({
      attachment: { contentType: 'application/pdf', url: fileUrl(file), title: document.title },
    })),
  };
}
