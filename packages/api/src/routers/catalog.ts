import {
  CATEGORIES,
  catalogPageView,
  describeScopes,
  LAUNCH_TYPES,
  listingBySlug,
  listingView,
  plainScopeView,
  SPECIALTIES,
  searchCatalog,
  USER_TYPES,
} from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc.ts';

export const catalogSearchInput = z.object({
  /** Words in Chinese or English; empty lists everything */
  q: z.string().trim().max(200).default(''),
  category: z.enum(CATEGORIES).optional(),
  specialty: z.enum(SPECIALTIES).optional(),
  launchType: z.enum(LAUNCH_TYPES).optional(),
  userType: z.enum(USER_TYPES).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(20),
});

export const catalogRouter = createTRPCRouter({
  /** The public catalog of listed apps: text search, filters, relevance order, pages. */
  search: publicProcedure
    .input(catalogSearchInput)
    .output(catalogPageView)
    .query(({ ctx, input }) => searchCatalog(ctx.sql, input)),
  /** A listed app's page (its live version). NOT_FOUND for apps that are not listed. */
  listing: publicProcedure
    .input(z.object({ slug: z.string().min(1).max(100) }))
    .output(listingView)
    .query(({ ctx, input }) => listingBySlug(ctx.sql, input.slug)),
  /** The filters' choices. */
  facets: publicProcedure
    .output(
      z.object({
        categories: z.array(z.enum(CATEGORIES)),
        specialties: z.array(z.enum(SPECIALTIES)),
        launchTypes: z.array(z.enum(LAUNCH_TYPES)),
        userTypes: z.array(z.enum(USER_TYPES)),
      }),
    )
    .query(() => ({
      categories: [...CATEGORIES],
      specialties: [...SPECIALTIES],
      launchTypes: [...LAUNCH_TYPES],
      userTypes: [...USER_TYPES],
    })),
  /** Scopes in plain words (English and Traditional Chinese); a malformed scope is a field error. */
  describeScopes: publicProcedure
    .input(z.object({ scopes: z.string().max(2000) }))
    .output(z.array(plainScopeView))
    .query(({ input }) => describeScopes(input.scopes)),
});
