import { describe, expect, it } from 'vitest';
import { cookieOptions } from './cookies.ts';

describe('cookieOptions', () => {
  it('makes every cookie httpOnly and SameSite=Lax, Secure under https', () => {
    expect(cookieOptions({ PORTAL_URL: 'https://portal.example.org' })).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/',
    });
  });

  it('leaves Secure off on a plain-http sandbox, where the browser would drop a Secure cookie', () => {
    expect(cookieOptions({ PORTAL_URL: 'http://localhost:3000' }, '/api/auth', 600)).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
      path: '/api/auth',
      maxAge: 600,
    });
  });
});
