import { defineConfig } from 'prisma/config';

// Used by `prisma generate` only; migrations are applied by src/migrate (WASM schema engine).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
