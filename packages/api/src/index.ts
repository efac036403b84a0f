export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export { type AppRouter, appRouter, createCaller } from './root.ts';
export type { ApiLogger, ApiServices } from './services.ts';
export {
  claimFhirRefresh,
  createPortalSession,
  endPortalSession,
  findPortalSession,
  readSessionFhirAccess,
  type SealedFhirAccess,
  storeSessionFhirAccess,
  sweepPortalSessions,
} from './sessions.ts';
export {
  type CreateContextOptions,
  createTRPCContext,
  FieldErrors,
  type Role,
  type SessionUser,
  type TRPCContext,
} from './trpc.ts';
