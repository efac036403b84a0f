/**
 * Checks of a request Bundle that Medplum cannot make (it does not load the Bundle profiles: their
 * entries are sliced by profile, and FHIRPath resolve() does not follow urn:uuid references), driven by
 * the guide's own data rather than by our constants:
 * - the closed entry slicing of Bundle-twpas with each slice's cardinality, from its snapshot;
 * - the drug → reimbursement indication invariants applyReason-1…17, parsed from profiles.tsv;
 * - the other Bundle invariants (claimResponse-1, claimResponse-2), evaluated with Medplum's FHIRPath;
 * - full URLs and references: every fullUrl a distinct urn:uuid, every urn:uuid reference resolvable.
 */
import { evalFhirPath } from '@medplum/core';
import type { Bundle, BundleEntry, Claim, FhirResource, MedicationRequest } from '../types.ts';
import type { StructureDefinitionLike } from './medplum-validator.ts';

export interface EntrySlice {
  name: string;
  profile: string;
  min: number;
  max: number;
}

export interface BundleRules {
  slices: EntrySlice[];
  /** drug code → allowed programCode codes (applyReason invariants). */
  programCodes: Map<string, string[]>;
  /** Bundle invariants without resolve(), as key → FHIRPath. */
  invariants: Map<string, string>;
}

export function entrySlices(bundleProfile: StructureDefinitionLike): EntrySlice[] {
  const elements = bundleProfile.snapshot?.element ?? [];
  return elements.flatMap((element) => {
    const match = /^Bundle\.entry:([^.]+)$/.exec(element.id);
    if (!match) return [];
    const name = match[1] ?? '';
    const resource = elements.find((e) => e.id === `Bundle.entry:${name}.resource`);
    const profile = resource?.type?.[0]?.profile?.[0];
    if (!profile) return [];
    const max = element.max === '*' ? Number.POSITIVE_INFINITY : Number(element.max);
    return [{ name, profile, min: element.min ?? 0, max }];
  });
}

/** Reads the Bundle-twpas invariants from profiles.tsv (tab-separated, with a header row). */
export function bundleInvariants(profilesTsv: string, profileId: string): Map<string, string> {
  const [header = '', ...rows] = profilesTsv.split('\n');
  const columns = header.split('\t');
  const at = (name: string) => columns.indexOf(name);
  const invariants = new Map<string, string>();
  for (const row of rows) {
    const cells = row.split('\t');
    if (cells[at('profile_id')] !== profileId || cells[at('row_kind')] !== 'invariant') continue;
    invariants.set(cells[at('invariant_key')] ?? '', cells[at('invariant_expression')] ?? '');
  }
  return invariants;
}

export function loadBundleRules(bundleProfile: StructureDefinitionLike, profilesTsv: string): BundleRules {
  const programCodes = new Map<string, string[]>();
  const invariants = new Map<string, string>();
  for (const [key, expression] of bundleInvariants(profilesTsv, 'Bundle-twpas')) {
    const rule =
      /medication\.coding\.code = '([^']+)'\)\.all\(programCode\.coding\.code\.matches\('([^']+)'\)\)$/.exec(
        expression,
      );
    if (key.startsWith('applyReason-') && rule) programCodes.set(rule[1] ?? '', (rule[2] ?? '').split('|'));
    else if (!expression.includes('resolve()')) invariants.set(key, expression);
    else throw new Error(`Bundle invariant ${key} is not understood: ${expression}`);
  }
  return { slices: entrySlices(bundleProfile), programCodes, invariants };
}

/** The slice each entry falls in, by its meta.profile (undefined when none fits: the slicing is closed). */
export function sliceOf(entry: BundleEntry, slices: EntrySlice[]): string | undefined {
  const profiles = entry.resource?.meta?.profile ?? [];
  return slices.find((slice) => profiles.includes(slice.profile))?.name;
}

function collectReferences(value: unknown, out: string[]): string[] {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'reference' && typeof child === 'string') out.push(child);
      else collectReferences(child, out);
    }
  }
  return out;
}

export function checkBundle(bundle: Bundle, rules: BundleRules, options: { urnUuids: boolean }): string[] {
  const problems: string[] = [];
  const entries = bundle.entry ?? [];
  if (bundle.type !== 'collection') problems.push(`type is ${bundle.type}, not collection`);
  const counts = new Map<string, number>();
  entries.forEach((entry, i) => {
    const slice = sliceOf(entry, rules.slices);
    if (!slice) problems.push(`entry ${i} (${entry.resource?.resourceType}) fits no entry slice`);
    else counts.set(slice, (counts.get(slice) ?? 0) + 1);
  });
  for (const slice of rules.slices) {
    const count = counts.get(slice.name) ?? 0;
    if (count < slice.min || count > slice.max) {
      problems.push(`slice ${slice.name}: ${count} entries, expected ${slice.min}..${slice.max}`);
    }
  }
  const fullUrls = entries.map((e) => e.fullUrl ?? '');
  if (new Set(fullUrls).size !== fullUrls.length) problems.push('full URLs are not unique');
  if (options.urnUuids) {
    for (const url of fullUrls) {
      if (!/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(url)) {
        problems.push(`full URL ${url} is not a urn:uuid`);
      }
    }
    for (const ref of collectReferences(
      entries.map((e) => e.resource),
      [],
    )) {
      if (!fullUrls.includes(ref)) problems.push(`reference ${ref} points at no entry`);
    }
  }
  problems.push(...checkProgramCodes(entries, rules.programCodes));
  for (const [key, expression] of rules.invariants) {
    const result = evalFhirPath(expression, bundle as never) as unknown[];
    if (result.length !== 1 || result[0] !== true) problems.push(`invariant ${key} is not met`);
  }
  return problems;
}

function checkProgramCodes(entries: BundleEntry[], programCodes: Map<string, string[]>): string[] {
  const byUrl = new Map<string, FhirResource>();
  for (const entry of entries) if (entry.fullUrl && entry.resource) byUrl.set(entry.fullUrl, entry.resource);
  const claim = entries.map((e) => e.resource).find((r): r is Claim => r?.resourceType === 'Claim');
  return (claim?.item ?? []).flatMap((item) => {
    const target = item.extension?.[0]?.valueReference?.reference ?? '';
    const request = (byUrl.get(target) ?? relative(entries, target)) as MedicationRequest | undefined;
    const drug = request?.medicationCodeableConcept?.coding?.[0]?.code ?? '';
    const allowed = programCodes.get(drug);
    const given = item.programCode?.map((p) => p.coding?.[0]?.code ?? '') ?? [];
    return allowed && !given.every((code) => allowed.includes(code))
      ? [
          `item ${item.sequence}: drug ${drug} with indication ${given.join(',')} (allowed ${allowed.join(',')})`,
        ]
      : [];
  });
}

/** The official examples use relative references (`MedicationRequest/medReq-apply`). */
function relative(entries: BundleEntry[], reference: string): FhirResource | undefined {
  const [type, id] = reference.split('/');
  return entries.find((e) => e.resource?.resourceType === type && e.resource?.id === id)?.resource;
}
