export type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
export {
  FhirAccessNeeded,
  type FhirAnswer,
  type FhirGateway,
} from './review/fhir-gateway.ts';
export type { QueueFilters, QueuePage, QueueRow } from './review/queue.ts';
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
  FHIR_ACCESS_NEEDED,
  FieldErrors,
  type Role,
  type SessionUser,
  type TRPCContext,
} from './trpc.ts';
