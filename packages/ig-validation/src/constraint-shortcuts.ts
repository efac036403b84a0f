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
 */

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

// Names, `()`, the comparison operators, number and string literals (without escapes), `.`, `(` and `)`.
const TOKEN = /\s*([A-Za-z][A-Za-z0-9_]*|\(\)|>=|<=|!=|[=<>]|\d+(?:\.\d+)?|'[^'\\]*'|[.()])/y;
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
    if (!first || KEYWORDS.has(first) || !/^[A-Za-z]/.test(first)) return undefined;
    if (first === 'htmlChecks' && this.take('()')) return { isTrue: always, isFalse: never, isSafe: always };
    if (FUNCTIONS.has(first)) return undefined;
    for (;;) {
      const next = this.take();
      if (next !== undefined && COMPARISONS.has(next)) {
        const literal = this.take();
        if (!literal || !LITERAL.test(literal)) return undefined;
        return { isTrue: never, isFalse: never, isSafe: absent(first) };
      }
      if (next !== '.') return undefined;
      const name = this.take();
      if (!name || KEYWORDS.has(name) || !/^[A-Za-z]/.test(name)) return undefined;
      if (name === 'not') return undefined;
      if (FUNCTIONS.has(name)) {
        if (!this.take('()')) return undefined;
        return name === 'empty'
          ? { isTrue: absent(first), isFalse: never, isSafe: always }
          : { isTrue: never, isFalse: absent(first), isSafe: always };
      }
    }
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
    found = term && reader?.done() ? both(term.isSafe, term.isTrue) : null;
    shortcuts.set(expression, found);
  }
  return found ?? undefined;
}
