import { pino } from 'pino';

/** Structured JSON logs; never a token, a secret or a patient detail (no bodies, no query values). */
export function createLogger(level: string) {
  return pino({ level, base: { app: 'fhir' } });
}

export type Logger = ReturnType<typeof createLogger>;
