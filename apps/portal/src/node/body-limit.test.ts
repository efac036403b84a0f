import { describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.ts';

function streamOf(parts: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ === parts) controller.close();
      else controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

describe('limitBody', () => {
  it('passes a body within the limit through unchanged', async () => {
    const result = await limitBody(
      new Request('http://portal.test/api/trpc/x', { method: 'POST', body: '{"json":{"a":1}}' }),
      100,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(await result.request.json()).toEqual({ json: { a: 1 } });
  });

  it('refuses a declared Content-Length over the limit with 413 before reading', async () => {
    const result = await limitBody(
      new Request('http://portal.test/api/trpc/x', {
        method: 'POST',
        body: 'x'.repeat(200),
        headers: { 'content-length': '200' },
      }),
      100,
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.response.status).toBe(413);
      expect(await result.response.json()).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE' } } });
    }
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    let pulled = 0;
    const source = streamOf(1000, 64);
    const counting = source.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          pulled++;
          controller.enqueue(chunk);
        },
      }),
    );
    const result = await limitBody(
      new Request('http://portal.test/api/trpc/x', {
        method: 'POST',
        body: counting,
        duplex: 'half',
      } as RequestInit),
      1000,
    );
    expect(result.ok).toBe(false);
    expect(pulled).toBeLessThan(40);
  });

  it('leaves a GET alone', async () => {
    const result = await limitBody(new Request('http://portal.test/api/trpc/x?input=%7B%7D'), 10);
    expect(result.ok).toBe(true);
  });
});
