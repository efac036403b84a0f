// portal-catalog-search (issue 11): the marketplace's text search through the portal's tRPC endpoint, over
// BENCH_PORTAL_APPS listed apps (default 1,000), in Chinese; the row also records the portal's first
// production build (from an empty .next) and its RSS after the load.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { approveApp, createApp, submitApp } from '@openpas/app-registry';
import { openDatabase, openFastSql } from '@openpas/db';
import { readSeedConfig } from '@openpas/db/seed';
import { createThrowawayDatabase } from '@openpas/db/testing';
import { seedSandbox } from '@openpas/fhir-store';
import { startPortal } from '../../apps/portal/e2e/portal-process.ts';
import { buildPortal } from '../../apps/portal/scripts/build.ts';
import { appMemory } from '../lib/memory.ts';
import type { Scenario } from '../run.ts';

const apps = Number(process.env.BENCH_PORTAL_APPS ?? 1000);
const PORT = 3990;

const TOPICS = [
  ['Oncology prior authorization', '癌症用藥事前審查'],
  ['Immunology drug request checker', '免疫製劑申請檢查'],
  ['Lab result dashboard', '檢驗結果儀表板'],
  ['Pharmacy stock alerts', '藥局庫存提醒'],
  ['Care team messenger', '照護團隊訊息'],
  ['Claim status tracker', '申請案件進度追蹤'],
  ['Patient medication diary', '病人用藥日記'],
  ['Ward discharge planner', '病房出院規劃'],
] as const;

async function fillCatalog(databaseUrl: string): Promise<void> {
  const db = await openDatabase({ url: databaseUrl });
  const urls = { PORTAL_URL: `http://127.0.0.1:${PORT}`, OPENPAS_SANDBOX: '1', DATABASE_URL: databaseUrl };
  await seedSandbox(db, readSeedConfig(urls));
  const sql = await openFastSql(db);
  const developer = await db.prisma.user.findUniqueOrThrow({ where: { username: 'developer' } });
  const admin = await db.prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const options = { production: false, authIssuer: 'http://127.0.0.1:3901' };
  const who = { userId: developer.id, organizationId: developer.organizationId };
  for (let i = 0; i < apps; i++) {
    const [en, zh] = TOPICS[i % TOPICS.length] ?? TOPICS[0];
    const { app } = await createApp(
      sql,
      who,
      {
        name: `${en} ${i}`,
        summaryEn: `${en}: app number ${i} for hospitals.`,
        summaryZh: `${zh}（第 ${i} 號應用程式）`,
        descriptionEn: `${en}. Works with TWPAS and SMART on FHIR, launched from the EHR.`,
        descriptionZh: `${zh}，支援 TWPAS 與 SMART on FHIR，可由病歷系統啟動。`,
        launchTypes: ['clinician-ehr'],
        clientKind: 'public',
        redirectUris: [`https://app${i}.example.org/callback`],
        launchUrl: `https://app${i}.example.org/launch`,
        scopes: 'openid fhirUser launch user/Patient.rs',
        categories: ['prior-authorization'],
        specialties: ['oncology'],
        userTypes: ['clinician'],
      },
      options,
    );
    await submitApp(sql, who, app.id, options);
    await approveApp(sql, { userId: admin.id }, app.id, null, {
      certificationOverride: 'bench data: not certified',
    });
  }
  await sql.close();
  await db.close();
}

export const scenarios: Scenario[] = [
  {
    name: 'portal-catalog-search',
    async setup() {
      const database = await createThrowawayDatabase();
      const filled = performance.now();
      await fillCatalog(database.url);
      process.stderr.write(
        `bench: ${apps} listed apps in ${((performance.now() - filled) / 1000).toFixed(0)} s\n`,
      );
      rmSync(resolve(import.meta.dirname, '../../apps/portal/.next'), { recursive: true, force: true });
      const { seconds } = await buildPortal({ force: true });
      process.stderr.write(`bench: the portal's first build took ${seconds.toFixed(1)} s\n`);
      const portal = await startPortal({
        port: PORT,
        logLevel: 'warn',
        env: { DATABASE_URL: database.url, AUTH_ISSUER: 'http://127.0.0.1:3901' },
      });
      const input = encodeURIComponent(JSON.stringify({ q: '事前審查', pageSize: 20 }));
      return {
        load: { url: `${portal.url}/api/trpc/catalog.search?input=${input}` },
        database: `postgresql, ${apps} listed apps; first build ${seconds.toFixed(0)} s`,
        memory: () => appMemory({ portal: { pid: portal.pid } }),
        sameWork: {
          databaseUrl: database.url,
          async twin(databaseUrl: string) {
            const twin = await startPortal({
              port: PORT + 1,
              logLevel: 'warn',
              env: { DATABASE_URL: databaseUrl, AUTH_ISSUER: 'http://127.0.0.1:3901' },
            });
            return { origin: twin.url, stop: () => twin.stop() };
          },
        },
        async stop() {
          await portal.stop();
          await database.drop();
        },
      };
    },
  },
];
