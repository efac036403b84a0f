import { z } from 'zod';

/** Where settings come from: process.env at start, a plain object in tests. */
export type EnvSource = Record<string, string | undefined>;

/** A named group of settings: its zod schema and the one function that reads it. */
export interface Env<Shape extends z.ZodRawShape = z.ZodRawShape> {
  readonly name: string;
  readonly schema: z.ZodObject<Shape>;
  /** Validates the whole group at once; throws one error naming every invalid variable. */
  read(source?: EnvSource): z.output<z.ZodObject<Shape>>;
}

/** The settings an Env reads, e.g. `type AuthEnv = EnvOf<typeof authEnv>`. */
export type EnvOf<E extends Env> = ReturnType<E['read']>;

type ShapeOf<E> = E extends { schema: z.ZodObject<infer Shape> } ? Shape : never;
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
  ? I
  : never;
type ExtendedShape<E extends readonly Env[]> = Intersection<ShapeOf<E[number]>>;

/**
 * Defines an app's or a package's settings as its own variables plus those of the Envs it extends (the
 * shape of create-t3-turbo's `createEnv({ extends })`). A variable two groups share must be the same
 * schema (import it from where it is defined), so each variable has one meaning everywhere.
 */
export function createEnv<Shape extends z.ZodRawShape, const E extends readonly Env[] = []>(options: {
  name: string;
  extends?: E;
  schema: Shape;
}): Env<ExtendedShape<E> & Shape> {
  const shape: Record<string, z.core.$ZodType> = {};
  for (const part of [...(options.extends ?? []).map((env) => env.schema.shape), options.schema]) {
    for (const [key, value] of Object.entries(part)) {
      if (shape[key] && shape[key] !== value) {
        throw new Error(`${options.name}: ${key} is defined twice with different schemas`);
      }
      shape[key] = value;
    }
  }
  const schema = z.object(shape) as z.ZodObject<ExtendedShape<E> & Shape>;
  return {
    name: options.name,
    schema,
    read(source: EnvSource = process.env) {
      const parsed = schema.safeParse(source);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
        throw new Error(`Invalid ${options.name} configuration: ${problems.join('; ')}`);
      }
      return parsed.data;
    },
  };
}
