import { issue, type ValidationIssue } from '@openpas/ig-validation';
import { choiceKeys, isObject, type JsonObject, list, present } from '@openpas/ig-validation/json';
import type { EntryInfo } from '../context.ts';
import { child } from '../paths.ts';
import { REQUIRED_ELEMENTS } from '../tables/required-elements.ts';
import type { Rule } from '../types.ts';

interface Node {
  value: JsonObject;
  path: string;
}

/** Every instance of the parent path (arrays expanded with their indexes). */
function parents(root: Node, segments: string[]): Node[] {
  let nodes = [root];
  for (const segment of segments) {
    nodes = nodes.flatMap((node) => {
      const value = node.value[segment];
      if (Array.isArray(value)) {
        return value.flatMap((item, index) =>
          isObject(item) ? [{ value: item, path: child(node.path, segment, index) }] : [],
        );
      }
      return isObject(value) ? [{ value, path: child(node.path, segment) }] : [];
    });
  }
  return nodes;
}

function hasElement(node: JsonObject, name: string): boolean {
  if (name.endsWith('[x]')) {
    return choiceKeys(node, name.slice(0, -3)).some((key) => present(node[key]));
  }
  return list(node[name]).some(present) || present(node[`_${name}`]);
}

function missing(entry: EntryInfo, resource: JsonObject, path: string): string[] {
  const [, ...segments] = path.split('.');
  const last = segments.pop();
  if (!last) return [];
  return parents({ value: resource, path: entry.path }, segments)
    .filter((node) => !hasElement(node.value, last))
    .map((node) => `${node.path}.${last.replace('[x]', '')}`);
}

export const profileRequired: Rule = {
  id: 'profile.required',
  description: 'Elements every TWPAS profile requires (snapshot min ≥ 1) are present',
  check({ entries }) {
    const issues: ValidationIssue[] = [];
    const reported = new Set<string>();
    for (const entry of entries) {
      const resource = entry.resource;
      if (!resource) continue;
      for (const profile of entry.profiles) {
        for (const path of REQUIRED_ELEMENTS[profile] ?? []) {
          if (!path.startsWith(`${entry.resourceType}.`)) continue;
          for (const expression of missing(entry, resource, path)) {
            if (reported.has(expression)) continue;
            reported.add(expression);
            const name = profile.slice(profile.lastIndexOf('/') + 1);
            issues.push(
              issue(
                this.id,
                'required',
                expression,
                `缺少必填元素 ${path}（${name}）`,
                `Required element ${path} is missing (${name})`,
              ),
            );
          }
        }
      }
    }
    return issues;
  },
};
