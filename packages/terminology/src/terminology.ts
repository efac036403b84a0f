import { Canonicals } from './canonicals.ts';
import { CodeSystemIndex, withoutConcepts } from './code-system.ts';
import { type ComposeContext, type Composed, complete, composeValueSet } from './compose.ts';
import { TerminologyError } from './errors.ts';
import { expandSegments } from './expand.ts';
import { lookupResult } from './lookup.ts';
import type { OperationInput } from './operation-input.ts';
import { searchResources } from './search.ts';
import { wholeSystem } from './segment.ts';
import type { AnyResource, CodeSystemResource, Coding, Parameters, ValueSetResource } from './types.ts';
import { validateInValueSet, validationResult } from './validate-code.ts';

export type TerminologyType = 'CodeSystem' | 'ValueSet';

/**
 * The terminology services over the CodeSystems and ValueSets of the loaded guides: read and search,
 * ValueSet/$expand, CodeSystem/$lookup, ValueSet/$validate-code and CodeSystem/$validate-code. Everything
 * is in memory and never changes; a value set's composition is worked out once, on first use.
 */
export interface Terminology {
  read(type: TerminologyType, id: string): AnyResource;
  search(type: TerminologyType, query: URLSearchParams): AnyResource[];
  /** ValueSet/$expand; `id` for the instance form ValueSet/{id}/$expand */
  expand(input: OperationInput, id?: string): ValueSetResource;
  lookup(input: OperationInput): Parameters;
  /** ValueSet/$validate-code; `id` for the instance form */
  validateCode(input: OperationInput, id?: string): Parameters;
  /** CodeSystem/$validate-code; `id` for the instance form */
  validateCodeInSystem(input: OperationInput, id?: string): Parameters;
  /** Composes every value set and builds every code system's substring index now (start-up) */
  warm(): void;
  readonly counts: { codeSystems: number; valueSets: number; concepts: number };
}

const EXPAND_PARAMETERS = [
  'url',
  'valueSet',
  'valueSetVersion',
  'filter',
  'count',
  'offset',
  'includeDesignations',
  'activeOnly',
  'displayLanguage',
  '_format',
];
const VALIDATE_PARAMETERS = [
  'url',
  'valueSet',
  'valueSetVersion',
  'code',
  'system',
  'systemVersion',
  'display',
  'coding',
  'codeableConcept',
  'displayLanguage',
  'abstract',
  '_format',
];
const LOOKUP_PARAMETERS = [
  'system',
  'code',
  'version',
  'coding',
  'property',
  'displayLanguage',
  'date',
  '_format',
];
const VALIDATE_SYSTEM_PARAMETERS = [
  'url',
  'codeSystem',
  'version',
  'code',
  'display',
  'coding',
  'codeableConcept',
  'displayLanguage',
  '_format',
];

function refuseUnknown(input: OperationInput, known: readonly string[], operation: string): void {
  const [name] = input.unknown(known);
  if (name !== undefined)
    throw new TerminologyError('invalid', `${operation} does not take the parameter ${name}`, name);
}

/**
 * A CodeSystem or ValueSet as read and search find it. A resource with concepts is kept as its JSON text
 * (one string, parsed again when it is read) and its other fields: its concepts live in the code system's
 * index, and as objects too they would double what the collector marks on every major collection.
 */
interface Held {
  /** The whole resource, or all but its concepts when `text` holds it */
  readonly fields: AnyResource;
  readonly text?: string;
}

function held(resource: AnyResource): Held {
  if (!Array.isArray(resource.concept)) return { fields: resource };
  return { fields: withoutConcepts(resource), text: JSON.stringify(resource) };
}

const fieldsOf = (entry: Held): AnyResource => entry.fields;

const whole = (entry: Held): AnyResource =>
  entry.text === undefined ? entry.fields : (JSON.parse(entry.text) as AnyResource);

