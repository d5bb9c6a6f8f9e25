// Deep matching for PaneTester's `expect`: equal values, with asymmetric matchers (`expect.any(Number)`,
// `expect.stringMatching(/…/)`, `expect.objectContaining({…})` from vitest or jest) accepted anywhere in the expected.

/** An asymmetric matcher as vitest and jest make them. */
interface Asymmetric {
  asymmetricMatch(actual: unknown): boolean;
}

function isAsymmetric(value: unknown): value is Asymmetric {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Asymmetric>).asymmetricMatch === 'function'
  );
}

/** True when `actual` equals `expected`: same primitives, same keys and items, matchers asked where they stand. */
export function matches(actual: unknown, expected: unknown): boolean {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(actual);
  if (Object.is(actual, expected)) return true;
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null)
    return false;
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matches(actual[i], e))
    );
  if (Array.isArray(actual)) return false;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = Object.keys(e).filter((k) => e[k] !== undefined);
  const actualKeys = Object.keys(a).filter((k) => a[k] !== undefined);
  return actualKeys.length === keys.length && keys.every((k) => k in a && matches(a[k], e[k]));
}

/** Throws with `message` and both values when they do not match. */
export function assertMatches(actual: unknown, expected: unknown, message: string): void {
  if (matches(actual, expected)) return;
  throw new Error(`${message}\n  got:      ${show(actual)}\n  expected: ${show(expected)}`);
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (isAsymmetric(v) ? `<${String(v)}>` : v));
}
