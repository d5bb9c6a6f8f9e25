import type { Arg } from '../syntax/arg.js';

/** How one program family spells its options. */
export interface FlagSpec {
  /** short options that take a value (`-n 5` or `-n5`), as one string: `'nC'` */
  readonly shortWithValue?: string;
  /** long options that take a value (`--name x` or `--name=x`), without dashes */
  readonly longWithValue?: readonly string[];
  /** long options without a value, so that unique abbreviations (`--recurs`) resolve */
  readonly longFlags?: readonly string[];
  /** alternative spellings mapped to one name: `{ R: 'r', recursive: 'r' }` */
  readonly aliases?: Readonly<Record<string, string>>;
  /** stop at the first operand (POSIX order, for wrappers); default: options may follow operands (GNU) */
  readonly stopAtOperand?: boolean;
  /** single-dash long options (`-name x`, `-exec`) are not bundles of short flags */
  readonly singleDashLong?: boolean;
}

/** A command line split into options and operands. */
export interface ParsedFlags {
  /** every option seen, by its canonical name (`r`, `force`) */
  readonly flags: ReadonlySet<string>;
  /** values of options that take one, by canonical name, in order */
  readonly values: ReadonlyMap<string, readonly Arg[]>;
  /** the operands, in order */
  readonly operands: readonly Arg[];
  /** with `stopAtOperand`: the index in the input where the operands start */
  readonly operandStart: number;
}

/** Parses options per family: bundled short flags, long flags with `=value`, abbreviations, `--`, and options after operands. */
export function parseFlags(args: readonly Arg[], spec: FlagSpec = {}): ParsedFlags {
  const flags = new Set<string>();
  const values = new Map<string, Arg[]>();
  const operands: Arg[] = [];
  const canonical = (name: string) => spec.aliases?.[name] ?? name;
  const addValue = (name: string, value: Arg | undefined) => {
    flags.add(name);
    if (value) values.set(name, [...(values.get(name) ?? []), value]);
  };
  let operandStart = args.length;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as Arg;
    const text = arg.value;
    if (text === '--') {
      operands.push(...args.slice(i + 1));
      operandStart = Math.min(operandStart, i + 1);
      break;
    }
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const raw = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const name = canonical(resolveLong(raw, spec));
      if (eq >= 0) addValue(name, { ...arg, value: text.slice(eq + 1) });
      else if (takesLongValue(raw, spec)) addValue(name, args[++i]);
      else flags.add(name);
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && !arg.dynamic) {
      if (spec.singleDashLong) {
        const name = canonical(text.slice(1));
        if (spec.longWithValue?.includes(text.slice(1))) addValue(name, args[++i]);
        else flags.add(name);
        continue;
      }
      i = parseShortBundle(args, i, spec, canonical, addValue);
      continue;
    }
    operands.push(arg);
    if (spec.stopAtOperand) {
      operands.push(...args.slice(i + 1));
      operandStart = i;
      break;
    }
  }
  if (!spec.stopAtOperand) operandStart = Math.min(operandStart, args.length);
  return { flags, values, operands, operandStart };
}

/** True when any of the names was given. */
export function hasAny(parsed: ParsedFlags, ...names: string[]): boolean {
  return names.some((name) => parsed.flags.has(name));
}

/** The last value given for an option, if any. */
export function lastValue(parsed: ParsedFlags, name: string): Arg | undefined {
  const list = parsed.values.get(name);
  return list?.[list.length - 1];
}

function parseShortBundle(
  args: readonly Arg[],
  index: number,
  spec: FlagSpec,
  canonical: (name: string) => string,
  addValue: (name: string, value: Arg | undefined) => void,
): number {
  const arg = args[index] as Arg;
  const text = arg.value;
  for (let j = 1; j < text.length; j++) {
    const letter = text[j] as string;
    const name = canonical(letter);
    if (spec.shortWithValue?.includes(letter)) {
      const rest = text.slice(j + 1);
      if (rest) addValue(name, { ...arg, value: rest });
      else addValue(name, args[index + 1]);
      return rest ? index : index + 1;
    }
    addValue(name, undefined);
  }
  return index;
}

function resolveLong(raw: string, spec: FlagSpec): string {
  const known = [
    ...new Set([
      ...(spec.longFlags ?? []),
      ...(spec.longWithValue ?? []),
      ...Object.keys(spec.aliases ?? {}),
    ]),
  ];
  if (known.includes(raw)) return raw;
  const matches = known.filter((name) => name.length > 1 && name.startsWith(raw));
  return matches.length === 1 ? (matches[0] as string) : raw;
}

function takesLongValue(raw: string, spec: FlagSpec): boolean {
  return spec.longWithValue?.includes(resolveLong(raw, spec)) ?? false;
}
