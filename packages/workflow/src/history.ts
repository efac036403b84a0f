/**
 * The status timeline of a case, kept on the ClaimResponse itself in OpenPAS's own repeating complex
 * extension (one per change, oldest first):
 *
 *   url = https://openpas.dev/fhir/StructureDefinition/status-history
 *     action        valueCode      receive · start-processing · update-processing · fail · accept ·
 *                                  start-review · decide · reopen
 *     from          valueString    the earlier status (absent on `receive`)
 *     to            valueString    the new status
 *     at            valueDateTime  when (also the ClaimResponse's `created` after this change)
 *     actorKind     valueCode      system · hospital · reviewer
 *     actorId       valueString    client, user or step id
 *     reason        valueString    optional free text
 *     resubmission  valueString    on `reopen`: the acceptance number of the resubmission that reopened it
 *
 * The same facts form the audit record the caller stores with the change (`StatusChange`).
 */
import type { ClaimResponse, Extension } from '@openpas/fhir-model/browser';
import type { Actor, ActorKind } from './actor.ts';
import { isStatus, type Status } from './states.ts';

export const STATUS_HISTORY_EXTENSION = 'https://openpas.dev/fhir/StructureDefinition/status-history';

export type TransitionAction =
  | 'receive'
  | 'start-processing'
  | 'update-processing'
  | 'fail'
  | 'accept'
  | 'start-review'
  | 'decide'
  | 'reopen';

/** One status change: a timeline entry, and the audit record of it. */
export interface StatusChange {
  readonly action: TransitionAction;
  /** null for the first entry (the case is received). */
  readonly from: Status | null;
  readonly to: Status;
  /** FHIR dateTime in Taiwan time, equal to the ClaimResponse's `created` after the change. */
  readonly at: string;
  readonly actor: Actor;
  readonly reason?: string;
  /** On `reopen`: the acceptance number of the resubmission. */
  readonly resubmission?: string;
}

export function historyExtension(change: StatusChange): Extension {
  const parts: Extension[] = [{ url: 'action', valueCode: change.action }];
  if (change.from !== null) parts.push({ url: 'from', valueString: change.from });
  parts.push(
    { url: 'to', valueString: change.to },
    { url: 'at', valueDateTime: change.at },
    { url: 'actorKind', valueCode: change.actor.kind },
    { url: 'actorId', valueString: change.actor.id },
  );
  if (change.reason) parts.push({ url: 'reason', valueString: change.reason });
  if (change.resubmission) parts.push({ url: 'resubmission', valueString: change.resubmission });
  return { url: STATUS_HISTORY_EXTENSION, extension: parts };
}

function part(extension: Extension, url: string): Extension | undefined {
  return extension.extension?.find((e) => e.url === url);
}

function parse(extension: Extension): StatusChange | undefined {
  const action = part(extension, 'action')?.valueCode as TransitionAction | undefined;
  const from = part(extension, 'from')?.valueString;
  const to = part(extension, 'to')?.valueString;
  const at = part(extension, 'at')?.valueDateTime;
  const kind = part(extension, 'actorKind')?.valueCode as ActorKind | undefined;
  const id = part(extension, 'actorId')?.valueString;
  if (!action || !isStatus(to) || !at || !kind || id === undefined) return undefined;
  if (from !== undefined && !isStatus(from)) return undefined;
  const reason = part(extension, 'reason')?.valueString;
  const resubmission = part(extension, 'resubmission')?.valueString;
  return {
    action,
    from: from ?? null,
    to,
    at,
    actor: { kind, id },
    ...(reason ? { reason } : {}),
    ...(resubmission ? { resubmission } : {}),
  };
}

/** The timeline of a ClaimResponse, oldest first (entries that do not parse are skipped). */
export function readHistory(response: ClaimResponse): StatusChange[] {
  return (response.extension ?? [])
    .filter((e) => e.url === STATUS_HISTORY_EXTENSION)
    .map(parse)
    .filter((c): c is StatusChange => c !== undefined);
}
