/**
 * The most file bytes (decoded) one request Bundle may carry inline, all attachments together: the FHIR API
 * refuses more (twpas-validation's attachment rule), and the hospital app says so before sending.
 */
export const MAX_INLINE_ATTACHMENT_BYTES = 5 * 1024 * 1024;
