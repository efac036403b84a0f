import { accountView, adoptOrganization } from '@openpas/app-registry';
import { registerDeveloper, setDeveloperOrganization, verifyEmail } from '@openpas/auth-store';
import { z } from 'zod';
import { createTRPCRouter, developerProcedure, publicProcedure } from '../trpc.ts';

export const signUpInput = z.object({
  email: z.email('a valid email address').trim().toLowerCase().max(254),
  password: z.string().min(10, 'at least 10 characters').max(200),
  displayName: z.string().trim().min(1, 'required').max(100),
  organizationName: z.string().trim().min(1, 'required').max(200),
});

export const accountRouter = createTRPCRouter({
  /** The signed-in person, or null. */
  me: publicProcedure.output(accountView.nullable()).query(({ ctx }) =>
    ctx.user
      ? {
          id: ctx.user.id,
          username: ctx.user.username,
          displayName: ctx.user.displayName,
          email: ctx.user.email,
          roles: [...ctx.user.roles],
          organizationId: ctx.user.organizationId,
          organizationName: ctx.user.organizationName,
        }
      : null,
  ),
  /** A developer signs up; the verification link is logged in the sandbox (and only there). */
  signUp: publicProcedure
    .input(signUpInput)
    .output(z.object({ userId: z.uuid() }))
    .mutation(async ({ ctx, input }) => {
      const { userId, verificationToken } = await registerDeveloper(ctx.sql, input);
      const link = `${ctx.portalUrl}/verify?token=${encodeURIComponent(verificationToken)}`;
      if (ctx.sandbox) {
        ctx.logger.info(
          { event: 'sign-up', userId, verificationLink: link },
          'sandbox: email verification link',
        );
      } else {
        ctx.logger.info({ event: 'sign-up', userId }, 'developer signed up; verification link to be mailed');
      }
      return { userId };
    }),
  /** The link of the verification mail. */
  verifyEmail: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .output(z.object({ result: z.enum(['verified', 'expired', 'unknown']) }))
    .mutation(async ({ ctx, input }) => ({ result: await verifyEmail(ctx.sql, input.token) })),
  /** The developer's organisation profile. */
  updateOrganization: developerProcedure
    .input(z.object({ organizationName: z.string().trim().min(1, 'required').max(200) }))
    .output(z.object({ organizationId: z.uuid(), organizationName: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await setDeveloperOrganization(ctx.sql, ctx.user.id, input.organizationName);
      await adoptOrganization(ctx.sql, ctx.user.id, result.organizationId);
      return result;
    }),
});
