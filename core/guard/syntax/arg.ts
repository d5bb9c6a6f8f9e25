/** Stands for text only known at run time (a variable, a command's output): never equal to a real name or path. */
export const UNKNOWN = '\u{E000}';

/** One argument after the expansions the guard can do without running anything. */
export interface Arg {
  /** the value with quotes removed; parts only known at run time are {@link UNKNOWN} */
  readonly value: string;
  /** part of the value is only known at run time */
  readonly dynamic: boolean;
  /** an unquoted glob (`*`, `?`, `[…]`) may turn it into several paths */
  readonly glob: boolean;
  /** some of the value came from an expansion (`$x`, `{a,b}`, `$(…)`), even one the guard could resolve */
  readonly expanded: boolean;
  /** it names a process substitution (`<(…)`): a pipe fed by another command */
  readonly processSubstitution: boolean;
  /** a command substitution produced part of it; the substituted commands, as source text */
  readonly substitutions: readonly string[];
  /** variables whose run-time value it carries (`$GITHUB_TOKEN`, `${KEY:-x}`; not `${#KEY}` or `${KEY:+set}`) */
  readonly variables?: readonly string[];
}

/** An argument spelled out literally (no expansion, no glob). */
export function literalArg(value: string): Arg {
  return {
    value,
    dynamic: false,
    glob: false,
    expanded: false,
    processSubstitution: false,
    substitutions: [],
  };
}

/** An argument whose value is only known at run time. */
export function unknownArg(): Arg {
  return {
    value: UNKNOWN,
    dynamic: true,
    glob: false,
    expanded: true,
    processSubstitution: false,
    substitutions: [],
  };
}

/** True when the text contains a part only known at run time. */
export function isDynamic(text: string): boolean {
  return text.includes(UNKNOWN);
}
