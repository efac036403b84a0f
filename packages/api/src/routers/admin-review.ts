import {
  approveApp,
  decideRegistration,
  queueItemView,
  REVIEW_STATUSES,
  registrationQueue,
  registrationView,
  rejectApp,
  retireApp,
  reviewOf,
  reviewQueue,
  reviewView,
  startReview,
  suspendApp,
} from '@openpas/app-registry';
import { z } from 'zod';
import { adminProcedure, createTRPCRouter } from '../trpc.ts';

const admin = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

const reason = z.string().trim().min(1, 'a reason is required').max(2000);

export const adminReviewRouter = createTRPCRouter({
  /** Submissions waiting (pending and in review) by default; or every app in one state. */
  queue: adminProcedure
    .input(z.object({ status: z.enum(REVIEW_STATUSES).optional() }).default({}))
    .output(z.array(queueItemView))
    .query(({ ctx, input }) => reviewQueue(ctx.sql, input.status)),
  /** One submission: candidate, live version, what changed, decisions. */
  get: adminProcedure
    .input(z.object({ appId: z.uuid() }))
    .output(reviewView)
    .query(({ ctx, input }) => reviewOf(ctx.sql, input.appId)),
  /** Takes a submission into review (pending → in_review). */
  startReview: adminProcedure
    .input(z.object({ appId: z.uuid() }))
    .output(reviewView)
    .mutation(({ ctx, input }) => startReview(ctx.sql, admin(ctx), input.appId)),
  /** Approves the submitted version: it goes live and the production client is activated. */
  approve: adminProcedure
    .input(
      z.object({
        appId: z.uuid(),
        note: z.string().trim().max(2000).optional(),
        /** Why a version whose certification did not pass (or never ran) is approved all the same */
        certificationOverride: z.string().trim().max(2000).optional(),
      }),
    )
    .output(reviewView)
    .mutation(({ ctx, input }) =>
      approveApp(ctx.sql, admin(ctx), input.appId, input.note ?? null, {
        certificationOverride: input.certificationOverride,
      }),
    ),
  /** Rejects the submitted version (the live one, if any, keeps working). */
  reject: adminProcedure
    .input(z.object({ appId: z.uuid(), reason }))
    .output(reviewView)
    .mutation(({ ctx, input }) => rejectApp(ctx.sql, admin(ctx), input.appId, input.reason)),
  /** Suspends a live app: its clients' tokens stop working at once. */
  suspend: adminProcedure
    .input(z.object({ appId: z.uuid(), reason }))
    .output(reviewView)
    .mutation(({ ctx, input }) => suspendApp(ctx.sql, admin(ctx), input.appId, input.reason)),
  /** RFC 7591 registrations waiting for a decision that no developer has brought into the portal. */
  registrations: adminProcedure
    .output(z.array(registrationView))
    .query(({ ctx }) => registrationQueue(ctx.sql)),
  /** Decides a client that is no app's (an RFC 7591 registration, a hospital's backend client). */
  decideClient: adminProcedure
    .input(
      z
        .object({
          clientId: z.string().trim().min(1).max(200),
          decision: z.enum(['approve', 'reject', 'suspend']),
          reason: z.string().trim().max(2000).optional(),
        })
        .refine((value) => value.decision === 'approve' || !!value.reason, {
          path: ['reason'],
          message: 'a reason is required',
        }),
    )
    .output(z.object({ clientId: z.string(), status: z.string() }))
    .mutation(({ ctx, input }) => decideRegistration(ctx.sql, admin(ctx), input)),
  /** Retires an app for good: unlisted, clients blocked. */
  retire: adminProcedure
    .input(z.object({ appId: z.uuid(), reason }))
    .output(reviewView)
    .mutation(({ ctx, input }) => retireApp(ctx.sql, admin(ctx), input.appId, input.reason)),
});
