import type { Composed } from './compose.ts';
import type { Member } from './segment.ts';
import { foldText } from './text.ts';
import type { Coding, Parameters } from './types.ts';

/** The $validate-code answer: result, the message when it is false, and the concept's display. */
export function validationResult(result: boolean, message?: string, display?: string): Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'result', valueBoolean: result },
      ...(message !== undefined ? [{ name: 'message', valueString: message }] : []),
      ...(display !== undefined ? [{ name: 'display', valueString: display }] : []),
    ],
  };
}

function displayMatches(member: Member, display: string): boolean {
  const wanted = foldText(display.trim());
  return [member.display, ...(member.designation ?? []).map((d) => d.value)].some(
    (text) => text !== undefined && foldText(text.trim()) === wanted,
  );
}

/** Whether a coding is in a composed value set (its display, when given, one the concept has). */
export function validateInValueSet(composed: Composed, label: string, coding: Coding): Parameters {
  const code = coding.code as string;
  const candidates = composed.segments.filter(
    (segment) =>
      (coding.system === undefined || segment.system === coding.system) &&
      (coding.version === undefined || segment.version === undefined || segment.version === coding.version),
  );
  const found = candidates
    .map((segment) => ({ segment, member: segment.find(code) }))
    .filter(
      (hit): hit is { segment: (typeof candidates)[number]; member: Member } => hit.member !== undefined,
    );
  const named = coding.system ? `${coding.system}#${code}` : `code ${code}`;
  if (found.length === 0) {
    const gap = composed.gaps.find((g) => coding.system === undefined || g.system === coding.system);
    if (gap) return validationResult(false, `${named} cannot be checked against ${label}: ${gap.why}`);
    return validationResult(false, `${named} is not in the value set ${label}`);
  }
  if (found.length > 1 && coding.system === undefined)
    return validationResult(false, `code ${code} is in more than one system of ${label}: give its system`);
  const { member } = found[0] as { member: Member };
  if (coding.display !== undefined && !displayMatches(member, coding.display))
    return validationResult(
      false,
      `the display "${coding.display}" is not the display of ${named}${member.display !== undefined ? ` ("${member.display}")` : ''}`,
      member.display,
    );
  return validationResult(true, undefined, member.display);
}
