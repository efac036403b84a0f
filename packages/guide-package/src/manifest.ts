/**
 * A FHIR package's `package/package.json` (https://hl7.org/fhir/packages.html#2.1.10.4), and the
 * manifest of the TWPAS package we bundle.
 */
import { isObject, str } from './json.ts';

export interface PackageManifest {
  name: string;
  version: string;
  type?: string;
  canonical?: string;
  url?: string;
  title?: string;
  description?: string;
  author?: string;
  license?: string;
  fhirVersions: string[];
  dependencies: Record<string, string>;
  [key: string]: unknown;
}

/**
 * tw.gov.mohw.nhi.pas 1.2.3 as published by the NHIA; its dependencies are the guide's own
 * (sushi-config.yaml of TWNHIFHIR/pas at 1.2.3, the commit ../shared/twpas/README.md names).
 */
export const TWPAS_MANIFEST: PackageManifest = {
  name: 'tw.gov.mohw.nhi.pas',
  version: '1.2.3',
  type: 'fhir.ig',
  canonical: 'https://nhicore.nhi.gov.tw/pas',
  url: 'https://nhicore.nhi.gov.tw/pas',
  title: '臺灣健保事前審查實作指引 (TWPAS IG)',
  description:
    'The conformance resources of the Taiwan NHI prior-authorization implementation guide (TWPAS) 1.2.3: StructureDefinitions, ValueSets, CodeSystems, SearchParameters, CapabilityStatements and ConceptMaps.',
  author: '衛生福利部中央健康保險署',
  fhirVersions: ['4.0.1'],
  dependencies: {
    'hl7.fhir.r4.core': '4.0.1',
    'tw.gov.mohw.twcore': '0.3.2',
    'hl7.fhir.us.davinci-pas': '2.2.1',
    'tw.gov.mohw.emr': '0.2.0',
  },
};

/** The manifest of a package as read, checked for the fields every FHIR package has. */
export function parseManifest(value: unknown, source: string): PackageManifest {
  if (!isObject(value)) throw new Error(`FHIR package ${source}: package.json is not a JSON object`);
  const name = str(value.name);
  const version = str(value.version);
  if (!name || !version) throw new Error(`FHIR package ${source}: package.json has no name or version`);
  const fhirVersions = Array.isArray(value.fhirVersions)
    ? value.fhirVersions.filter((v): v is string => typeof v === 'string')
    : [];
  const dependencies: Record<string, string> = {};
  if (isObject(value.dependencies)) {
    for (const [dependency, range] of Object.entries(value.dependencies)) {
      if (typeof range === 'string') dependencies[dependency] = range;
    }
  }
  return { ...value, name, version, fhirVersions, dependencies };
}
