import { accountView } from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, developerProcedure, publicProcedure } from '../trpc.ts';
import { notYet } from './not-yet.ts';

export const signUpInput = z.object({
  email: z.email('a valid email address').trim().toLowerCase().max(254),
  password: z.string().min(10, 'at least 10 characters').max(200),
  displayName: z.string().trim().min(1, 'required').max(100),
  organizationName: z.string().trim().min(1, 'required').max(200),
});

export const accountRouter = createTRPCRouter({
  /** The signed-in person, or null. */
  me: publicProcedure.output(accountView.nullable()).query(() => notYet()),
  /** A developer signs up; the verification link is logged in the sandbox. */
  signUp: publicProcedure
    .input(signUpInput)
    .output(z.object({ userId: z.uuid() }))
    .mutation(() => notYet()),
  /** The link of the verification mail. */
  verifyEmail: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200) }))
    .output(z.object({ result: z.enum(['verified', 'expired', 'unknown']) }))
    .mutation(() => notYet()),
  /** The developer's organisation profile. */
  updateOrganization: developerProcedure
    .input(z.object({ organizationName: z.string().trim().min(1, 'required').max(200) }))
    .output(z.object({ organizationId: z.uuid(), organizationName: z.string() }))
    .mutation(() => notYet()),
});
