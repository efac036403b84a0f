import type { FastifyCorsOptions } from '@fastify/cors';

/**
 * CORS for browser SMART apps. The API is a bearer-token resource server and sets no cookies, so any
 * origin may call it without credentials: the token, not the origin, decides what a request reaches.
 * Registered once at the root, so every route (discovery, errors, 401s) carries it.
 */
export const FHIR_CORS = {
  origin: '*',
  credentials: false,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowedHeaders: [
    'Authorization',
    'Content-Type',
    'Accept',
    'Accept-Language',
    'If-Match',
    'If-None-Match',
    'If-None-Exist',
    'If-Modified-Since',
    'Prefer',
    'X-Request-Id',
  ],
  exposedHeaders: [
    'ETag',
    'Location',
    'Content-Location',
    'Last-Modified',
    'X-Request-Id',
    'WWW-Authenticate',
  ],
  maxAge: 86_400,
} as const satisfies FastifyCorsOptions;
