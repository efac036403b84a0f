import type { CodeSystemIndex } from './code-system.ts';
import type { Parameters, ParametersParameter } from './types.ts';

/** CodeSystem/$lookup's answer: name, version, display, designations and properties of one concept. */
export function lookupResult(
  system: CodeSystemIndex,
  code: string,
  wanted: readonly string[] | undefined,
): Parameters | undefined {
  const concept = system.get(code);
  if (!concept) return undefined;
  const want = (name: string) => !wanted || wanted.length === 0 || wanted.includes(name);
  const parameter: ParametersParameter[] = [];
  const name = system.resource.name ?? system.resource.title;
  if (typeof name === 'string') parameter.push({ name: 'name', valueString: name });
  if (system.version !== undefined) parameter.push({ name: 'version', valueString: system.version });
  if (concept.display !== undefined) parameter.push({ name: 'display', valueString: concept.display });
  if (want('designation'))
    for (const designation of concept.designation)
      parameter.push({
        name: 'designation',
        part: [
          ...(designation.language ? [{ name: 'language', valueCode: designation.language }] : []),
          ...(designation.use ? [{ name: 'use', valueCoding: designation.use }] : []),
          { name: 'value', valueString: designation.value },
        ],
      });
  const property = (code: string, value: Record<string, unknown>): ParametersParameter => ({
    name: 'property',
    part: [
      { name: 'code', valueCode: code },
      { name: 'value', ...value },
    ],
  });
  if (concept.definition !== undefined && want('definition'))
    parameter.push(property('definition', { valueString: concept.definition }));
  if (want('parent'))
    for (const parent of concept.parents) parameter.push(property('parent', { valueCode: parent }));
  if (want('child'))
    for (const child of concept.children) parameter.push(property('child', { valueCode: child }));
  for (const own of concept.property) {
    if (own.code === 'parent' || own.code === 'child' || !want(own.code)) continue;
    const value = Object.fromEntries(Object.entries(own).filter(([key]) => key.startsWith('value')));
    parameter.push(property(own.code, value));
  }
  return { resourceType: 'Parameters', parameter };
}
