import { notFound, redirect } from 'next/navigation';

/** A tRPC error as a server component sees it (the error comes from the node side's own tRPC copy). */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Runs a call of the routers for a page: not there (or not yours) → the 404 page; signed out → off to
 * sign in and back; a reviewer without FHIR access → a sign-in that asks for it; wrong role →
 * `{ forbidden: true }` for the page to say so; a refused input → `{ invalid }` with the reason.
 */
export async function callForPage<T>(
  returnTo: string,
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; forbidden: true } | { ok: false; invalid: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const code = codeOf(error);
    if (code === 'NOT_FOUND') notFound();
    if (code === 'UNAUTHORIZED') redirect(`/api/auth/signin?returnTo=${encodeURIComponent(returnTo)}`);
    // The reviewer workbench needs the session's FHIR access: a sign-in that asks for it, and back.
    if (code === 'PRECONDITION_FAILED' && (error as Error).message === 'fhir-access-needed') {
      redirect(`/api/auth/signin?access=review&returnTo=${encodeURIComponent(returnTo)}`);
    }
    if (code === 'FORBIDDEN') return { ok: false, forbidden: true };
    // A request the page's own links would not make (an old paging cursor, a period the wrong way round).
    if (code === 'BAD_REQUEST') return { ok: false, invalid: (error as Error).message };
    throw error;
  }
}
