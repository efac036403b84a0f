/** Who causes a change: the platform itself, a hospital (client or user), or a payer reviewer. */
export type ActorKind = 'system' | 'hospital' | 'reviewer';

export interface Actor {
  readonly kind: ActorKind;
  /** Stable id: a client id, a user id, `intake` for the platform's own steps … */
  readonly id: string;
}

/** The platform's intake step (receive, pre-check, accept). */
export const INTAKE_ACTOR: Actor = { kind: 'system', id: 'intake' };
