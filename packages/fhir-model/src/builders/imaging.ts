import { TWPAS_PROFILES } from '../twpas/canonical.ts';
import { CODE_SYSTEMS } from '../twpas/code-systems.ts';
import { IDENTIFIER_SYSTEMS } from '../twpas/identifier-systems.ts';
import type { ImagingStudy, Media } from '../types.ts';
import { coding, concept, fileUrl, profileMeta, reference } from './common.ts';
import type { ImagingStudyInput, MediaInput } from './prior-auth-case.ts';

const OID_URN = /^urn:oid:(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*)){0,63}$/;

/** ImagingStudy-twpas: the DICOM study behind an imaging report, one series. */
export function buildImagingStudy(study: ImagingStudyInput, refs: { patient: string }): ImagingStudy {
  if (!OID_URN.test(study.studyUid)) throw new Error(`study UID must be urn:oid:…: ${study.studyUid}`);
  const series: NonNullable<ImagingStudy['series']>[number] = {
    uid: study.seriesUid,
    modality: coding(CODE_SYSTEMS.dicom, study.modality),
    instance: study.instances.map((instance) => ({
      uid: instance.uid,
      sopClass: coding(CODE_SYSTEMS.uri, `urn:oid:${instance.sopClassOid}`),
    })),
  };
  if (study.bodySite)
    series.bodySite = coding(CODE_SYSTEMS.snomed, study.bodySite.snomed, study.bodySite.display);
  return {
    resourceType: 'ImagingStudy',
    meta: profileMeta(TWPAS_PROFILES.imagingStudy),
    identifier: [{ system: IDENTIFIER_SYSTEMS.dicomUid, value: study.studyUid }],
    status: 'available',
    subject: reference(refs.patient),
    series: [series],
  };
}

/** Media-twpas: a non-DICOM picture, referenced by file name. */
export function buildMedia(media: MediaInput, refs: { patient: string }): Media {
  const result: Media = {
    resourceType: 'Media',
    meta: profileMeta(TWPAS_PROFILES.media),
    status: 'completed',
    subject: reference(refs.patient),
    content: { contentType: media.contentType, url: fileUrl(media.file) },
  };
  if (media.bodySite)
    result.bodySite = concept(CODE_SYSTEMS.snomed, media.bodySite.snomed, media.bodySite.display);
  return result;
}
