/**
 * The codes of a guide's ValueSet, when they can be listed from the guide alone: includes of whole
 * CodeSystems the guide holds with `content: complete`, explicit concept lists, and other ValueSets of
 * the guide. A ValueSet with a filter, an exclude, or a system the guide does not hold cannot be listed
 * (`undefined`): its binding is then not checked here rather than guessed.
 */
import { isObject, type JsonObject, list, objects, str } from './json.ts';

/** Codes by system. */
export type CodeSet = Map<string, Set<string>>;

export interface Terminology {
  valueSets: Map<string, unknown>;
  codeSystems: Map<string, unknown>;
}

function canonical(url: string): string {
  const bar = url.indexOf('|');
  return bar < 0 ? url : url.slice(0, bar);
}

function conceptCodes(concepts: unknown, into: Set<string>): void {
  for (const { item } of objects(concepts)) {
    const code = str(item.code);
    if (code !== undefined) into.add(code);
    conceptCodes(item.concept, into);
  }
}

function systemCodes(system: string, terminology: Terminology): Set<string> | undefined {
  const codeSystem = terminology.codeSystems.get(system);
  if (!isObject(codeSystem) || codeSystem.content !== 'complete') return undefined;
  const codes = new Set<string>();
  conceptCodes(codeSystem.concept, codes);
  return codes;
}

function add(into: CodeSet, system: string, codes: Iterable<string>): void {
  const set = into.get(system) ?? new Set<string>();
  for (const code of codes) set.add(code);
  into.set(system, set);
}

function includeCodes(include: JsonObject, terminology: Terminology, seen: Set<string>): CodeSet | undefined {
  if (list(include.filter).length > 0) return undefined;
  const result: CodeSet = new Map();
  for (const url of list(include.valueSet)) {
    if (typeof url !== 'string') return undefined;
    const nested = expand(canonical(url), terminology, seen);
    if (!nested) return undefined;
    for (const [system, codes] of nested) add(result, system, codes);
  }
  const system = str(include.system);
  if (system === undefined) return result.size > 0 ? result : undefined;
  const concepts = objects(include.concept);
  if (concepts.length > 0) {
    add(
      result,
      system,
      concepts.flatMap(({ item }) => (typeof item.code === 'string' ? [item.code] : [])),
    );
    return result;
  }
  const all = systemCodes(system, terminology);
  if (!all) return undefined;
  add(result, system, all);
  return result;
}

function expand(url: string, terminology: Terminology, seen: Set<string>): CodeSet | undefined {
  if (seen.has(url)) return undefined;
  const valueSet = terminology.valueSets.get(url);
  if (!isObject(valueSet) || !isObject(valueSet.compose)) return undefined;
  if (list(valueSet.compose.exclude).length > 0) return undefined;
  const includes = objects(valueSet.compose.include);
  if (includes.length === 0) return undefined;
  const result: CodeSet = new Map();
  for (const { item } of includes) {
    const codes = includeCodes(item, terminology, new Set([...seen, url]));
    if (!codes) return undefined;
    for (const [system, set] of codes) add(result, system, set);
  }
  return result;
}

/** The codes of the ValueSet by system, or `undefined` when the guide alone cannot list them. */
export function valueSetCodes(url: string, terminology: Terminology): CodeSet | undefined {
  return expand(canonical(url), terminology, new Set());
}

/** Whether a code (with its system, when it has one) is in the set. */
export function inCodeSet(codes: CodeSet, code: string, system?: string): boolean {
  if (system !== undefined) return codes.get(system)?.has(code) ?? false;
  for (const set of codes.values()) if (set.has(code)) return true;
  return false;
}
