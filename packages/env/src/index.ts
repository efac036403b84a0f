export { createEnv, type Env, type EnvOf, type EnvSource } from './create-env.ts';
export {
  logEnv,
  publicUrl,
  publicUrlsEnv,
  runtimeEnv,
  sandboxEnabled,
  sandboxEnv,
} from './shared.ts';
