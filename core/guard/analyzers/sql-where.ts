// Whether a WHERE (or ON) condition selects every row: a small three-valued evaluator over the condition's
// tokens. Literal tautologies (`1=1`, `'a'='a'`, `TRUE`, `NOT FALSE`), a column compared with itself,
// `LIKE '%'`, an id column compared with zero or checked for NULL, and any of these OR-ed with anything.

/** One SQL token. */
export interface Token {
  /** upper-cased word, punctuation, `'` for strings, `N` for numbers */
  readonly text: string;
  readonly depth: number;
  /** for strings: the content; for numbers: the digits */
  readonly value?: string;
  /** where it starts and ends in the SQL text */
  readonly pos: number;
  readonly end: number;
}

/** true, false, or unknown (depends on the rows). */
type Truth = boolean | undefined;

/** A value in a comparison: a literal, a column, or something only known per row. */
type Operand =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'other' };

/** Columns that hold a generated key: never NULL, and counted up from 1. */
const ID_COLUMN = /^((\w+\.)?(ID|ROWID|_ROWID_|OID|CTID))$/;

/** True when the condition is true for every row. */
export function whereSelectsAll(condition: readonly Token[]): boolean {
  if (condition.length === 0) return true;
  const parser = new Parser(condition);
  const truth = parser.or();
  return truth === true;
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  or(): Truth {
    let truth = this.and();
    while (this.peek() === 'OR') {
      this.at++;
      const right = this.and();
      truth =
        truth === true || right === true ? true : truth === false && right === false ? false : undefined;
    }
    return truth;
  }

  private and(): Truth {
    let truth = this.not();
    while (this.peek() === 'AND') {
      this.at++;
      const right = this.not();
      truth =
        truth === false || right === false ? false : truth === true && right === true ? true : undefined;
    }
    return truth;
  }

  private not(): Truth {
    if (this.peek() === 'NOT') {
      this.at++;
      const inner = this.not();
      return inner === undefined ? undefined : !inner;
    }
    return this.comparison();
  }

  private comparison(): Truth {
    if (this.peek() === '(' && !this.isRowValue()) {
      this.at++;
      const inner = this.or();
      if (this.peek() === ')') this.at++;
      return this.continueAfter(inner);
    }
    const left = this.operand();
    const op = this.peek();
    if (op === 'IS') {
      this.at++;
      const negated = this.peek() === 'NOT';
      if (negated) this.at++;
      const what = this.next();
      if (what === 'NULL') {
        const isNull =
          left.kind === 'literal'
            ? left.value === null
            : left.kind === 'column' && ID_COLUMN.test(left.name)
              ? false
              : undefined;
        return isNull === undefined ? undefined : negated ? !isNull : isNull;
      }
      return undefined;
    }
    if (op === 'LIKE' || op === 'ILIKE') {
      this.at++;
      const right = this.operand();
      if (right.kind === 'literal' && right.value === '%') return true;
      return left.kind === 'literal' && right.kind === 'literal'
        ? String(left.value) === String(right.value)
        : undefined;
    }
    if (op === 'IN') {
      this.at++;
      return this.inList(left);
    }
    if (op === 'BETWEEN') {
      this.skipUntil(['AND']);
      this.at++;
      this.operand();
      return undefined;
    }
    if (op && /^(=|==|<>|!=|<|>|<=|>=)$/.test(op)) {
      this.at++;
      const right = this.operand();
      return compare(left, op, right);
    }
    if (left.kind === 'literal') {
      if (typeof left.value === 'boolean') return left.value;
      if (typeof left.value === 'number') return left.value !== 0;
    }
    this.skipUntil(['AND', 'OR', ')']);
    return undefined;
  }

  /** After a parenthesised condition, an operator makes it part of a larger expression we cannot evaluate. */
  private continueAfter(truth: Truth): Truth {
    const op = this.peek();
    if (op && !/^(AND|OR|\))$/.test(op)) {
      this.skipUntil(['AND', 'OR', ')']);
      return undefined;
    }
    return truth;
  }

  private isRowValue(): boolean {
    let depth = 0;
    for (let i = this.at; i < this.tokens.length; i++) {
      const text = this.tokens[i]?.text;
      if (text === '(') depth++;
      else if (text === ')') depth--;
      else if (text === ',' && depth === 1) return true;
      if (depth === 0) return false;
    }
    return false;
  }

  private inList(left: Operand): Truth {
    if (this.peek() !== '(') return undefined;
    this.at++;
    const values: Operand[] = [];
    let dynamic = false;
    while (this.at < this.tokens.length && this.peek() !== ')') {
      if (this.peek() === 'SELECT') dynamic = true;
      values.push(this.operand());
      if (this.peek() === ',') this.at++;
      else if (this.peek() !== ')') {
        dynamic = true;
        this.skipUntil([')']);
      }
    }
    this.at++;
    if (dynamic || left.kind !== 'literal') return undefined;
    return values.some((value) => compare(left, '=', value) === true);
  }

  private operand(): Operand {
    const token = this.tokens[this.at];
    if (!token) return { kind: 'other' };
    this.at++;
    if (token.text === '-' && this.tokens[this.at]?.text === 'N') {
      const number = this.tokens[this.at++] as Token;
      return { kind: 'literal', value: -Number(number.value) };
    }
    if (token.text === 'N') return this.arithmetic({ kind: 'literal', value: Number(token.value) });
    if (token.text === "'") return { kind: 'literal', value: token.value ?? '' };
    if (token.text === 'TRUE' || token.text === 'FALSE')
      return { kind: 'literal', value: token.text === 'TRUE' };
    if (token.text === 'NULL') return { kind: 'literal', value: null };
    if (token.text === '(') {
      let depth = 1;
      while (this.at < this.tokens.length && depth > 0) {
        const text = this.tokens[this.at++]?.text;
        if (text === '(') depth++;
        else if (text === ')') depth--;
      }
      return { kind: 'other' };
    }
    if (/^[A-Z_][\w$]*$/.test(token.text)) {
      let name = token.text;
      while (this.peek() === '.' && /^[A-Z_][\w$]*$/.test(this.tokens[this.at + 1]?.text ?? '')) {
        name += `.${this.tokens[this.at + 1]?.text}`;
        this.at += 2;
      }
      if (this.peek() === '(') {
        this.operand();
        return { kind: 'other' };
      }
      return { kind: 'column', name };
    }
    return { kind: 'other' };
  }

  /** `1+1`, `2*3`: arithmetic on literals folds; anything else is unknown. */
  private arithmetic(left: Operand): Operand {
    const op = this.peek();
    if (!op || !/^[-+*/%]$/.test(op) || this.tokens[this.at + 1]?.text !== 'N') return left;
    this.at++;
    const right = Number(this.tokens[this.at++]?.value);
    const value = Number((left as { value: number }).value);
    const result =
      op === '+'
        ? value + right
        : op === '-'
          ? value - right
          : op === '*'
            ? value * right
            : op === '/'
              ? value / right
              : value % right;
    return this.arithmetic({ kind: 'literal', value: result });
  }

  private skipUntil(stops: readonly string[]): void {
    let depth = 0;
    while (this.at < this.tokens.length) {
      const text = this.tokens[this.at]?.text ?? '';
      if (depth === 0 && stops.includes(text)) return;
      if (text === '(') depth++;
      else if (text === ')') depth--;
      if (depth < 0) return;
      this.at++;
    }
  }

  private peek(): string | undefined {
    return this.tokens[this.at]?.text;
  }

  private next(): string | undefined {
    return this.tokens[this.at++]?.text;
  }
}

