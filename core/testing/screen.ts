/** A scripted screen for PaneTester: text plus the pane facts a real capture would carry. */
export interface Screen {
  readonly text: string;
  /** 0-based cursor; default: end of the last non-empty row */
  readonly cursor?: { readonly x: number; readonly y: number };
  readonly dead?: boolean;
  readonly deadStatus?: number;
  readonly inMode?: boolean;
  readonly alternateOn?: boolean;
  /** pane_current_command (default `node`) */
  readonly command?: string;
}

/**
 * Template tag for scripted screens: strips the common indentation and the first and last empty lines,
 * so a screen can be written indented in a test file.
 */
export function screen(strings: TemplateStringsArray, ...values: unknown[]): Screen {
  return { text: dedent(String.raw({ raw: strings }, ...values)) };
}

/** Removes common leading indentation and the surrounding blank lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
