import {
  appDetailView,
  appInput,
  appSummaryView,
  issuedSecretView,
  UPLOAD_KINDS,
  uploadView,
} from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, developerProcedure } from '../trpc.ts';
import { notYet } from './not-yet.ts';

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
  /** The developer's own apps. */
  list: developerProcedure.output(z.array(appSummaryView)).query(() => notYet()),
  /** One of the developer's apps with its versions, clients and decisions; NOT_FOUND for anyone else's. */
  get: developerProcedure
    .input(appId)
    .output(appDetailView)
    .query(() => notYet()),
  /** Registers an app as a draft and gives it a sandbox client at once (its secret shown here, once). */
  create: developerProcedure
    .input(appInput)
    .output(z.object({ app: appDetailView, sandboxSecret: issuedSecretView.nullable() }))
    .mutation(() => notYet()),
  /**
   * Changes the working version: a draft or rejected version in place; a change to a live (or submitted)
   * app becomes a new version that goes through review while the approved one keeps working.
   */
  update: developerProcedure
    .input(z.object({ appId: z.uuid(), details: appInput }))
    .output(appDetailView)
    .mutation(() => notYet()),
  /** Sends the working version to review. */
  submit: developerProcedure
    .input(appId)
    .output(appDetailView)
    .mutation(() => notYet()),
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
    .mutation(() => notYet()),
  /** A logo or screenshot: type sniffed from its bytes (PNG, JPEG, WebP, GIF), size limited, stored in the database. */
  upload: developerProcedure
    .input(uploadInput)
    .output(uploadView)
    .mutation(() => notYet()),
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
    .mutation(() => notYet()),
});
