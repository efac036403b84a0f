import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().optional(),
  OPENPAS_SANDBOX: z.enum(['0', '1']).optional(),
  LAUNCH_URL: z.url().default('http://localhost:3003'),
  PORTAL_URL: z.url().default('http://localhost:3000'),
});

export type SeedConfig = z.infer<typeof schema>;

export function readSeedConfig(env: NodeJS.ProcessEnv = process.env): SeedConfig {
  return schema.parse(env);
}

/** The sandbox is on by default, off by default in production; OPENPAS_SANDBOX=0|1 decides either way. */
export function sandboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const config = readSeedConfig(env);
  if (config.OPENPAS_SANDBOX) return config.OPENPAS_SANDBOX === '1';
  return config.NODE_ENV !== 'production';
}
