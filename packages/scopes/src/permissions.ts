import { ScopeError } from './errors.ts';
import { PERMISSION_LETTERS, type PermissionLetter, type Permissions } from './types.ts';

const ORDER = 'cruds';
const NONE: Permissions = { c: false, r: false, u: false, d: false, s: false };

/** SMART 1.0 suffixes and the v2 permissions they mean. */
export const V1_PERMISSIONS: Readonly<Record<string, string>> = { read: 'rs', write: 'cud', '*': 'cruds' };

function isLetter(char: string): char is PermissionLetter {
  return (PERMISSION_LETTERS as ReadonlyArray<string>).includes(char);
}

/** Builds permissions from letters already known to be valid, in any order. */
export function permissionsOf(letters: string): Permissions {
  const result: Record<PermissionLetter, boolean> = { ...NONE };
  for (const char of letters) if (isLetter(char)) result[char] = true;
  return result;
}

/** Parses a v2 suffix such as `rs`: only c, r, u, d, s, each at most once, in that order. */
export function parsePermissions(scope: string, suffix: string): Permissions {
  if (suffix === '') {
    throw new ScopeError(scope, 'permission-empty', 'no permissions after "."; use letters from "cruds"');
  }
  for (const char of suffix) {
    if (!isLetter(char)) {
      throw new ScopeError(
        scope,
        'permission-unknown',
        `"${char}" is not a permission; use letters from "cruds" or the v1 forms "read", "write", "*"`,
      );
    }
  }
  const seen = new Set<string>();
  let previous = -1;
  for (const char of suffix) {
    if (seen.has(char)) {
      throw new ScopeError(scope, 'permission-duplicate', `permission "${char}" appears more than once`);
    }
    const index = ORDER.indexOf(char);
    if (index < previous) {
      throw new ScopeError(
        scope,
        'permission-order',
        `permissions must be in the order c, r, u, d, s ("${char}" must come before "${ORDER[previous]}")`,
      );
    }
    seen.add(char);
    previous = index;
  }
  return permissionsOf(suffix);
}

/** The letters of `permissions` in cruds order, e.g. `rs`. */
export function permissionLetters(permissions: Permissions): string {
  return PERMISSION_LETTERS.filter((letter) => permissions[letter]).join('');
}
