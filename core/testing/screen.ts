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
  /**
   * How this screen replaces the one before it in a case's `screens`:
   * - `key` (default): the next key name pressed (Enter, Escape, Down…) draws it; text typed before that is echoed
   *   into the screen at the cursor, the way an input box shows it;
   * - `keystroke`: the very next keystroke, a typed character included, draws it: a dialog that comes up while
   *   nightshift types (`drawnBy('keystroke', dialog)`);
   * - `look`: it draws itself as soon as the screen before it has been looked at once, so the screen changes
   *   between a plugin's look and its send.
   */
  readonly drawnBy?: 'key' | 'keystroke' | 'look';
}

/** The cursor marker in scripted screens: `│ > ▮   │` puts the cursor there (the marker reads as a space). */
export const CURSOR = '▮';

/** The same screen, drawn by `how` (see `Screen.drawnBy`). */
export function drawnBy(how: 'key' | 'keystroke' | 'look', s: Screen | string): Screen {
  return { ...(typeof s === 'string' ? { text: s } : s), drawnBy: how };
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
