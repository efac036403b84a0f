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
  readonly parents: string[];
  readonly children: string[];
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
    this.resource = resource;
    this.url = resource.url ?? '';
    this.version = resource.version;
    this.#caseSensitive = resource.caseSensitive !== false;
    const concepts: Concept[] = [];
    const walk = (list: readonly CodeSystemConcept[] | undefined, parent: Concept | undefined) => {
      for (const source of list ?? []) {
        if (typeof source?.code !== 'string') continue;
        const concept: Concept = {
          ordinal: concepts.length,
          code: source.code,
          display: source.display,
          definition: source.definition,
          designation: source.designation ?? [],
          property: source.property ?? [],
          parents: parent ? [parent.code] : [],
          children: [],
        };
        concepts.push(concept);
        if (!this.#byCode.has(this.#key(concept.code))) this.#byCode.set(this.#key(concept.code), concept);
        parent?.children.push(concept.code);
        walk(source.concept, concept);
      }
    };
    walk(resource.concept, undefined);
    // Hierarchy stated with properties instead of nesting.
    for (const concept of concepts)
      for (const property of concept.property) {
        const other = property.valueCode ?? property.valueCoding?.code;
        if (!other) continue;
        if (property.code === 'parent' && !concept.parents.includes(other)) {
          concept.parents.push(other);
          const parent = this.get(other);
          if (parent && !parent.children.includes(concept.code)) parent.children.push(concept.code);
        }
        if (property.code === 'child' && !concept.children.includes(other)) {
          concept.children.push(other);
          const child = this.get(other);
          if (child && !child.parents.includes(concept.code)) child.parents.push(concept.code);
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
