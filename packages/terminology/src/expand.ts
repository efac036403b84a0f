import { TerminologyError } from './errors.ts';
import type { Segment } from './segment.ts';
import { filterWords } from './text.ts';
import type { ValueSetResource } from './types.ts';

export interface ExpandOptions {
  filter?: string | undefined;
  /** Codes to return (default: all of them, when there are no more than `maxCodes`) */
  count?: number | undefined;
  offset?: number | undefined;
  includeDesignations?: boolean | undefined;
}

/** Most codes one expansion answers with; a larger one must be paged (count, offset) or filtered. */
export const MAX_EXPANSION_CODES = 1000;

interface Hit {
  segment: Segment;
  indices: ArrayLike<number> | undefined;
  size: number;
}

/** The expansion of a value set's segments: the codes matching `filter`, one page of them, and their total. */
export function expandSegments(
  valueSet: ValueSetResource,
  segments: readonly Segment[],
  options: ExpandOptions,
  now: Date = new Date(),
): ValueSetResource {
  const words = options.filter === undefined ? [] : filterWords(options.filter);
  const hits: Hit[] = segments.map((segment) => {
    if (words.length === 0) return { segment, indices: undefined, size: segment.size };
    const indices = segment.match(words);
    return { segment, indices, size: indices.length };
  });
  const total = hits.reduce((sum, hit) => sum + hit.size, 0);
  const offset = options.offset ?? 0;
  if (options.count === undefined && total - offset > MAX_EXPANSION_CODES)
    throw new TerminologyError(
      'too-costly',
      `the expansion has ${total} codes, more than the ${MAX_EXPANSION_CODES} one answer holds: page it with count and offset, or narrow it with filter`,
    );
  const count = Math.min(options.count ?? MAX_EXPANSION_CODES, MAX_EXPANSION_CODES);
  const contains: Record<string, unknown>[] = [];
  let skip = offset;
  for (const hit of hits) {
    if (contains.length >= count) break;
    if (skip >= hit.size) {
      skip -= hit.size;
      continue;
    }
    for (let at = skip; at < hit.size && contains.length < count; at++) {
      const index = hit.indices ? (hit.indices[at] as number) : at;
      const member = hit.segment.member(index);
      contains.push({
        system: hit.segment.system,
        ...(hit.segment.version !== undefined ? { version: hit.segment.version } : {}),
        code: member.code,
        ...(member.display !== undefined ? { display: member.display } : {}),
        ...(options.includeDesignations && member.designation?.length
          ? { designation: member.designation }
          : {}),
      });
    }
    skip = 0;
  }
  const used = [...new Set(segments.map((s) => (s.version ? `${s.system}|${s.version}` : s.system)))];
  return {
    resourceType: 'ValueSet',
    ...(valueSet.id !== undefined ? { id: valueSet.id } : {}),
    ...pick(valueSet, ['url', 'version', 'name', 'title', 'status']),
    expansion: {
      identifier: `urn:uuid:${crypto.randomUUID()}`,
      timestamp: now.toISOString(),
      total,
      offset,
      parameter: [
        ...(options.filter !== undefined ? [{ name: 'filter', valueString: options.filter }] : []),
        ...(options.count !== undefined ? [{ name: 'count', valueInteger: count }] : []),
        { name: 'offset', valueInteger: offset },
        ...used.map((uri) => ({ name: 'used-codesystem', valueUri: uri })),
      ],
      ...(contains.length > 0 ? { contains } : {}),
    },
  };
}

function pick(resource: ValueSetResource, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(
    keys.filter((key) => resource[key] !== undefined).map((key) => [key, resource[key]]),
  );
}
