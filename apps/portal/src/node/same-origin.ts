// Cross-site request refusal for state-changing requests (tRPC mutations, sign-out). The session cookie is
// SameSite=Lax already; this is the second lock: a browser names the page that sent a POST in Origin (and
// Sec-Fetch-Site), and only the portal's own pages may change anything.

/** Why a state-changing request is refused, or undefined when it came from the portal's own pages. */
export function crossSiteRefusal(request: Request, portalUrl: string): string | undefined {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return undefined;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    const allowed = new Set([new URL(portalUrl).origin, new URL(request.url).origin]);
    return allowed.has(origin) ? undefined : `requests from ${origin} may not change anything here`;
  }
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return `a ${site} request may not change anything here`;
  }
  // Neither header: not a browser (browsers send Origin on every POST), so no ambient cookie to abuse.
  return undefined;
}

/** The refusal as a tRPC client reads it. */
export function crossSiteResponse(reason: string): Response {
  return new Response(
    JSON.stringify({
      error: { message: reason, code: -32003, data: { code: 'FORBIDDEN', httpStatus: 403 } },
    }),
    { status: 403, headers: { 'content-type': 'application/json' } },
  );
}
