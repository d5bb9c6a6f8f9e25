// Built-in profiles plus the config's overrides, compiled once into regular expressions.
import { NightshiftError } from '../errors.js';
import { compilePattern, PatternList } from './pattern.js';
import type {
  DialogSpec,
  InputSpec,
  LinePromptSpec,
  PatternSource,
  ProfileListKey,
  ProfileSpec,
  SubjectSpec,
} from './profile.js';
import { profileOverridesSchema, type ProfileOverride } from './profile-schema.js';
import { BUILTIN_PROFILES, PROFILE_ALIASES } from './profiles/index.js';

/** A subject spec with its patterns compiled. */
export interface Subject {
  readonly kind: 'shell' | 'action';
  readonly header?: RegExp;
  readonly row?: RegExp;
  readonly continued: boolean;
  readonly above: number;
  readonly stop?: RegExp;
  readonly separate: boolean;
  readonly shellCommand: boolean;
  readonly firstRow: boolean;
  readonly description?: RegExp;
  readonly template?: string;
}

/** A menu dialog shape, compiled; `rule` is `<profile>.<id>`. */
export interface DialogShape {
  readonly rule: string;
  readonly question: PatternList;
  readonly approve: PatternList;
  readonly decline: PatternList;
  readonly keys: 'navigate' | 'hotkey';
  readonly deny: readonly string[] | undefined;
  readonly subject: readonly Subject[];
}

/** A line prompt shape, compiled; `rule` is `<profile>.<id>`. */
export interface LinePromptShape {
  readonly rule: string;
  readonly prompt: RegExp;
  readonly context: RegExp | undefined;
  readonly approve: readonly string[];
  readonly deny: readonly string[];
  /** undefined: the command after the last shell prompt */
  readonly subject: readonly Subject[] | undefined;
}

type ListKey = Exclude<ProfileListKey, 'dialogs' | 'linePrompts' | 'commands' | 'resetWords'>;

/** A profile's input box, compiled: `row` patterns have the typed text as group 1. */
export type InputShape = Omit<InputSpec, 'row'> & { readonly row: readonly RegExp[] };

/** A profile ready to classify with: its own layer over `generic`, every list compiled. */
export type Profile = {
  readonly name: string;
  readonly description: string;
  /** pane_current_command values of this program */
  readonly commands: readonly string[];
  readonly markers: string;
  readonly dialogs: readonly DialogShape[];
  readonly linePrompts: readonly LinePromptShape[];
  /** extra words that introduce a reset time (regular-expression sources) */
  readonly resetWords: readonly string[];
  /** the input box and its timing */
  readonly input: InputShape;
} & { readonly [K in ListKey]: PatternList };

/** Every profile, resolved: look one up by name, or get the union used when the program is auto-detected. */
export interface ProfileSet {
  /** profile names, most specific first, `generic` last */
  readonly names: readonly string[];
  /** a profile by name or alias, or undefined */
  get(name: string): Profile | undefined;
  /** every profile's rules at once, `first`'s in front: used when the program was detected, not configured */
  union(first: string): Profile;
  /** each profile's own detection signs (not layered) */
  readonly detectors: readonly {
    readonly name: string;
    readonly detect: PatternList;
    readonly commands: readonly string[];
  }[];
}

const LIST_KEYS: readonly ListKey[] = [
  'detect',
  'sticky',
  'busy',
  'quoted',
  'idle',
  'questions',
  'freeText',
  'footers',
  'output',
  'limits',
  'notLimits',
  'needsHuman',
  'fatal',
  'secrets',
  'secretDialogs',
  'shellPrompts',
  'dead',
];

const cache = new WeakMap<object, ProfileSet>();
let builtins: ProfileSet | undefined;

