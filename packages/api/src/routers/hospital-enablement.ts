import { enablementView, hospitalApps, setEnablement } from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, hospitalAdminProcedure } from '../trpc.ts';

const hospitalAdmin = (ctx: { user: { id: string }; organizationId: string }) => ({
  userId: ctx.user.id,
  organizationId: ctx.organizationId,
});

export const hospitalEnablementRouter = createTRPCRouter({
  /** Every listed app with whether the admin's hospital has enabled it. */
  list: hospitalAdminProcedure
    .input(z.object({ q: z.string().trim().max(200).default('') }).default({ q: '' }))
    .output(z.array(enablementView))
    .query(({ ctx, input }) => hospitalApps(ctx.sql, hospitalAdmin(ctx), input.q)),
  /** Enables or disables a listed app for the hospital's clinicians. */
  setEnabled: hospitalAdminProcedure
    .input(z.object({ appId: z.uuid(), enabled: z.boolean() }))
    .output(enablementView)
    .mutation(({ ctx, input }) => setEnablement(ctx.sql, hospitalAdmin(ctx), input.appId, input.enabled)),
});
