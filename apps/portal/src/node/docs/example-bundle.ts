// The request Bundle the documentation shows: the first sandbox case as the product's own builder makes it
// (@openpas/fhir-model's sandboxRequestBundle, the same Bundle the sandbox seeds its charts from), so the
// example is one the FHIR API accepts. The guide's official examples are linked by their canonical pages.
import { SANDBOX_CASE_KEYS, sandboxRequestBundle } from '@openpas/fhir-model/browser';

export interface ExampleEntry {
  fullUrl: string;
  resourceType: string;
  profile: string | null;
}

export interface ExampleBundle {
  key: string;
  json: string;
  entries: ExampleEntry[];
}

/** The TWPAS guide's own example request Bundles, at the guide's published pages. */
export const OFFICIAL_EXAMPLES = [
  { id: 'bun-1', url: 'https://nhicore.nhi.gov.tw/pas/Bundle-bun-1.html' },
  { id: 'bun-3', url: 'https://nhicore.nhi.gov.tw/pas/Bundle-bun-3.html' },
  { id: 'bun-imm', url: 'https://nhicore.nhi.gov.tw/pas/Bundle-bun-imm.html' },
] as const;

export function exampleBundle(): ExampleBundle {
  const key = SANDBOX_CASE_KEYS[0];
  const bundle = sandboxRequestBundle(key);
  return {
    key,
    json: JSON.stringify(bundle, null, 2),
    entries: (bundle.entry ?? []).map((entry) => ({
      fullUrl: entry.fullUrl ?? '',
      resourceType: entry.resource?.resourceType ?? '',
      profile: entry.resource?.meta?.profile?.[0] ?? null,
    })),
  };
}
