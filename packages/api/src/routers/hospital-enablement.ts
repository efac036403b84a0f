import { enablementView } from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, hospitalAdminProcedure } from '../trpc.ts';
import { notYet } from './not-yet.ts';

export const hospitalEnablementRouter = createTRPCRouter({
  /** Every listed app with whether the admin's hospital has enabled it. */
  list: hospitalAdminProcedure
    .input(z.object({ q: z.string().trim().max(200).default('') }).default({ q: '' }))
    .output(z.array(enablementView))
    .query(() => notYet()),
  /** Enables or disables a listed app for the hospital's clinicians. */
  setEnabled: hospitalAdminProcedure
    .input(z.object({ appId: z.uuid(), enabled: z.boolean() }))
    .output(enablementView)
    .mutation(() => notYet()),
});
