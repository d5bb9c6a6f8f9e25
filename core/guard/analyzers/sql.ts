// Finds destructive statements in SQL text: DROP, TRUNCATE, DELETE/UPDATE without WHERE (or with a WHERE
// that is always true), privilege changes, and SQL that runs shell commands (COPY … PROGRAM).

/** What a piece of SQL would do that matters to the guard. */
export type SqlFinding =
  | {
      readonly kind: 'drop' | 'truncate' | 'delete-all' | 'update-all' | 'privileges';
      readonly statement: string;
    }
  | { readonly kind: 'program'; readonly command: string; readonly statement: string };

interface Token {
  /** upper-cased word, punctuation, `'…'` for strings, `N` for numbers */
  readonly text: string;
  readonly depth: number;
  /** for strings: the content; for numbers: the digits */
  readonly value?: string;
}

/** Words before DELETE/UPDATE that make them part of another statement (`ON DELETE CASCADE`, `FOR UPDATE`). */
const NOT_A_VERB_AFTER = new Set([
  'ON',
  'FOR',
  'DO',
  'KEY',
  'OF',
  'BEFORE',
  'AFTER',
  'INSTEAD',
  ',',
  'GRANT',
  'REVOKE',
  'NO',
]);

/** Every finding in the SQL, statement by statement. */
export function analyzeSql(sql: string): SqlFinding[] {
  const findings: SqlFinding[] = [];
  for (const statement of splitStatements(tokenize(sql))) {
    const text = statement.map((token) => token.value ?? token.text).join(' ');
    const lead = statement[0]?.text;
    if (lead === 'GRANT' || lead === 'REVOKE') {
      findings.push({ kind: 'privileges', statement: text });
      continue;
    }
    statement.forEach((token, index) => {
      const previous = statement[index - 1]?.text ?? '';
      if (token.text === 'DROP') findings.push({ kind: 'drop', statement: text });
      else if (token.text === 'TRUNCATE' && !NOT_A_VERB_AFTER.has(previous))
        findings.push({ kind: 'truncate', statement: text });
      else if ((token.text === 'DELETE' || token.text === 'UPDATE') && !NOT_A_VERB_AFTER.has(previous)) {
        if (!hasNarrowingWhere(statement, index)) {
          findings.push({ kind: token.text === 'DELETE' ? 'delete-all' : 'update-all', statement: text });
        }
      } else if (token.text === 'PROGRAM' && statement[index + 1]?.value !== undefined) {
        findings.push({ kind: 'program', command: statement[index + 1]?.value ?? '', statement: text });
      }
    });
  }
  return findings;
}

/** True when the DELETE/UPDATE at `start` has a WHERE at its own depth that is not always true. */
function hasNarrowingWhere(tokens: readonly Token[], start: number): boolean {
  const depth = (tokens[start] as Token).depth;
  let end = tokens.length;
  for (let i = start + 1; i < tokens.length; i++) {
    if ((tokens[i] as Token).depth < depth) {
      end = i;
      break;
    }
  }
  const where = tokens.findIndex(
    (token, i) => i > start && i < end && token.depth === depth && token.text === 'WHERE',
  );
  if (where < 0) return false;
  if (tokens[where + 1]?.text === 'CURRENT') return true;
  return !isAlwaysTrue(tokens.slice(where + 1, end).filter((token) => token.depth === depth));
}

/** `TRUE`, `1`, `1=1`, `'a'='a'`, `x = x`, `NOT FALSE`, or any of these joined with OR. */
function isAlwaysTrue(condition: readonly Token[]): boolean {
  const stop = condition.findIndex((token) => ['ORDER', 'LIMIT', 'RETURNING', 'GROUP'].includes(token.text));
  const clause = stop < 0 ? condition : condition.slice(0, stop);
  const disjuncts: Token[][] = [[]];
  for (const token of clause) {
    if (token.text === 'OR') disjuncts.push([]);
    else (disjuncts[disjuncts.length - 1] as Token[]).push(token);
  }
  return disjuncts.some((part) => {
    const words = part.map((token) => token.value ?? token.text);
    if (words.length === 1)
      return words[0] === 'TRUE' || (/^\d+$/.test(words[0] ?? '') && Number(words[0]) !== 0);
    if (words.length === 2 && words[0] === 'NOT') return words[1] === 'FALSE' || words[1] === '0';
    if (words.length === 3) {
      const [left = '', op = '', right = ''] = words;
      if (left === right && ['=', '>=', '<=', 'IS', 'LIKE'].includes(op)) return true;
      if (/^\d+$/.test(left) && /^\d+$/.test(right)) return compare(Number(left), op, Number(right));
    }
    return false;
  });
}

function compare(left: number, op: string, right: number): boolean {
  switch (op) {
    case '=':
      return left === right;
    case '<>':
    case '!=':
      return left !== right;
    case '>':
      return left > right;
    case '<':
      return left < right;
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
    default:
      return false;
  }
}

function splitStatements(tokens: readonly Token[]): Token[][] {
  const statements: Token[][] = [[]];
  for (const token of tokens) {
    if (token.text === ';' && token.depth === 0) statements.push([]);
    else (statements[statements.length - 1] as Token[]).push(token);
  }
  return statements.filter((statement) => statement.length > 0);
}

/** Words, strings and punctuation with comments removed; MySQL's executable `/*! … *\/` comments are kept as code. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    const rest = sql.slice(i, i + 3);
    if (/\s/.test(c)) i++;
    else if (rest.startsWith('--') || c === '#') i = lineEnd(sql, i);
    else if (rest.startsWith('/*!')) i = i + 3 + (/^\d*/.exec(sql.slice(i + 3))?.[0].length ?? 0);
    else if (rest.startsWith('/*'))
      i = sql.indexOf('*/', i + 2) < 0 ? sql.length : sql.indexOf('*/', i + 2) + 2;
    else if (rest.startsWith('*/')) i += 2;
    else if (c === "'" || c === '"' || c === '`') {
      const end = quoteEnd(sql, i, c);
      const value = sql.slice(i + 1, end - 1).replace(c === "'" ? /''/g : /""/g, c);
      tokens.push(c === "'" ? { text: "'", depth, value } : { text: value.toUpperCase(), depth });
      i = end;
    } else if (c === '$' && /^\$(\w*)\$/.test(sql.slice(i))) {
      const tag = (/^\$(\w*)\$/.exec(sql.slice(i)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      const end = close < 0 ? sql.length : close + tag.length;
      tokens.push({ text: "'", depth, value: sql.slice(i + tag.length, close < 0 ? sql.length : close) });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[\w$]+/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ text: word.toUpperCase(), depth });
      i += word.length;
    } else if (/\d/.test(c)) {
      const number = /^\d+(\.\d+)?/.exec(sql.slice(i))?.[0] ?? c;
      tokens.push({ text: 'N', depth, value: number });
      i += number.length;
    } else {
      const operator = /^(<>|!=|>=|<=|::)/.exec(sql.slice(i))?.[0] ?? c;
      if (operator === '(') depth++;
      tokens.push({ text: operator, depth });
      if (operator === ')') depth = Math.max(0, depth - 1);
      i += operator.length;
    }
  }
  return tokens;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end + 1;
}

function quoteEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) {
      if (text[i + 1] === quote) i++;
      else return i + 1;
    }
  }
  return text.length;
}
