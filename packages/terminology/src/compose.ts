import type { CodeSystemIndex } from './code-system.ts';
import { TerminologyError } from './errors.ts';
import { conceptFilter } from './filters.ts';
import { codeList, type Member, type Segment, wholeSystem } from './segment.ts';
import type { ComposeInclude, ValueSetResource } from './types.ts';

/** Where a compose finds the code systems and the other value sets it names. */
export interface ComposeContext {
  codeSystem(url: string, version?: string): CodeSystemIndex | undefined;
  /** Another value set composed (by canonical, `url|version` allowed); `trail` holds the ones being composed */
  valueSet(canonical: string, trail: readonly string[]): Composed;
  /** Whether the value set came from a loaded guide (regex filters allowed) */
  trusted: boolean;
}

/** A value set's codes as segments, and what it takes from code systems not held here (not in the segments). */
export interface Composed {
  readonly segments: readonly Segment[];
  /** Why the segments are not all of it: one sentence per include of a code system this server does not hold */
  readonly gaps: readonly { system: string; why: string }[];
}

/** Refuses to expand a value set with gaps: an expansion must be all of it. */
export function complete(composed: Composed): readonly Segment[] {
  const gap = composed.gaps[0];
  if (gap) throw new TerminologyError('not-supported', gap.why);
  return composed.segments;
}

/** A set of codes an include or exclude selects. */
type Selection =
  | { kind: 'whole'; system: CodeSystemIndex }
  | { kind: 'list'; system: string; version: string | undefined; members: Member[]; caseSensitive: boolean };

const keyOf = (system: string, code: string) => `${system}\u0000${code}`;

type Gaps = { system: string; why: string }[];

function unavailable(system: string, why: string): { system: string; why: string } {
  return {
    system,
    why: `the value set ${why} of ${system}, a code system this server does not hold, so it cannot be expanded here`,
  };
}

function selectSystem(include: ComposeInclude, context: ComposeContext, gaps: Gaps): Selection {
  const url = include.system as string;
  const held = context.codeSystem(url, include.version);
  if (include.version && !held && context.codeSystem(url))
    throw new TerminologyError('not-found', `version ${include.version} of ${url} is not known here`);
  const concepts = include.concept ?? [];
  const filters = include.filter ?? [];
  if (concepts.length === 0 && filters.length === 0) {
    if (held?.complete) return { kind: 'whole', system: held };
    gaps.push(unavailable(url, 'includes all the codes'));
    return { kind: 'list', system: url, version: include.version, members: [], caseSensitive: true };
  }
  let members: Member[];
  if (concepts.length > 0) {
    members = concepts.map((entry) => {
      const known = held?.get(entry.code);
      if (held?.complete && !known)
        throw new TerminologyError(
          'invalid',
          `the value set names ${url} code ${entry.code}, which it does not define`,
        );
      return {
        code: entry.code,
        display: entry.display ?? known?.display,
        designation: entry.designation ?? known?.designation ?? [],
      };
    });
  } else members = held?.concepts ? [...held.concepts] : [];
  if (filters.length > 0) {
    if (!held?.complete) {
      const stated = filters.map((f) => `${f.property} ${f.op} ${f.value}`).join(', ');
      gaps.push(unavailable(url, `takes the codes (${stated})`));
      return { kind: 'list', system: url, version: include.version, members: [], caseSensitive: true };
    }
    const tests = filters.map((filter) => conceptFilter(held, filter, context.trusted));
    members = members.filter((member) => {
      const concept = held.get(member.code);
      return concept !== undefined && tests.every((test) => test(concept));
    });
  }
  return {
    kind: 'list',
    system: url,
    version: held?.version ?? include.version,
    members,
    caseSensitive: held?.resource.caseSensitive !== false,
  };
}

/** The codes of segments as lists (whole systems spelled out), keyed for membership. */
function keysOf(segments: readonly Segment[]): Set<string> {
  const keys = new Set<string>();
  for (const segment of segments)
    for (let index = 0; index < segment.size; index++)
      keys.add(keyOf(segment.system, segment.member(index).code));
  return keys;
}

