import {
  appDetailView,
  appInput,
  appSummaryView,
  certificationRunView,
  claimRegistration,
  createApp,
  developerCertifications,
  getDeveloperApp,
  issuedSecretView,
  listDeveloperApps,
  requestCertification,
  rotateAppSecret,
  storeUpload,
  submitApp,
  UPLOAD_KINDS,
  updateApp,
  uploadView,
} from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, developerProcedure } from '../trpc.ts';
import { developerOf, registryOptions } from './context-values.ts';

const appId = z.object({ appId: z.uuid() });

export const uploadInput = z.object({
  appId: z.uuid(),
  kind: z.enum(UPLOAD_KINDS),
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes, base64 */
  dataBase64: z
    .string()
    .min(1)
    .max(4 * 1024 * 1024),
});

export const developerAppsRouter = createTRPCRouter({
  /** Starts a certification of the app's newest version (button `Run certification`); runs in the background. */
  certify: developerProcedure
    .input(appId)
    .output(certificationRunView)
    .mutation(async ({ ctx, input }) => {
      const run = await requestCertification(ctx.sql, developerOf(ctx.user), input.appId);
      ctx.startCertification?.(run.id);
      return run;
    }),
  /** The app's certification runs, newest first (the page polls while one runs). */
  certifications: developerProcedure
    .input(appId)
    .output(z.array(certificationRunView))
    .query(({ ctx, input }) => developerCertifications(ctx.sql, developerOf(ctx.user), input.appId)),
  /** The developer's own apps. */
  list: developerProcedure
    .output(z.array(appSummaryView))
    .query(({ ctx }) => listDeveloperApps(ctx.sql, developerOf(ctx.user))),
  /** One of the developer's apps with its versions, clients and decisions; NOT_FOUND for anyone else's. */
  get: developerProcedure
    .input(appId)
    .output(appDetailView)
    .query(({ ctx, input }) =>
      getDeveloperApp(ctx.sql, developerOf(ctx.user), input.appId, registryOptions(ctx)),
    ),
  /** Registers an app as a draft and gives it a sandbox client at once (secrets of confidential-secret apps shown here, once). */
  create: developerProcedure
    .input(appInput)
    .output(z.object({ app: appDetailView, secrets: z.array(issuedSecretView) }))
    .mutation(({ ctx, input }) => createApp(ctx.sql, developerOf(ctx.user), input, registryOptions(ctx))),
  /**
   * Changes the working version: a draft or rejected version in place; a change to a live (or submitted)
   * app becomes a new version that goes through review while the approved one keeps working.
   */
  update: developerProcedure
    .input(z.object({ appId: z.uuid(), details: appInput }))
    .output(appDetailView)
    .mutation(({ ctx, input }) =>
      updateApp(ctx.sql, developerOf(ctx.user), input.appId, input.details, registryOptions(ctx)),
    ),
  /** Sends the working version to review. */
  submit: developerProcedure
    .input(appId)
    .output(appDetailView)
    .mutation(({ ctx, input }) =>
      submitApp(ctx.sql, developerOf(ctx.user), input.appId, registryOptions(ctx)),
    ),
  /** A new client secret, shown once; the previous one keeps working for the grace period. */
  rotateSecret: developerProcedure
    .input(
      z.object({
        appId: z.uuid(),
        environment: z.enum(['sandbox', 'production']),
        /** How long the previous secret still works: 0 to 7 days, default 1 day */
        graceSeconds: z
          .number()
          .int()
          .min(0)
          .max(7 * 86_400)
          .default(86_400),
      }),
    )
    .output(issuedSecretView)
    .mutation(({ ctx, input }) => rotateAppSecret(ctx.sql, developerOf(ctx.user), input)),
  /** A logo or screenshot: type sniffed from its bytes (PNG, JPEG, WebP, GIF), size limited, stored in the database. */
  upload: developerProcedure
    .input(uploadInput)
    .output(uploadView)
    .mutation(({ ctx, input }) => storeUpload(ctx.sql, ctx.user.id, input)),
  /**
   * Brings a client registered through RFC 7591 into the console as an app: the developer proves it is
   * theirs with its RFC 7592 registration access token.
   */
  claimRegistration: developerProcedure
    .input(
      z.object({
        clientId: z.string().trim().min(1).max(200),
        registrationAccessToken: z.string().trim().min(1).max(512),
      }),
    )
    .output(appDetailView)
    .mutation(({ ctx, input }) =>
      claimRegistration(ctx.sql, developerOf(ctx.user), input, registryOptions(ctx)),
    ),
});
