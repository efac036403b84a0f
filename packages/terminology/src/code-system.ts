import { foldText } from './text.ts';
import { TextIndex } from './text-index.ts';
import type { CodeSystemConcept, CodeSystemResource, ConceptProperty, Designation } from './types.ts';

/** How many recent filter answers a code system keeps, and how many ordinals they may hold in all (4 bytes each). */
const RECENT_ENTRIES = 256;
const RECENT_ORDINALS = 500_000;

/** One concept of a code system, flattened out of the nesting, with its place in the hierarchy. */
export interface Concept {
  readonly ordinal: number;
  readonly code: string;
  readonly display: string | undefined;
  readonly definition: string | undefined;
  readonly designation: readonly Designation[];
  readonly property: readonly ConceptProperty[];
  /** Codes of its parents: the concept it is nested in, and `parent` properties */
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

type Building = { -readonly [K in keyof Concept]: Concept[K] };

/**
 * The one empty list every concept without designations, properties, parents or children shares. The
 * guide's large code systems are flat lists of code and display (82,000 concepts): four lists apiece would
 * be a third of a million objects that the collector marks again on every major collection.
 */
const NONE: readonly never[] = Object.freeze([]);

function append(concept: Building, list: 'parents' | 'children', code: string): void {
  if (concept[list] === NONE) concept[list] = [];
  (concept[list] as string[]).push(code);
}

/** Appends a relation stated by a property, unless the nesting or another property already gave it. */
function add(concept: Building, list: 'parents' | 'children', code: string): void {
  if (!concept[list].includes(code)) append(concept, list, code);
}

/** A resource without its `concept` list: what is kept of it beside an index of its concepts. */
export function withoutConcepts<T extends object>(resource: T): T {
  const { concept: _concepts, ...rest } = resource as T & { concept?: unknown };
  return rest as T;
}

/**
 * A code system held in memory: its concepts in order (nested ones flattened depth-first), found by code
 * (case-insensitively when the system says it is not case-sensitive), their hierarchy, and a substring
 * index over code, display and designations built the first time a filter needs it.
 */
export class CodeSystemIndex {
  readonly resource: CodeSystemResource;
  readonly url: string;
  readonly version: string | undefined;
  readonly concepts: readonly Concept[];
  readonly #byCode = new Map<string, Concept>();
  readonly #caseSensitive: boolean;
  #text: TextIndex | undefined;
  readonly #recent = new Map<string, Int32Array>();
  #recentSize = 0;

  constructor(resource: CodeSystemResource) {
    this.resource = withoutConcepts(resource);
    this.url = resource.url ?? '';
    this.version = resource.version;
    this.#caseSensitive = resource.caseSensitive !== false;
    const concepts: Building[] = [];
    const walk = (list: readonly CodeSystemConcept[] | undefined, parent: Building | undefined) => {
      for (const source of list ?? []) {
        if (typeof source?.code !== 'string') continue;
        const concept: Building = {
          ordinal: concepts.length,
          code: source.code,
          display: source.display,
          definition: source.definition,
          designation: source.designation?.length ? source.designation : NONE,
          property: source.property?.length ? source.property : NONE,
          parents: parent ? [parent.code] : NONE,
          children: NONE,
        };
        concepts.push(concept);
        if (!this.#byCode.has(this.#key(concept.code))) this.#byCode.set(this.#key(concept.code), concept);
        if (parent) append(parent, 'children', concept.code);
        walk(source.concept, concept);
      }
    };
    walk(resource.concept, undefined);
    // Hierarchy stated with properties instead of nesting.
    for (const concept of concepts)
      for (const property of concept.property) {
        const other = property.valueCode ?? property.valueCoding?.code;
        if (!other) continue;
        const related = this.get(other) as Building | undefined;
        if (property.code === 'parent') {
          add(concept, 'parents', other);
          if (related) add(related, 'children', concept.code);
        }
        if (property.code === 'child') {
          add(concept, 'children', other);
          if (related) add(related, 'parents', concept.code);
        }
      }
    this.concepts = concepts;
  }

  /** Whether it holds its concepts (`content` complete, or a fragment or supplement that has some). */
  get complete(): boolean {
    return (this.resource.content ?? 'complete') === 'complete';
  }

  get(code: string): Concept | undefined {
    return this.#byCode.get(this.#key(code));
  }

  /**
   * Ordinals of the concepts whose code, display or designations contain every (folded) word. The answers
   * to recent filters are kept (the data never changes): pickers send the same few letters again and again.
   */
  match(words: readonly string[]): Int32Array {
    this.#text ??= new TextIndex(this.concepts.map(searchText));
    const key = words.join(' ');
    const kept = this.#recent.get(key);
    if (kept) {
      this.#recent.delete(key);
      this.#recent.set(key, kept);
      return kept;
    }
    const found = this.#text.match(words);
    this.#recent.set(key, found);
    this.#recentSize += found.length;
    for (const [oldKey, old] of this.#recent) {
      if (this.#recent.size <= RECENT_ENTRIES && this.#recentSize <= RECENT_ORDINALS) break;
      this.#recent.delete(oldKey);
      this.#recentSize -= old.length;
    }
    return found;
  }

  /** Builds the substring index now rather than on the first filter. */
  warm(): void {
    this.#text ??= new TextIndex(this.concepts.map(searchText));
  }

  /** The codes below `code` (not itself), following children transitively. */
  descendants(code: string): Set<string> {
    const found = new Set<string>();
    const stack = [...(this.get(code)?.children ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (found.has(next)) continue;
      found.add(next);
      stack.push(...(this.get(next)?.children ?? []));
    }
    return found;
  }

  /** The codes above `code` (not itself), following parents transitively. */
  ancestors(code: string): Set<string> {
    const found = new Set<string>();
    const stack = [...(this.get(code)?.parents ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (found.has(next)) continue;
      found.add(next);
      stack.push(...(this.get(next)?.parents ?? []));
    }
    return found;
  }

  #key(code: string): string {
    return this.#caseSensitive ? code : code.toLowerCase();
  }
}

export function searchText(concept: {
  code: string;
  display?: string | undefined;
  designation?: readonly Designation[];
}): string {
  return foldText(
    [concept.code, concept.display ?? '', ...(concept.designation ?? []).map((d) => d.value)].join('\n'),
  );
}
