import { resolve } from 'node:path';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const repoRoot = resolve(import.meta.dirname, '../..');

// Workspace packages are TypeScript sources that Node runs as they are (type stripping); the server
// loads them at run time rather than bundling them, and with them Prisma, pg and PGlite.
const serverPackages = [
  '@openpas/api',
  '@openpas/db',
  '@openpas/env',
  '@openpas/auth-store',
  '@openpas/certification',
  'playwright-core',
  '@openpas/scopes',
  '@openpas/client-metadata',
  '@openpas/jwt',
  '@electric-sql/pglite',
  '@prisma/adapter-pg',
  'pglite-prisma-adapter',
  'pg',
  'pino',
  'openid-client',
];

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: serverPackages,
  // The shared controls are TypeScript sources, compiled with the portal's own.
  transpilePackages: ['@openpas/ui'],
  outputFileTracingRoot: repoRoot,
  turbopack: { root: repoRoot },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

export default createNextIntlPlugin('./src/i18n/request.ts')(config);
