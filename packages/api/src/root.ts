import { accountRouter } from './routers/account.ts';
import { adminReviewRouter } from './routers/admin-review.ts';
import { catalogRouter } from './routers/catalog.ts';
import { developerAppsRouter } from './routers/developer-apps.ts';
import { hospitalEnablementRouter } from './routers/hospital-enablement.ts';
import { reviewRouter } from './routers/review.ts';
import { createCallerFactory, createTRPCRouter } from './trpc.ts';

/** Every procedure of the portal, one router per area. */
export const appRouter = createTRPCRouter({
  account: accountRouter,
  catalog: catalogRouter,
  developerApps: developerAppsRouter,
  adminReview: adminReviewRouter,
  hospital: hospitalEnablementRouter,
  review: reviewRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls (server components, tests): createCaller(context). */
export const createCaller = createCallerFactory(appRouter);
