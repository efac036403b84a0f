import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEnv } from './create-env.ts';
import { runtimeEnv } from './shared.ts';

const portEnv = createEnv({
  name: 'port',
  schema: { PORT: z.coerce.number().int().min(1).default(8080) },
});
const appEnv = createEnv({
  name: 'example app',
  extends: [runtimeEnv, portEnv],
  schema: { GREETING: z.string().default('hello') },
});

describe('createEnv', () => {
  it('reads its own variables and those of the Envs it extends, with their defaults', () => {
    expect(appEnv.read({})).toEqual({ NODE_ENV: 'development', PORT: 8080, GREETING: 'hello' });
    expect(appEnv.read({ NODE_ENV: 'production', PORT: '9000', OTHER: 'ignored' })).toEqual({
      NODE_ENV: 'production',
      PORT: 9000,
      GREETING: 'hello',
    });
  });

  it('names every invalid variable in one error, with the name of the settings', () => {
    expect(() => appEnv.read({ NODE_ENV: 'staging', PORT: 'zero' })).toThrow(
      /^Invalid example app configuration: NODE_ENV: .+; PORT: .+$/,
    );
  });

  it('exposes one schema holding every variable', () => {
    expect(Object.keys(appEnv.schema.shape).sort()).toEqual(['GREETING', 'NODE_ENV', 'PORT']);
  });

  it('accepts a variable shared by two Envs when it is the same schema', () => {
    const twice = createEnv({ name: 'twice', extends: [runtimeEnv, appEnv], schema: {} });
    expect(twice.read({}).NODE_ENV).toBe('development');
  });

  it('refuses a variable defined twice with different meanings', () => {
    expect(() =>
      createEnv({ name: 'clash', extends: [portEnv], schema: { PORT: z.string().default('80') } }),
    ).toThrow('clash: PORT is defined twice with different schemas');
  });
});
