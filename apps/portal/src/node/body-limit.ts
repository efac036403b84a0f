// A request body read up to a limit: the tRPC endpoint would otherwise parse whatever a client sends.

/** The largest tRPC request body: a 2 MiB screenshot, base64 in JSON, with room for the rest of the call. */
export const MAX_TRPC_BODY_BYTES = 3 * 1024 * 1024 + 512 * 1024;

export type LimitedBody = { ok: true; request: Request } | { ok: false; response: Response };

function tooLarge(limit: number): Response {
  // The shape a tRPC client reads as an error (code -32600 is tRPC's PAYLOAD_TOO_LARGE family).
  const body = {
    error: {
      message: `The request body is larger than ${limit} bytes.`,
      code: -32600,
      data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 },
    },
  };
  return new Response(JSON.stringify(body), {
    status: 413,
    headers: { 'content-type': 'application/json', connection: 'close' },
  });
}

/**
 * The request with its body buffered, or a 413 when the body is (or says it is) larger than `limit`: a
 * declared Content-Length is refused before reading, a chunked body as soon as it passes the limit.
 */
export async function limitBody(request: Request, limit = MAX_TRPC_BODY_BYTES): Promise<LimitedBody> {
  if (!request.body) return { ok: true, request };
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await request.body.cancel().catch(() => {});
    return { ok: false, response: tooLarge(limit) };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, response: tooLarge(limit) };
    }
    chunks.push(value);
  }
  const body = Buffer.concat(chunks);
  return {
    ok: true,
    request: new Request(request.url, { method: request.method, headers: request.headers, body }),
  };
}
