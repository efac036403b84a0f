/**
 * Constraints whose answer follows from absent elements, told without Medplum's FHIRPath engine. Most of
 * the constraints every resource and datatype carries test elements that are rarely there:
 * `dom-2: contained.contained.empty()`, `tim-8: countMax.empty() or count.exists()`,
 * `tim-4: duration.exists() implies duration >= 0`. When the object holds no key for the element a path
 * starts from, the path is empty, and such a constraint holds without evaluating it.
 *
 * Only a small part of FHIRPath is read: paths of plain names ending in `empty()`, `exists()` or
 * `hasValue()`; a path compared with a literal; `htmlChecks()` (which Medplum answers true); `not()`,
 * parentheses, `and`, `or` and `implies`, with FHIRPath's logic of empty results. A shortcut is taken only
 * when every term is one that cannot fail — the comparisons only when their path is empty — because
 * Medplum evaluates every term. An expression with anything else has no shortcut and is always evaluated.
 *
 * A path may also go through `where(…)` or `select(…)` and end in `exists(…)`, `all(…)`, `allTrue()` or
 * `allFalse()` (`tim-9: offset.empty() or (when.exists() and when.select($this in ('C' | …)).allFalse())`,
 * `obs-7: value.empty() or component.code.where(coding.intersect(%resource.code.coding).exists()).empty()`).
 * Medplum evaluates a function's argument once per item of its input, so on an empty path the argument is
 * never evaluated: empty stays empty through where() and select(), exists(…) is false, all(…), allTrue()
 * and allFalse() are true. Such a term is taken for safe only when its path is empty (the argument, whatever
 * it is, is not read here), and an expression with one is used only when Medplum's parser accepts it whole.
 */
import { parsedFhirPath } from './fhir-path.ts';

/** A fact proven of an object from the keys it lacks; `isPlain` tells the plain elements of its type. */
type Holds = (object: Record<string, unknown>, isPlain: (name: string) => boolean) => boolean;

interface Term {
  /** Proven true by absent elements */
  isTrue: Holds;
  /** Proven false by absent elements */
  isFalse: Holds;
  /** Proven to evaluate without an error */
  isSafe: Holds;
}

const never: Holds = () => false;
const always: Holds = () => true;

function negation(term: Term): Term {
  return { isTrue: term.isFalse, isFalse: term.isTrue, isSafe: term.isSafe };
}

function conjunction(left: Term, right: Term): Term {
  return {
    isTrue: (o, p) => left.isTrue(o, p) && right.isTrue(o, p),
    isFalse: (o, p) => left.isFalse(o, p) || right.isFalse(o, p),
    isSafe: both(left.isSafe, right.isSafe),
  };
}

function both(left: Holds, right: Holds): Holds {
  if (left === always) return right;
  if (right === always) return left;
  return (o, p) => left(o, p) && right(o, p);
}

/** `name` is a plain element of the object's type (not a choice of types) and the object has no key for it. */
function absent(name: string): Holds {
  const extension = `_${name}`;
  return (object, isPlain) => isPlain(name) && !(name in object) && !(extension in object);
}

// Names, `()`, the comparison operators, number and string literals (without escapes), `.`, `(` and `)`;
// inside a function's argument (skipped, not read) also `$this`, `%variables`, `|`, `,`, `&`, `+`, `-`,
// `*`, `/`, `~`, `[` and `]`.
const TOKEN =
  /\s*([A-Za-z][A-Za-z0-9_]*|\$this|%[A-Za-z][A-Za-z0-9_]*|\(\)|>=|<=|!=|!~|[=<>]|\d+(?:\.\d+)?|'[^'\\]*'|[.()|,&+\-*/~[\]])/y;
