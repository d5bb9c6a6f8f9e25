import type { DoubleQuotedChild, ParameterExpansionPart, Word, WordPart } from 'unbash';
import { literalArg, UNKNOWN, type Arg } from './arg.js';
import { expandBraces, MAX_BRACE_WORDS } from './brace-expansion.js';

/** A variable's value as far as the guard knows it: a string, an array, or undefined when only known at run time. */
export type VarValue = string | readonly string[] | undefined;

/** Looks variables up by name (`HOME`, `1`, `@`); undefined means "only known at run time". */
export type VarLookup = (name: string) => VarValue;

/** A word with nothing to expand or unquote: its text is its value. */
const PLAIN = /^[\w\-.,/:=@%+^]+$/;

/** Expands one word into the fields the shell would pass: quotes removed, braces and known variables expanded, unquoted expansions split. */
export function expandWord(word: Word, lookup: VarLookup): Arg[] {
  if (PLAIN.test(word.text)) return [literalArg(word.text)];
  const parts: readonly WordPart[] | undefined = word.parts;
  if (!parts) return [{ ...literalArg(word.value), dynamic: word.value.includes(UNKNOWN) }];
  const braces = parts.filter((part) => part.type === 'BraceExpansion');
  if (braces.length === 0) return buildFields(parts, lookup);
  const choices = braces.map((part) => expandBraces(part.text));
  if (choices.some((list) => list === undefined))
    return [{ ...emptyField(), value: UNKNOWN, dynamic: true, expanded: true }];
  const out: Arg[] = [];
  for (const combination of product(choices as string[][])) {
    let n = 0;
    const concrete = parts.map((part): WordPart =>
      part.type === 'BraceExpansion' ? { ...literalPart(part, combination[n++] ?? '') } : part,
    );
    for (const field of buildFields(concrete, lookup)) out.push({ ...field, expanded: true });
    if (out.length > MAX_BRACE_WORDS)
      return [{ ...emptyField(), value: UNKNOWN, dynamic: true, expanded: true }];
  }
  return out;
}

/** The single value of a word where the shell does no splitting (assignment values, redirect targets, here-strings). */
export function expandWordJoined(word: Word, lookup: VarLookup): Arg {
  const fields = expandWord(word, lookup);
  if (fields.length === 1) return fields[0] as Arg;
  return {
    ...emptyField(),
    value: fields.map((field) => field.value).join(' '),
    dynamic: fields.some((field) => field.dynamic),
    expanded: true,
    substitutions: fields.flatMap((field) => field.substitutions),
  };
}

interface Field {
  value: string;
  dynamic: boolean;
  glob: boolean;
  expanded: boolean;
  processSubstitution: boolean;
  substitutions: string[];
  /** something quoted was seen, so an empty value is still a field */
  quoted: boolean;
  variables?: string[];
}

function emptyField(): Field {
  return {
    value: '',
    dynamic: false,
    glob: false,
    expanded: false,
    processSubstitution: false,
    substitutions: [],
    quoted: false,
  };
}

function literalPart(part: WordPart, value: string): WordPart {
  return { type: 'Literal', pos: part.pos, end: part.end, value, text: value };
}

function* product(lists: readonly string[][]): Generator<string[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = lists;
  for (const head of first ?? []) for (const tail of product(rest)) yield [head, ...tail];
}

/** Builds the fields of a word from its parts, splitting unquoted expansions on blanks. */
function buildFields(parts: readonly WordPart[], lookup: VarLookup): Arg[] {
  const fields: Field[] = [emptyField()];
  const current = () => fields[fields.length - 1] as Field;
  const appendValue = (value: VarValue, quoted: boolean) => {
    const field = current();
    field.expanded = true;
    if (value === undefined) {
      field.value += UNKNOWN;
      field.dynamic = true;
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (index > 0) fields.push({ ...emptyField(), expanded: true, quoted });
        appendValue(item, quoted);
      });
      return;
    }
    const text = value as string;
    if (quoted) {
      field.value += text;
      field.quoted = true;
      return;
    }
    const chunks = text.split(/[ \t\n]+/);
    chunks.forEach((chunk, index) => {
      if (index > 0) fields.push({ ...emptyField(), expanded: true });
      current().value += chunk;
    });
  };
  const visit = (part: WordPart | DoubleQuotedChild, quoted: boolean) => {
    switch (part.type) {
      case 'Literal':
        current().value += part.value;
        if (quoted) current().quoted = true;
        return;
      case 'SingleQuoted':
      case 'AnsiCQuoted':
        current().value += part.value;
        current().quoted = true;
        return;
      case 'DoubleQuoted':
      case 'LocaleString':
        current().quoted = true;
        for (const child of part.parts) visit(child, true);
        return;
      case 'Glob':
      case 'ExtendedGlob':
        current().value += part.text;
        current().glob = true;
        return;
      case 'SimpleExpansion': {
        const value = lookup(part.text.slice(1));
        if (value === undefined) (current().variables ??= []).push(part.text.slice(1));
        appendValue(value, quoted);
        return;
      }
      case 'ParameterExpansion': {
        const value = parameterValue(part, lookup);
        if (value === undefined && carriesValue(part)) (current().variables ??= []).push(part.parameter);
        appendValue(value, quoted);
        return;
      }
      case 'CommandExpansion':
        current().substitutions.push(part.text);
        appendValue(undefined, quoted);
        return;
      case 'ArithmeticExpansion':
        appendValue(undefined, quoted);
        return;
      case 'ProcessSubstitution':
        current().value += '/dev/fd/63';
        current().processSubstitution = true;
        current().expanded = true;
        current().substitutions.push(part.text);
        return;
      case 'BraceExpansion':
        current().value += part.text;
        return;
    }
  };
  for (const part of parts) visit(part, false);
  return fields
    .filter((field) => field.value !== '' || field.quoted || field.dynamic)
    .map(({ quoted: _quoted, ...field }) => ({
      ...field,
      dynamic: field.dynamic || field.value.includes(UNKNOWN),
    }));
}

/** True when the expansion's text is (part of) the variable's value: not its length, its name, or a stand-in. */
function carriesValue(part: ParameterExpansionPart): boolean {
  if (part.prefix) return false;
  const operation = part.operation;
  return !operation || operation.type !== 'Default' || !/\+|\?/.test(operation.operator);
}

/** `${x}`, `${x[@]}`, `${x:-d}` when x is known; anything else is run-time only. */
function parameterValue(part: ParameterExpansionPart, lookup: VarLookup): VarValue {
  if (part.prefix) return undefined;
  const value = lookup(part.parameter);
  if (part.operation) {
    const keeps = part.operation.type === 'Default' && ['-', ':-'].includes(part.operation.operator);
    return keeps && value !== undefined && value !== '' ? value : undefined;
  }
  if (!part.index) return Array.isArray(value) ? value[0] : value;
  const index = part.index.value;
  if (index === '@' || index === '*') return value;
  if (!/^\d+$/.test(index)) return undefined;
  return Array.isArray(value) ? value[Number(index)] : index === '0' ? value : undefined;
}
