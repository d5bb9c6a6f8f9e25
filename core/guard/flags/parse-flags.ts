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

/** Collects options as they are read. */
class Collected implements ParsedFlags {
  readonly flags = new Set<string>();
  readonly values = new Map<string, Arg[]>();
  readonly operands: Arg[] = [];
  operandStart: number;

  constructor(
    private readonly spec: FlagSpec,
    length: number,
  ) {
    this.operandStart = length;
  }

  /** An option by its canonical name, with its value when it takes one. */
  add(name: string, value?: Arg): void {
    const canonical = this.spec.aliases?.[name] ?? name;
    this.flags.add(canonical);
    if (!value) return;
    const list = this.values.get(canonical);
    if (list) list.push(value);
    else this.values.set(canonical, [value]);
  }
}

/** Parses options per family: bundled short flags, long flags with `=value`, abbreviations, `--`, and options after operands. */
export function parseFlags(args: readonly Arg[], spec: FlagSpec = {}): ParsedFlags {
  const out = new Collected(spec, args.length);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as Arg;
    const text = arg.value;
    if (text === '--') {
      for (let rest = i + 1; rest < args.length; rest++) out.operands.push(args[rest] as Arg);
      out.operandStart = Math.min(out.operandStart, i + 1);
      break;
    }
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const raw = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const name = resolveLong(raw, spec);
      if (eq >= 0) out.add(name, { ...arg, value: text.slice(eq + 1) });
      else if (spec.longWithValue?.includes(name)) out.add(name, args[++i]);
      else out.add(name);
      continue;
    }
    if (text.length > 1 && text[0] === '-' && !arg.dynamic) {
      if (spec.singleDashLong) {
        const name = text.slice(1);
        if (spec.longWithValue?.includes(name)) out.add(name, args[++i]);
        else out.add(name);
        continue;
      }
      i = parseShortBundle(args, i, spec, out);
      continue;
    }
    out.operands.push(arg);
    if (spec.stopAtOperand) {
      for (let rest = i + 1; rest < args.length; rest++) out.operands.push(args[rest] as Arg);
      out.operandStart = i;
      break;
    }
  }
  return out;
}

/** True when any of the names was given. */
export function hasAny(parsed: ParsedFlags, ...names: string[]): boolean {
  return names.some((name) => parsed.flags.has(name));
}

function parseShortBundle(args: readonly Arg[], index: number, spec: FlagSpec, out: Collected): number {
  const arg = args[index] as Arg;
  const text = arg.value;
  for (let j = 1; j < text.length; j++) {
    const letter = text[j] as string;
    if (spec.shortWithValue?.includes(letter)) {
      const rest = text.slice(j + 1);
      if (rest) out.add(letter, { ...arg, value: rest });
      else out.add(letter, args[index + 1]);
      return rest ? index : index + 1;
    }
    out.add(letter);
  }
  return index;
}

function resolveLong(raw: string, spec: FlagSpec): string {
  if (
    spec.longFlags?.includes(raw) ||
    spec.longWithValue?.includes(raw) ||
    (spec.aliases && raw in spec.aliases)
  )
    return raw;
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
