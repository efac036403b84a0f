import { resolve } from 'node:path';
import { z } from 'zod';

const repoRoot = resolve(import.meta.dirname, '../../..');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OPENPAS_DATA_DIR: z.string().default(resolve(repoRoot, '.data')),
  OPENPAS_EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  OPENPAS_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
});

export type DbEnv = z.infer<typeof schema>;

/** Database settings from the environment, validated once. */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid database configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
