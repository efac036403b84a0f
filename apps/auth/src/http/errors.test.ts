import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.ts';
import { errorHandler, HttpError, pageRoute } from './errors.ts';

const servers: ReturnType<typeof createServer>[] = [];

async function serve(...middleware: Koa.Middleware[]): Promise<string> {
  const app = new Koa();
  app.use(errorHandler(createLogger('silent')));
  for (const item of middleware) app.use(item);
  const server = createServer(app.callback()).listen(0, '127.0.0.1');
  servers.push(server);
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

describe('the error handler', () => {
  it('answers an unexpected error with 500 server_error and never its message', async () => {
    const url = await serve(() => {
      throw new Error('connection to 10.0.0.5 refused');
    });
    const response = await fetch(url);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'server_error', error_description: 'unexpected error' });
  });

  it('answers an HttpError in the RFC 6749 shape, with its headers', async () => {
    const url = await serve(() => {
      throw new HttpError(401, 'invalid_token', 'token expired', { 'WWW-Authenticate': 'Bearer' });
    });
    const response = await fetch(url);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ error: 'invalid_token', error_description: 'token expired' });
  });

  it('answers a database that cannot serve now with 503 temporarily_unavailable and Retry-After', async () => {
    const url = await serve(() => {
      throw Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      });
    });
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'the service is unavailable for the moment; retry later',
    });
  });

  it('answers errors on pages with an HTML page', async () => {
    const url = await serve(pageRoute, () => {
      throw new Error('secret detail');
    });
    const response = await fetch(url, { headers: { 'accept-language': 'zh-TW' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toContain('無法完成請求');
    expect(text).not.toContain('secret detail');
  });
});
