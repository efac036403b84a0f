import { TerminologyError } from './errors.ts';
import { foldText } from './text.ts';
import type { AnyResource } from './types.ts';

// Search of the conformance resources held (CodeSystem, ValueSet): by _id, url, version, status (exact), and
// name and title (strings: starts with, case-insensitive; `:exact`, `:contains`). Repeated parameters must
// all match; a comma means any of the values.

const PARAMETERS = ['_id', 'url', 'version', 'status', 'name', 'title'];
/** Result parameters the HTTP edge applies (paging, _summary, _elements): not filters. */
const RESULT_PARAMETERS = ['_count', '_summary', '_elements', '_format'];

function matcher(
  name: string,
  modifier: string | undefined,
  value: string,
): (resource: AnyResource) => boolean {
  const values = value.split(',');
  const field = name === '_id' ? 'id' : name;
  const read = (resource: AnyResource) => {
    const found = resource[field];
    return typeof found === 'string' ? found : undefined;
  };
  if (name === 'name' || name === 'title') {
    const folded = values.map(foldText);
    return (resource) => {
      const text = read(resource);
      if (text === undefined) return false;
      if (modifier === 'exact') return values.includes(text);
      const mine = foldText(text);
      return folded.some((v) => (modifier === 'contains' ? mine.includes(v) : mine.startsWith(v)));
    };
  }
  if (modifier !== undefined)
    throw new TerminologyError('invalid', `the modifier :${modifier} is not supported on ${name}`, name);
  return (resource) => {
    const text = read(resource);
    return text !== undefined && values.includes(text);
  };
}

export function searchResources(resources: readonly AnyResource[], query: URLSearchParams): AnyResource[] {
  const tests: ((resource: AnyResource) => boolean)[] = [];
  for (const [key, value] of query) {
    const [name = '', modifier] = key.split(':');
    if (RESULT_PARAMETERS.includes(name)) continue;
    if (!PARAMETERS.includes(name) || (modifier !== undefined && !['exact', 'contains'].includes(modifier)))
      throw new TerminologyError('invalid', `the search parameter ${key} is not supported here`, key);
    tests.push(matcher(name, modifier, value));
  }
  return resources.filter((resource) => tests.every((test) => test(resource)));
}
