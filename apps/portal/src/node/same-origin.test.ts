import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './same-origin.ts';

const PORTAL = 'https://portal.example.tw';

function post(headers: Record<string, string>, url = `${PORTAL}/api/trpc/apps.create`): Request {
  return new Request(url, { method: 'POST', headers, body: '{}' });
}

describe('crossSiteRefusal', () => {
  it('lets the portal’s own pages change things', () => {
    expect(
      crossSiteRefusal(post({ origin: PORTAL, 'sec-fetch-site': 'same-origin' }), PORTAL),
    ).toBeUndefined();
  });

  it('lets the origin the request reached change things (the portal behind a proxy on another name)', () => {
    const request = post({ origin: 'http://127.0.0.1:3000' }, 'http://127.0.0.1:3000/api/trpc/x');
    expect(crossSiteRefusal(request, PORTAL)).toBeUndefined();
  });

  it('refuses a POST from another site, named by Origin or by Sec-Fetch-Site', () => {
    expect(crossSiteRefusal(post({ origin: 'https://evil.example' }), PORTAL)).toMatch(/evil\.example/);
    expect(crossSiteRefusal(post({ origin: 'null' }), PORTAL)).toBeDefined();
    expect(crossSiteRefusal(post({ 'sec-fetch-site': 'cross-site' }), PORTAL)).toBeDefined();
    expect(crossSiteRefusal(post({ 'sec-fetch-site': 'same-site' }), PORTAL)).toBeDefined();
  });

  it('leaves reads and non-browser clients alone', () => {
    expect(
      crossSiteRefusal(
        new Request(`${PORTAL}/api/trpc/x`, { headers: { origin: 'https://evil.example' } }),
        PORTAL,
      ),
    ).toBeUndefined();
    expect(crossSiteRefusal(post({}), PORTAL)).toBeUndefined();
  });
});
