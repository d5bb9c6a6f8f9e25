/**
 * An options schema: any validator implementing Standard Schema v1 (zod 4, valibot, arktype…).
 * The core depends on the interface, not on a library.
 */
export interface Schema<Out = unknown, In = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (input: unknown) => SchemaResult<Out> | Promise<SchemaResult<Out>>;
    readonly types?: { readonly input: In; readonly output: Out } | undefined;
  };
}

/** The result of validating: a value, or every issue found. */
export type SchemaResult<Out> =
  { readonly value: Out; readonly issues?: undefined } | { readonly issues: ReadonlyArray<SchemaIssue> };

export interface SchemaIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** The validated type of a schema. */
export type SchemaOutput<S> = S extends Schema<infer O> ? O : never;

/** Formats an issue path as `a.b[2].c`. */
export function formatIssuePath(path: SchemaIssue['path']): string {
  let out = '';
  for (const part of path ?? []) {
    const key = typeof part === 'object' && part !== null && 'key' in part ? part.key : part;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}
