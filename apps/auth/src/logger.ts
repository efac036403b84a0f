import { pino } from 'pino';

/** Structured JSON logs. Nothing that could carry a credential or a patient detail is ever logged. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { app: 'auth' },
    redact: {
      paths: [
        'authorization',
        'cookie',
        'token',
        'client_assertion',
        'client_secret',
        'password',
        '*.authorization',
        '*.cookie',
      ],
      censor: '[redacted]',
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