export function createTerminology(resources: readonly AnyResource[]): Terminology {
  const byId = { CodeSystem: new Map<string, Held>(), ValueSet: new Map<string, Held>() };
  const codeSystems = new Canonicals<CodeSystemIndex>();
  const valueSets = new Canonicals<{
    url: string;
    version: string | undefined;
    resource: ValueSetResource;
  }>();
  const systemById = new Map<string, CodeSystemIndex>();
  for (const resource of resources) {
    if (resource.resourceType !== 'CodeSystem' && resource.resourceType !== 'ValueSet') continue;
    if (typeof resource.id === 'string') byId[resource.resourceType].set(resource.id, held(resource));
    if (typeof resource.url !== 'string') continue;
    if (resource.resourceType === 'CodeSystem') {
      const index = new CodeSystemIndex(resource as CodeSystemResource);
      codeSystems.add(index);
      if (typeof resource.id === 'string') systemById.set(resource.id, index);
    } else
      valueSets.add({ url: resource.url, version: resource.version, resource: resource as ValueSetResource });
  }
  const composedOf = new WeakMap<ValueSetResource, Composed>();

  function context(trusted: boolean): ComposeContext {
    return {
      trusted,
      codeSystem: (url, version) => codeSystems.find(url, version),
      valueSet(canonical, trail) {
        const found = valueSets.find(canonical);
        if (!found) throw new TerminologyError('not-found', `the value set ${canonical} is not known here`);
        if (trail.includes(found.url))
          throw new TerminologyError(
            'invalid',
            `the value set ${found.url} includes itself (${[...trail, found.url].join(' → ')})`,
          );
        return composed(found.resource, trail);
      },
    };
  }

  function composed(valueSet: ValueSetResource, trail: readonly string[] = []): Composed {
    let result = composedOf.get(valueSet);
    if (!result) {
      result = composeValueSet(valueSet, context(true), [...trail, valueSet.url ?? '']);
      composedOf.set(valueSet, result);
    }
    return result;
  }

  /** The value set an operation names: by id (instance form), by url (and valueSetVersion) or sent inline. */
  function valueSetOf(
    input: OperationInput,
    id: string | undefined,
  ): { valueSet: ValueSetResource; composed: Composed } {
    if (id !== undefined) {
      const valueSet = read('ValueSet', id) as ValueSetResource;
      return { valueSet, composed: composed(valueSet) };
    }
    const inline = input.resource('valueSet');
    if (inline) {
      if (inline.resourceType !== 'ValueSet')
        throw new TerminologyError('invalid', 'valueSet must be a ValueSet', 'valueSet');
      const valueSet = inline as ValueSetResource;
      return { valueSet, composed: composeValueSet(valueSet, context(false), [valueSet.url ?? '']) };
    }
    const url = input.string('url');
    if (url === undefined) throw new TerminologyError('required', 'url (the value set) is required', 'url');
    const version = input.string('valueSetVersion');
    const found = valueSets.find(url, version);
    if (!found)
      throw new TerminologyError(
        'not-found',
        `the value set ${url}${version ? ` version ${version}` : ''} is not known here`,
        'url',
      );
    return { valueSet: found.resource, composed: composed(found.resource) };
  }

  /** The coding an operation is about: code + system (+ version, display), or coding, or codeableConcept. */
  function codingsOf(input: OperationInput, systemName: string, versionName: string): Coding[] {
    const coding = input.coding('coding');
    if (coding) return [coding];
    const concept = input.has('codeableConcept') ? input.codeableConcept('codeableConcept') : undefined;
    if (concept) return concept.filter((c) => typeof c.code === 'string');
    const code = input.string('code');
    if (code === undefined) throw new TerminologyError('required', 'code (or coding) is required', 'code');
    const system = input.string(systemName);
    const version = input.string(versionName);
    const display = input.string('display');
    return [
      {
        code,
        ...(system !== undefined ? { system } : {}),
        ...(version !== undefined ? { version } : {}),
        ...(display !== undefined ? { display } : {}),
      },
    ];
  }

  function known(type: TerminologyType, id: string): string {
    if (!byId[type].has(id)) throw new TerminologyError('not-found', `${type}/${id} is not known`);
    return id;
  }

  function read(type: TerminologyType, id: string): AnyResource {
    return whole(byId[type].get(known(type, id)) as Held);
  }

  function systemFor(url: string | undefined, version: string | undefined, name = 'system'): CodeSystemIndex {
    if (url === undefined) throw new TerminologyError('required', `${name} is required`, name);
    const found = codeSystems.find(url, version);
    if (!found) {
      const held = codeSystems.versions(url);
      throw new TerminologyError(
        'not-found',
        held.length > 0
          ? `version ${version} of ${url} is not known here (held: ${held.join(', ')})`
          : `the code system ${url} is not known here`,
        name,
      );
    }
    if (!found.complete)
      throw new TerminologyError(
        'not-supported',
        `${url} is published here without its concepts (content ${found.resource.content})`,
        name,
      );
    return found;
  }

  let concepts = 0;
  for (const id of byId.CodeSystem.keys()) concepts += systemById.get(id)?.concepts.length ?? 0;

  return {
    counts: { codeSystems: byId.CodeSystem.size, valueSets: byId.ValueSet.size, concepts },
    read,
    search(type, query) {
      const entries = [...byId[type].values()];
      const found = new Set(searchResources(entries.map(fieldsOf), query));
      return entries.filter((entry) => found.has(entry.fields)).map(whole);
    },
    expand(input, id) {
      refuseUnknown(input, EXPAND_PARAMETERS, '$expand');
      const options = {
        filter: input.string('filter'),
        count: input.integer('count', 0, 1_000_000),
        offset: input.integer('offset', 0, 100_000_000),
        includeDesignations: input.boolean('includeDesignations'),
      };
      const { valueSet, composed } = valueSetOf(input, id);
      return expandSegments(valueSet, complete(composed), options);
    },
    lookup(input) {
      refuseUnknown(input, LOOKUP_PARAMETERS, '$lookup');
      const [coding] = codingsOf(input, 'system', 'version');
      const system = systemFor(coding?.system, coding?.version);
      const code = coding?.code as string;
      const wanted = input.has('property') ? input.string('property')?.split(',') : undefined;
      const result = lookupResult(system, code, wanted);
      if (!result) throw new TerminologyError('not-found', `${system.url} has no code ${code}`, 'code');
      return result;
    },
    validateCode(input, id) {
      refuseUnknown(input, VALIDATE_PARAMETERS, '$validate-code');
      const codings = codingsOf(input, 'system', 'systemVersion');
      const { valueSet, composed } = valueSetOf(input, id);
      const label = valueSet.url ?? valueSet.id ?? 'given';
      if (codings.length === 0) return validationResult(false, 'the CodeableConcept has no coded value');
      const answers = codings.map((coding) => validateInValueSet(composed, label, coding));
      // A CodeableConcept is valid when one of its codings is.
      return (
        answers.find((answer) => answer.parameter[0]?.valueBoolean === true) ?? (answers[0] as Parameters)
      );
    },
    validateCodeInSystem(input, id) {
      refuseUnknown(input, VALIDATE_SYSTEM_PARAMETERS, '$validate-code');
      const codings = codingsOf(input, 'url', 'version');
      const [first] = codings;
      const system =
        id !== undefined
          ? (systemById.get(known('CodeSystem', id)) ?? systemFor(undefined, undefined, 'url'))
          : systemFor(first?.system, first?.version, 'url');
      const all = { segments: [wholeSystem(system)], gaps: [] };
      const answers = codings.map((coding) =>
        validateInValueSet(all, system.url, {
          ...coding,
          system: system.url,
          version: undefined,
        } as Coding),
      );
      return (
        answers.find((answer) => answer.parameter[0]?.valueBoolean === true) ?? (answers[0] as Parameters)
      );
    },
    warm() {
      for (const index of systemById.values()) index.warm();
      for (const { fields } of byId.ValueSet.values())
        try {
          composed(fields as ValueSetResource);
        } catch {
          // A value set that cannot be composed says why when asked; warming just moves on.
        }
    },
  };
}
