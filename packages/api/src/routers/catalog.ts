import {
  CATEGORIES,
  catalogPageView,
  LAUNCH_TYPES,
  listingView,
  plainScopeView,
  SPECIALTIES,
  USER_TYPES,
} from '@openpas/app-registry';
import { z } from 'zod';
import { createTRPCRouter, publicProcedure } from '../trpc.ts';
import { notYet } from './not-yet.ts';

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
    .query(() => notYet()),
  /** A listed app's page (its live version). NOT_FOUND for apps that are not listed. */
  listing: publicProcedure
    .input(z.object({ slug: z.string().min(1).max(100) }))
    .output(listingView)
    .query(() => notYet()),
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
    .query(() => notYet()),
  /** Scopes in plain words (English and Traditional Chinese); a malformed scope is a field error. */
  describeScopes: publicProcedure
    .input(z.object({ scopes: z.string().max(2000) }))
    .output(z.array(plainScopeView))
    .query(() => notYet()),
});