/** Resolves the built-in profiles with the config's `profiles:` overrides (validated here; cached per overrides object). */
export function resolveProfiles(overrides?: unknown): ProfileSet {
  if (
    overrides === undefined ||
    overrides === null ||
    (typeof overrides === 'object' && Object.keys(overrides).length === 0)
  ) {
    return (builtins ??= buildSet(BUILTIN_PROFILES));
  }
  if (typeof overrides !== 'object')
    throw new NightshiftError('CONFIG_INVALID', 'profiles: expected a map of profile name to override');
  const hit = cache.get(overrides);
  if (hit) return hit;
  const parsed = profileOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      path: ['profiles', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    throw new NightshiftError(
      'CONFIG_INVALID',
      `profiles: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
      { problems },
    );
  }
  const set = buildSet(applyOverrides(parsed.data));
  cache.set(overrides, set);
  return set;
}

/** Merges overrides into the built-in specs: lists are prepended (or replaced), new profiles start from `extends`. */
function applyOverrides(overrides: Readonly<Record<string, ProfileOverride>>): Record<string, ProfileSpec> {
  const specs: Record<string, ProfileSpec> = { ...BUILTIN_PROFILES };
  const pending = Object.entries(overrides).map(([name, o]) => [PROFILE_ALIASES[name] ?? name, o] as const);
  for (const [name, o] of pending) {
    const baseName = specs[name]
      ? name
      : (o.extends && (PROFILE_ALIASES[o.extends] ?? o.extends)) || 'generic';
    const base =
      name === 'generic' || specs[name]
        ? specs[name]!
        : emptyLike(specs[baseName] ?? BUILTIN_PROFILES.generic!, baseName);
    const merged: Record<string, unknown> = {
      ...base,
      description: o.description ?? base.description,
      markers: (o.markers ?? '') + base.markers,
    };
    for (const key of [...LIST_KEYS, 'dialogs', 'linePrompts', 'commands', 'resetWords'] as const) {
      const mine = o[key] as readonly unknown[] | undefined;
      const theirs = (base[key] ?? []) as readonly unknown[];
      merged[key] = o.replace.includes(key) ? [...(mine ?? [])] : [...(mine ?? []), ...theirs];
    }
    if (o.input || base.input)
      merged.input = {
        ...base.input,
        ...o.input,
        row: [...(o.input?.row ?? []), ...(base.input?.row ?? [])],
      };
    specs[name] = merged as unknown as ProfileSpec;
  }
  // generic goes last
  const { generic, ...rest } = specs;
  return { ...rest, generic: generic! };
}

/** A new profile's starting point: a copy of `base`, or nothing when it extends `generic` (which is layered under anyway). */
function emptyLike(base: ProfileSpec, baseName: string): ProfileSpec {
  if (baseName !== 'generic') return base;
  const empty: Record<string, unknown> = { description: '', markers: '' };
  for (const key of [...LIST_KEYS, 'dialogs', 'linePrompts', 'commands', 'resetWords'] as const)
    empty[key] = [];
  return empty as unknown as ProfileSpec;
}

function buildSet(specs: Readonly<Record<string, ProfileSpec>>): ProfileSet {
  const generic = specs.generic ?? BUILTIN_PROFILES.generic!;
  const names = [...Object.keys(specs).filter((n) => n !== 'generic'), 'generic'];
  const byName = new Map<string, Profile>();
  const unions = new Map<string, Profile>();
  const layersOf = (name: string): [string, ProfileSpec][] =>
    name === 'generic'
      ? [['generic', generic]]
      : [
          [name, specs[name]!],
          ['generic', generic],
        ];
  const get = (name: string): Profile | undefined => {
    const real = PROFILE_ALIASES[name] ?? name;
    if (!specs[real]) return undefined;
    let p = byName.get(real);
    if (!p) byName.set(real, (p = compileProfile(real, layersOf(real))));
    return p;
  };
  const union = (first: string): Profile => {
    const lead = specs[first] && first !== 'generic' ? first : names[0]!;
    let p = unions.get(first);
    if (!p) {
      const order = [lead, ...names.filter((n) => n !== lead && n !== 'generic')];
      unions.set(
        first,
        (p = compileProfile(first === 'generic' ? 'generic' : lead, [
          ...order.map((n): [string, ProfileSpec] => [n, specs[n]!]),
          ['generic', generic],
        ])),
      );
    }
    return p;
  };
  const detectors = names
    .filter((n) => n !== 'generic')
    .map((name) => ({ name, detect: new PatternList(specs[name]!.detect), commands: specs[name]!.commands }));
  return { names, get, union, detectors };
}

/** Compiles a stack of profile layers (most specific first) into one Profile named `name`. */
export function compileProfile(name: string, layers: readonly (readonly [string, ProfileSpec])[]): Profile {
  const lists = {} as Record<ListKey, PatternList>;
  for (const key of LIST_KEYS)
    lists[key] = new PatternList(layers.flatMap(([, spec]) => (spec[key] ?? []) as readonly PatternSource[]));
  return {
    name,
    description: layers[0]?.[1].description ?? '',
    commands: layers.flatMap(([, spec]) => spec.commands),
    markers: [...new Set(layers.flatMap(([, spec]) => [...spec.markers]))].join(''),
    dialogs: layers.flatMap(([owner, spec]) => spec.dialogs.map((d) => compileDialog(owner, d))),
    linePrompts: layers.flatMap(([owner, spec]) => spec.linePrompts.map((p) => compileLinePrompt(owner, p))),
    resetWords: layers.flatMap(([, spec]) => spec.resetWords.map((w) => compilePattern(w).source)),
    input: compileInput(layers),
    ...lists,
  };
}

/**
 * The input box of a layer stack: rows from every layer; each timing from the lead layer, else the last (`generic`),
 * so a detected program never borrows another program's timing.
 */
function compileInput(layers: readonly (readonly [string, ProfileSpec])[]): InputShape {
  const own = [layers[0], layers[layers.length - 1]];
  const first = <K extends keyof InputSpec>(key: K, fallback: InputSpec[K]): InputSpec[K] =>
    (own.find((l) => l?.[1].input?.[key] !== undefined)?.[1].input?.[key] as InputSpec[K]) ?? fallback;
  return {
    row: layers.flatMap(([, spec]) => (spec.input?.row ?? []).map(compilePattern)),
    readyAfter: first('readyAfter', 0),
    settle: first('settle', 0),
    enterGap: first('enterGap', 0),
    clear: first('clear', 'backspace'),
  };
}

function compileDialog(owner: string, d: DialogSpec): DialogShape {
  return {
    rule: `${owner}.${d.id}`,
    question: new PatternList(d.question),
    approve: new PatternList(d.approve),
    decline: new PatternList(d.decline ?? []),
    keys: d.keys,
    deny: d.deny,
    subject: d.subject.map(compileSubject),
  };
}

function compileLinePrompt(owner: string, p: LinePromptSpec): LinePromptShape {
  return {
    rule: `${owner}.${p.id}`,
    prompt: compilePattern(p.prompt),
    context: p.context === undefined ? undefined : compilePattern(p.context),
    approve: p.approve,
    deny: p.deny,
    subject: p.subject?.map(compileSubject),
  };
}

function compileSubject(s: SubjectSpec): Subject {
  return {
    kind: s.kind,
    ...(s.header !== undefined && { header: compilePattern(s.header) }),
    ...(s.row !== undefined && { row: compilePattern(s.row) }),
    continued: s.continued ?? false,
    above: s.above ?? 0,
    ...(s.stop !== undefined && { stop: compilePattern(s.stop) }),
    separate: s.separate ?? false,
    shellCommand: s.shellCommand ?? false,
    firstRow: s.firstRow ?? false,
    ...(s.description !== undefined && { description: compilePattern(s.description) }),
    ...(s.template !== undefined && { template: s.template }),
  };
}
