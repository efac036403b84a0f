import { TerminologyError } from './errors.ts';
import type { AnyResource, Coding, Parameters, ParametersParameter } from './types.ts';

/**
 * The parameters of an operation, from the query string (GET) or a Parameters resource (POST), read the
 * same way: strings, integers, booleans, a Coding and a resource.
 */
export class OperationInput {
  readonly #values = new Map<string, ParametersParameter[]>();

  private constructor(parameters: readonly ParametersParameter[]) {
    for (const parameter of parameters) {
      const list = this.#values.get(parameter.name) ?? [];
      list.push(parameter);
      this.#values.set(parameter.name, list);
    }
  }

  static fromQuery(query: URLSearchParams): OperationInput {
    return new OperationInput([...query].map(([name, value]) => ({ name, valueString: value })));
  }

  static fromParameters(body: unknown): OperationInput {
    const parameters = body as Partial<Parameters> | undefined;
    if (parameters?.resourceType !== 'Parameters' || !Array.isArray(parameters.parameter ?? []))
      throw new TerminologyError('invalid', 'the body must be a Parameters resource');
    const list = (parameters.parameter ?? []).filter(
      (p): p is ParametersParameter => typeof p === 'object' && p !== null && typeof p.name === 'string',
    );
    return new OperationInput(list);
  }

  has(name: string): boolean {
    return this.#values.has(name);
  }

  string(name: string): string | undefined {
    const list = this.#values.get(name);
    if (!list) return undefined;
    if (list.length > 1) throw new TerminologyError('invalid', `${name} may be given once`, name);
    const parameter = list[0] as ParametersParameter;
    const value =
      parameter.valueString ??
      parameter.valueUri ??
      parameter.valueCode ??
      (parameter.valueInteger !== undefined ? String(parameter.valueInteger) : undefined) ??
      (parameter.valueBoolean !== undefined ? String(parameter.valueBoolean) : undefined) ??
      firstPrimitive(parameter);
    if (typeof value !== 'string') throw new TerminologyError('invalid', `${name} must be a value`, name);
    return value;
  }

  integer(name: string, min: number, max: number): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max)
      throw new TerminologyError('invalid', `${name} must be a whole number from ${min} to ${max}`, name);
    return Number(text);
  }

  boolean(name: string): boolean | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false')
      throw new TerminologyError('invalid', `${name} must be true or false`, name);
    return text === 'true';
  }

  coding(name: string): Coding | undefined {
    const parameter = this.#values.get(name)?.[0];
    if (!parameter) return undefined;
    if (parameter.valueCoding) return parameter.valueCoding;
    // In a query string: system|code
    const text = parameter.valueString;
    if (typeof text === 'string') {
      const bar = text.indexOf('|');
      return bar === -1 ? { code: text } : { system: text.slice(0, bar), code: text.slice(bar + 1) };
    }
    throw new TerminologyError('invalid', `${name} must be a Coding`, name);
  }

  codeableConcept(name: string): Coding[] | undefined {
    const parameter = this.#values.get(name)?.[0];
    if (!parameter) return undefined;
    if (!parameter.valueCodeableConcept)
      throw new TerminologyError('invalid', `${name} must be a CodeableConcept`, name);
    return parameter.valueCodeableConcept.coding ?? [];
  }

  resource(name: string): AnyResource | undefined {
    const parameter = this.#values.get(name)?.[0];
    if (!parameter) return undefined;
    if (!parameter.resource || typeof parameter.resource.resourceType !== 'string')
      throw new TerminologyError('invalid', `${name} must be a resource`, name);
    return parameter.resource;
  }

  /** The names given that are not among `known` */
  unknown(known: readonly string[]): string[] {
    return [...this.#values.keys()].filter((name) => !known.includes(name));
  }
}

function firstPrimitive(parameter: ParametersParameter): string | undefined {
  for (const [key, value] of Object.entries(parameter))
    if (
      key.startsWith('value') &&
      (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    )
      return String(value);
  return undefined;
}
