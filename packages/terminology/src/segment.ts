import type { CodeSystemIndex } from './code-system.ts';
import { searchText } from './code-system.ts';
import type { Designation } from './types.ts';

/** A code of an expansion, as `contains` shows it (its system and version are its segment's). */
export interface Member {
  readonly code: string;
  readonly display?: string | undefined;
  readonly designation?: readonly Designation[];
}

/**
 * A run of an expansion's codes from one code system: either the whole of a code system held here (its
 * filter answered by the system's substring index) or a list of codes (a concept list, the result of
 * compose filters, or what is left after excludes).
 */
export interface Segment {
  readonly system: string;
  readonly version: string | undefined;
  readonly size: number;
  /** The code system it is the whole of, when it is one */
  readonly whole?: CodeSystemIndex;
  member(index: number): Member;
  /** Indices of the members whose code, display or designations contain every (folded) word */
  match(words: readonly string[]): ArrayLike<number>;
  find(code: string): Member | undefined;
}

export function wholeSystem(system: CodeSystemIndex): Segment {
  return {
    system: system.url,
    version: system.version,
    size: system.concepts.length,
    whole: system,
    member: (index) => system.concepts[index] as Member,
    match: (words) => system.match(words),
    find: (code) => system.get(code),
  };
}

export function codeList(
  system: string,
  version: string | undefined,
  members: readonly Member[],
  caseSensitive = true,
): Segment {
  const key = (code: string) => (caseSensitive ? code : code.toLowerCase());
  let byCode: Map<string, Member> | undefined;
  let texts: string[] | undefined;
  return {
    system,
    version,
    size: members.length,
    member: (index) => members[index] as Member,
    match(words) {
      texts ??= members.map(searchText);
      const found: number[] = [];
      texts.forEach((text, index) => {
        if (words.every((word) => text.includes(word))) found.push(index);
      });
      return found;
    },
    find(code) {
      byCode ??= new Map(members.map((member) => [key(member.code), member]));
      return byCode.get(key(code));
    },
  };
}