/** What one include or exclude selects: its system part, narrowed by the value sets it names. */
function select(
  include: ComposeInclude,
  context: ComposeContext,
  trail: readonly string[],
  gaps: Gaps,
): Selection[] {
  const valueSets = (include.valueSet ?? []).map((canonical) => {
    const composed = context.valueSet(canonical, trail);
    gaps.push(...composed.gaps);
    return composed.segments;
  });
  if (!include.system) {
    if (valueSets.length === 0)
      throw new TerminologyError('invalid', 'an include or exclude names neither a system nor a value set');
    // The codes in every named value set.
    const [first, ...rest] = valueSets;
    const others = rest.map(keysOf);
    return (first ?? []).map((segment) => {
      if (others.length === 0 && segment.whole) return { kind: 'whole', system: segment.whole };
      return asSelection(segment, (code) => others.every((keys) => keys.has(keyOf(segment.system, code))));
    });
  }
  const own = selectSystem(include, context, gaps);
  if (valueSets.length === 0) return [own];
  const others = valueSets.map(keysOf);
  const members = own.kind === 'whole' ? [...own.system.concepts] : own.members;
  return [
    {
      kind: 'list',
      system: own.kind === 'whole' ? own.system.url : own.system,
      version: own.kind === 'whole' ? own.system.version : own.version,
      members: members.filter((member) =>
        others.every((keys) => keys.has(keyOf(include.system as string, member.code))),
      ),
      caseSensitive: own.kind === 'whole' ? own.system.resource.caseSensitive !== false : own.caseSensitive,
    },
  ];
}

function asSelection(segment: Segment, keep: (code: string) => boolean): Selection {
  const members: Member[] = [];
  for (let index = 0; index < segment.size; index++) {
    const member = segment.member(index);
    if (keep(member.code)) members.push(member);
  }
  return { kind: 'list', system: segment.system, version: segment.version, members, caseSensitive: true };
}

/**
 * A value set's expansion as segments from its compose: includes in order (a whole code system stays
 * one segment answered by the system's own index), duplicates dropped, excludes removed.
 */
export function composeValueSet(
  valueSet: ValueSetResource,
  context: ComposeContext,
  trail: readonly string[] = [],
): Composed {
  const compose = valueSet.compose;
  if (!compose)
    throw new TerminologyError(
      'not-supported',
      `the value set ${valueSet.url ?? valueSet.id} has no compose to expand`,
    );
  const gaps: Gaps = [];
  const included = (compose.include ?? []).flatMap((include) => select(include, context, trail, gaps));
  // An exclude of codes not held removes nothing we could list: it is no gap.
  const excluded = (compose.exclude ?? []).flatMap((exclude) => select(exclude, context, trail, []));
  const excludedSystems = new Set<string>();
  const excludedCodes = new Set<string>();
  for (const selection of excluded) {
    if (selection.kind === 'whole') excludedSystems.add(selection.system.url);
    else for (const member of selection.members) excludedCodes.add(keyOf(selection.system, member.code));
  }
  const wholes = new Set(included.flatMap((s) => (s.kind === 'whole' ? [s.system.url] : [])));
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const selection of included) {
    const system = selection.kind === 'whole' ? selection.system.url : selection.system;
    if (excludedSystems.has(system)) continue;
    if (selection.kind === 'whole') {
      if (seen.has(system)) continue;
      seen.add(system);
      const touched = [...excludedCodes].some((key) => key.startsWith(`${system}\u0000`));
      segments.push(
        touched
          ? codeList(
              system,
              selection.system.version,
              selection.system.concepts.filter((c) => !excludedCodes.has(keyOf(system, c.code))),
              selection.system.resource.caseSensitive !== false,
            )
          : wholeSystem(selection.system),
      );
      continue;
    }
    if (wholes.has(system)) continue;
    const members = selection.members.filter((member) => {
      const key = keyOf(system, member.code);
      if (excludedCodes.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (members.length > 0)
      segments.push(codeList(system, selection.version, members, selection.caseSensitive));
  }
  return { segments, gaps };
}