const COMPARISONS = new Set(['>=', '<=', '!=', '=', '<', '>']);
const LITERAL = /^(?:\d|')/;

function tokenize(expression: string): string[] | undefined {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expression.length) {
    if (/^\s*$/.test(expression.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(expression);
    if (!match?.[1]) return undefined;
    tokens.push(match[1]);
  }
  return tokens;
}

const KEYWORDS = new Set(['and', 'or', 'implies', 'xor', 'true', 'false']);
const FUNCTIONS = new Set(['empty', 'exists', 'hasValue', 'not']);
/** Functions that keep an empty input empty without evaluating their argument */
const FILTERS = new Set(['where', 'select']);
/** Functions of one argument that end a path, with their answer on an empty input */
const ENDINGS_WITH_ARGUMENT = new Map([
  ['exists', false],
  ['all', true],
]);
/** Functions without argument that end a path, true on an empty input (besides empty/exists/hasValue) */
const TRUE_ON_EMPTY = new Set(['allTrue', 'allFalse']);
/** Tokens that may start a name */
const NAME = /^[A-Za-z]/;

class Reader {
  private position = 0;
  private readonly tokens: string[];

  constructor(tokens: string[]) {
    this.tokens = tokens;
  }

  done(): boolean {
    return this.position === this.tokens.length;
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private take(expected?: string): string | undefined {
    const token = this.tokens[this.position];
    if (expected !== undefined && token !== expected) return undefined;
    this.position++;
    return token;
  }

  /**
   * implies binds loosest, then or, then and (FHIRPath's precedence). `a or b` is `not(not a and not b)` and
   * `a implies b` is `not(a and not b)`, in FHIRPath's logic of empty results too.
   */
  expression(): Term | undefined {
    const left = this.disjunction();
    if (!left || this.peek() !== 'implies') return left;
    this.take();
    const right = this.disjunction();
    return right && negation(conjunction(left, negation(right)));
  }

  private disjunction(): Term | undefined {
    return this.chain(
      'or',
      () => this.conjunction(),
      (l, r) => negation(conjunction(negation(l), negation(r))),
    );
  }

  private conjunction(): Term | undefined {
    return this.chain('and', () => this.negated(), conjunction);
  }

  /** `operand (operator operand)*`, combined from the left. */
  private chain(
    operator: string,
    operand: () => Term | undefined,
    combine: (left: Term, right: Term) => Term,
  ): Term | undefined {
    let term = operand();
    while (term && this.peek() === operator) {
      this.take();
      const right = operand();
      if (!right) return undefined;
      term = combine(term, right);
    }
    return term;
  }

  /** A term, then any number of `.not()`. */
  private negated(): Term | undefined {
    let term = this.term();
    while (term && this.peek() === '.' && this.tokens[this.position + 1] === 'not') {
      this.take();
      this.take();
      if (!this.take('()')) return undefined;
      term = negation(term);
    }
    return term;
  }

  /**
   * `( expression )`; `htmlChecks()`; a path of plain names ending in empty(), exists() or hasValue(); a
   * path compared with a literal (empty, so neither true nor false, and safe, when the path is).
   */
  private term(): Term | undefined {
    if (this.peek() === '(') {
      this.take();
      const inner = this.expression();
      if (!inner || !this.take(')')) return undefined;
      return inner;
    }
    const first = this.take();
    if (!first || KEYWORDS.has(first) || !NAME.test(first)) return undefined;
    if (first === 'htmlChecks' && this.take('()')) return { isTrue: always, isFalse: never, isSafe: always };
    if (FUNCTIONS.has(first) || FILTERS.has(first) || TRUE_ON_EMPTY.has(first) || first === 'all')
      return undefined;
    // Once the path went through where() or select(), a term is safe only on an empty path.
    let filtered = false;
    for (;;) {
      const next = this.take();
      if (next !== undefined && COMPARISONS.has(next)) {
        const literal = this.take();
        if (!literal || !LITERAL.test(literal)) return undefined;
        return { isTrue: never, isFalse: never, isSafe: absent(first) };
      }
      if (next !== '.') return undefined;
      const name = this.take();
      if (!name || KEYWORDS.has(name) || !NAME.test(name)) return undefined;
      if (name === 'not') return undefined;
      if (this.peek() === '(') {
        // A function with an argument: where/select go on, exists/all end the path; the argument is skipped.
        const ending = ENDINGS_WITH_ARGUMENT.get(name);
        if (!FILTERS.has(name) && ending === undefined) return undefined;
        if (!this.skipArgument()) return undefined;
        if (ending === undefined) {
          filtered = true;
          continue;
        }
        return ending
          ? { isTrue: absent(first), isFalse: never, isSafe: absent(first) }
          : { isTrue: never, isFalse: absent(first), isSafe: absent(first) };
      }
      if (TRUE_ON_EMPTY.has(name)) {
        if (!this.take('()')) return undefined;
        return { isTrue: absent(first), isFalse: never, isSafe: absent(first) };
      }
      if (FUNCTIONS.has(name)) {
        if (!this.take('()')) return undefined;
        const isSafe = filtered ? absent(first) : always;
        return name === 'empty'
          ? { isTrue: absent(first), isFalse: never, isSafe }
          : { isTrue: never, isFalse: absent(first), isSafe };
      }
      if (FILTERS.has(name) || ENDINGS_WITH_ARGUMENT.has(name)) return undefined;
    }
  }

  /** `( … )` with one argument, not empty and without a comma outside brackets: skipped, not read. */
  private skipArgument(): boolean {
    if (!this.take('(')) return false;
    let depth = 1;
    let tokens = 0;
    while (depth > 0) {
      const token = this.take();
      if (token === undefined) return false;
      if (token === '(') depth++;
      else if (token === ')') depth--;
      else if (token === ',' && depth === 1) return false;
      if (depth > 0) tokens++;
    }
    return tokens > 0;
  }
}

/** Whether Medplum's parser accepts the expression (one it cannot parse is reported where it applies). */
function parses(expression: string): boolean {
  try {
    parsedFhirPath(expression);
    return true;
  } catch {
    return false;
  }
}

export type ConstraintShortcut = (
  object: Record<string, unknown>,
  isPlain: (name: string) => boolean,
) => boolean;

const shortcuts = new Map<string, ConstraintShortcut | null>();

/**
 * For an expression within the part of FHIRPath read here, a test that is true when the object's absent
 * elements make the constraint hold (false: evaluate it); undefined for any other expression. `isPlain`
 * tells whether a name is an element of the object's type that is not a choice of types.
 */
export function constraintShortcut(expression: string): ConstraintShortcut | undefined {
  let found = shortcuts.get(expression);
  if (found === undefined) {
    const tokens = tokenize(expression);
    const reader = tokens ? new Reader(tokens) : undefined;
    const term = reader?.expression();
    found = term && reader?.done() && parses(expression) ? both(term.isSafe, term.isTrue) : null;
    shortcuts.set(expression, found);
  }
  return found ?? undefined;
}