/** A comparison that is true for every row: literals that compare true, a column with itself, an id column against zero. */
function compare(left: Operand, op: string, right: Operand): Truth {
  if (left.kind === 'literal' && right.kind === 'literal') {
    if (left.value === null || right.value === null) return false;
    const [a, b] =
      typeof left.value === 'number' || typeof right.value === 'number'
        ? [Number(left.value), Number(right.value)]
        : [String(left.value), String(right.value)];
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '<>':
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '<=':
        return a <= b;
      case '>=':
        return a >= b;
      default:
        return undefined;
    }
  }
  if (
    left.kind === 'column' &&
    right.kind === 'column' &&
    left.name === right.name &&
    /^(=|==|<=|>=)$/.test(op)
  )
    return true;
  const [column, literal, flipped] =
    left.kind === 'column' && right.kind === 'literal'
      ? [left, right, false]
      : right.kind === 'column' && left.kind === 'literal'
        ? [right, left, true]
        : [undefined, undefined, false];
  if (!column || !literal || typeof literal.value !== 'number' || !ID_COLUMN.test(column.name))
    return undefined;
  const direction = flipped
    ? (({ '>': '<', '<': '>', '>=': '<=', '<=': '>=' } as Record<string, string>)[op] ?? op)
    : op;
  const n = literal.value;
  if ((direction === '>' && n <= 0) || (direction === '>=' && n <= 1)) return true;
  if ((direction === '<>' || direction === '!=') && n <= 0) return true;
  return undefined;
}
