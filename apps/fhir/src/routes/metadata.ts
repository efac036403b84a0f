import { TWPAS_PROFILES } from '@openpas/fhir-model';
import { searchParameters } from '@openpas/fhir-store';
import { authEndpoints } from '@openpas/smart';
import type { FhirEnv } from '../env.ts';
import { READ_ONLY_TYPES, SUPPORTED_TYPES } from './resource-types.ts';

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

const TERMINOLOGY_RESOURCES = [
  {
    type: 'CodeSystem',
    operation: [
      { name: 'lookup', definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-lookup' },
      {
        name: 'validate-code',
        definition: 'http://hl7.org/fhir/OperationDefinition/CodeSystem-validate-code',
      },
    ],
  },
  {
    type: 'ValueSet',
    operation: [
      { name: 'expand', definition: 'http://hl7.org/fhir/OperationDefinition/ValueSet-expand' },
      { name: 'validate-code', definition: 'http://hl7.org/fhir/OperationDefinition/ValueSet-validate-code' },
    ],
  },
].map(({ type, operation }) => ({
  type,
  documentation: 'the loaded implementation guides’ own, read-only; any valid access token may read them',
  interaction: [{ code: 'read' }, { code: 'search-type' }],
  searchParam: [
    { name: '_id', type: 'token' },
    { name: 'url', type: 'uri' },
    { name: 'version', type: 'token' },
    { name: 'status', type: 'token' },
    { name: 'name', type: 'string' },
    { name: 'title', type: 'string' },
  ],
  operation,
}));

/** Operations of the workflow's own, by resource type. */
const TYPE_OPERATIONS: Record<string, { name: string; definition: string; documentation: string }[]> = {
  ClaimResponse: [
    {
      name: 'decision-metrics',
      definition: 'https://openpas.dev/fhir/OperationDefinition/ClaimResponse-decision-metrics',
      documentation:
        'GET [base]/ClaimResponse/$decision-metrics?from=YYYY-MM&to=YYYY-MM: the payer reviewer’s decision metrics (approval, denial, partial, documents-needed and appeal rates; median and p90 decision time in hours) overall and by hospital, drug and month (Taiwan time), as a MeasureReport',
    },
  ],
};

/** The CapabilityStatement: resources, interactions, search parameters, SMART security, TWPAS profiles. */
export function capabilityStatement(
  env: FhirEnv,
  /** The guides' server CapabilityStatements (their canonical URLs) */
  instantiates: readonly string[],
): Record<string, unknown> {
  const auth = authEndpoints(env.AUTH_ISSUER);
  const profiles = Object.values(TWPAS_PROFILES) as string[];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-23',
    publisher: 'OpenPAS',
    kind: 'instance',
    software: { name: 'OpenPAS FHIR API', version: '0.1.0' },
    implementation: { description: 'OpenPAS prior-authorization FHIR API (TWPAS)', url: env.FHIR_BASE_URL },
    instantiates,
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    implementationGuide: ['https://nhicore.nhi.gov.tw/pas/ImplementationGuide/tw.gov.mohw.nhi.pas'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
              text: 'SMART App Launch 2.2',
            },
          ],
          extension: [
            {
              url: OAUTH_URIS,
              extension: [
                { url: 'authorize', valueUri: auth.authorization },
                { url: 'token', valueUri: auth.token },
                { url: 'introspect', valueUri: auth.introspection },
                { url: 'revoke', valueUri: auth.revocation },
                { url: 'register', valueUri: auth.registration },
                { url: 'manage', valueUri: `${auth.issuer}/account/apps` },
              ],
            },
          ],
        },
        resource: [
          ...[...SUPPORTED_TYPES].sort().map((type) => ({
            type,
            supportedProfile: profiles.filter((profile) => profile.includes(`/${type}-`)),
            interaction: (READ_ONLY_TYPES.has(type)
              ? ['read', 'vread', 'search-type']
              : ['read', 'vread', 'update', 'history-instance', 'create', 'search-type']
            ).map((code) => ({ code })),
            versioning: 'versioned',
            readHistory: true,
            updateCreate: false,
            conditionalCreate: !READ_ONLY_TYPES.has(type),
            searchParam: [
              { name: '_id', type: 'token' },
              { name: '_lastUpdated', type: 'date' },
              ...[...searchParameters(type).values()].map((param) => ({
                name: param.code,
                type: param.type,
              })),
            ],
            ...(TYPE_OPERATIONS[type] ? { operation: TYPE_OPERATIONS[type] } : {}),
          })),
          ...TERMINOLOGY_RESOURCES,
        ].sort((a, b) => a.type.localeCompare(b.type)),
      },
    ],
  };
}
