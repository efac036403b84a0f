import { TRPCError } from '@trpc/server';

/** A procedure whose contract is fixed and whose body lands in a later commit. */
export function notYet(): never {
  throw new TRPCError({ code: 'METHOD_NOT_SUPPORTED', message: 'not built yet' });
}
