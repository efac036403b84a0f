import { RegistryError } from '@openpas/app-registry';
import { EmailTakenError } from '@openpas/auth-store';
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { FhirAccessNeeded, FhirCallFailed, type FhirGateway } from './review/fhir-gateway.ts';
import type { ApiServices } from './services.ts';

/** The message of PRECONDITION_FAILED when a reviewer's session must sign in for FHIR access. */
export const FHIR_ACCESS_NEEDED = 'fhir-access-needed';

// The tRPC context and the procedure kinds. Every check of who may call what is made here, on the server:
// a procedure is declared with the kind it needs and cannot forget the check.

/** The roles an account may hold (app_user.roles). */
export type Role = 'clinician' | 'patient' | 'developer' | 'admin' | 'reviewer' | 'hospital_admin';

/** The signed-in person, as the portal resolved their session cookie. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: readonly string[];
  organizationId: string | null;
  organizationName: string | null;
}

export interface CreateContextOptions {
  services: ApiServices;
  /** The session's user, or null when signed out */
  session: SessionUser | null;
  /** The FHIR API as the session's reviewer (null: the session has no FHIR access) */
  fhir?: FhirGateway | null;
}

export function createTRPCContext(options: CreateContextOptions) {
  return { ...options.services, user: options.session, fhir: options.fhir ?? null };
}

export type TRPCContext = ReturnType<typeof createTRPCContext>;

/**
 * A problem with one field of the input, found after the shape was checked (a JWKS URL that does not
 * answer, a redirect URI the policy refuses …): reported in `error.data.fieldErrors` like zod's.
 */
export class FieldErrors extends Error {
  readonly fieldErrors: Record<string, string[]>;

  constructor(fieldErrors: Record<string, string[]>) {
    super(
      Object.entries(fieldErrors)
        .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
        .join('\n'),
    );
    this.name = 'FieldErrors';
    this.fieldErrors = fieldErrors;
  }
}

const t = initTRPC.context<TRPCContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: Record<string, string[]> | null = null;
    if (cause instanceof z.ZodError) {
      fieldErrors = z.flattenError(cause).fieldErrors as Record<string, string[]>;
    } else if (cause instanceof FieldErrors) {
      fieldErrors = cause.fieldErrors;
    }
    return { ...shape, data: { ...shape.data, fieldErrors } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The registry's refusals become tRPC's codes here, once, with their field errors. */
function mapped(error: unknown): TRPCError | undefined {
  if (error instanceof RegistryError) {
    const code =
      error.code === 'not-found' ? 'NOT_FOUND' : error.code === 'conflict' ? 'CONFLICT' : 'BAD_REQUEST';
    return new TRPCError({
      code,
      message: error.message,
      ...(error.code === 'invalid' ? { cause: new FieldErrors(error.fieldErrors) } : {}),
    });
  }
  if (error instanceof FhirAccessNeeded) {
    return new TRPCError({ code: 'PRECONDITION_FAILED', message: FHIR_ACCESS_NEEDED, cause: error });
  }
  if (error instanceof FhirCallFailed) {
    const code =
      error.status === 400
        ? 'BAD_REQUEST'
        : error.status === 403
          ? 'FORBIDDEN'
          : error.status === 404
            ? 'NOT_FOUND'
            : 'INTERNAL_SERVER_ERROR';
    return new TRPCError({ code, message: error.message, cause: error });
  }
  if (error instanceof EmailTakenError) {
    return new TRPCError({
      code: 'CONFLICT',
      message: error.message,
      cause: new FieldErrors({ email: ['an account with this email address exists'] }),
    });
  }
  return undefined;
}

const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const replacement = mapped(result.error.cause);
    if (replacement) throw replacement;
  }
  return result;
});

/** Every change made through the portal is logged: which procedure, by whom, whether it went through (never its input). */
const actionLog = t.middleware(async ({ ctx, type, path, next }) => {
  const result = await next();
  if (type === 'mutation') {
    ctx.logger.info(
      {
        event: 'portal-action',
        procedure: path,
        userId: ctx.user?.id ?? null,
        ok: result.ok,
        ...(result.ok ? {} : { code: result.error.code }),
      },
      'portal action',
    );
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(actionLog).use(domainErrors);

/** Any signed-in person. */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

function withRole(role: Role) {
  return signedInProcedure.use(({ ctx, next }) => {
    if (!ctx.user.roles.includes(role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs the ${role} role` });
    }
    return next({ ctx });
  });
}

/** App developers: their own apps only (the registry answers NOT_FOUND for anyone else's). */
export const developerProcedure = withRole('developer');
/** Platform admins: app review. */
export const adminProcedure = withRole('admin');
/** A hospital's administrators: which listed apps the hospital's clinicians may launch. */
export const hospitalAdminProcedure = withRole('hospital_admin').use(({ ctx, next }) => {
  const organizationId = ctx.user.organizationId;
  if (!organizationId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'this account belongs to no hospital' });
  }
  return next({ ctx: { ...ctx, organizationId } });
});
/** Payer reviewers: the workbench, over the FHIR API with the access their sign-in brought. */
export const reviewerProcedure = withRole('reviewer').use(({ ctx, next }) => {
  if (!ctx.fhir) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: FHIR_ACCESS_NEEDED });
  return next({ ctx: { ...ctx, fhir: ctx.fhir } });
});
