import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type JWK, publicJwkOf } from '@openpas/jwt';

/** The sandbox backend clients' keys, committed in sandbox/ so anyone can try backend services. */
export const sandboxKeyDir = resolve(import.meta.dirname, '../../../../sandbox');

export function readSandboxPrivateKey(file: string): JWK {
  return JSON.parse(readFileSync(resolve(sandboxKeyDir, file), 'utf8')) as JWK;
}

/** The JWKS a sandbox backend client is registered with: the public half of its committed key. */
export function sandboxPublicJwks(file: string): { keys: JWK[] } {
  return { keys: [publicJwkOf(readSandboxPrivateKey(file))] };
}

/** kids of every committed sandbox key: production refuses clients registered with them. */
export function readSandboxKids(): string[] {
  return ['hospital-backend.private.jwk.json', 'hospital-b-backend.private.jwk.json'].map(
    (file) => readSandboxPrivateKey(file).kid ?? '',
  );
}
