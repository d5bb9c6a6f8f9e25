// Option rows of a menu: numbered (`❯ 1. Yes`) or not (`❯ Yes (y)`), one highlighted by a selection marker.
import { isBlank } from './screen-view.js';

/** One option of a menu. */
export interface MenuOption {
  /** first and last screen row of the option (an option may wrap) */
  readonly row: number;
  readonly lastRow: number;
  /** the number before the label, if any */
  readonly number: number | undefined;
  /** the label without its number and hotkey, e.g. `Yes, proceed` */
  readonly label: string;
  /** the whole text, wrapped rows joined (hotkey included): sticky options are judged on this */
  readonly text: string;
  /** the option's own key, e.g. `y`, or `esc` */
  readonly hotkey: string | undefined;
  /** the selection marker is on this option */
  readonly selected: boolean;
}

/** A parsed menu: its options in screen order. */
export interface Menu {
  readonly options: readonly MenuOption[];
  /** index into options of the highlighted one, or -1 when no marker is shown */
  readonly selected: number;
  /** the last row of the last option */
  readonly end: number;
  /** the first row of the first option */
  readonly start: number;
}

interface RowShape {
  readonly marked: boolean;
  readonly number: number | undefined;
  /** column where the label starts */
  readonly column: number;
  readonly label: string;
}

/** `1. Yes`, and `2.Yes, and …` as Claude draws a wrapped option at 80 columns; never `2.5` */
const NUMBERED = /^(\d{1,2})\.(?!\d)\s*(\S.*)$/;
const HOTKEY = /\s+\(([A-Za-z0-9]|esc|tab|shift\+tab|enter|esc or [a-z]|[a-z] or esc)\)$/i;

/** Reads one row as a possible option: the marker, the number and where the label starts. */
export function optionShape(row: string, markers: string): RowShape | undefined {
  let i = 0;
  while (row[i] === ' ') i++;
  if (i >= row.length) return undefined;
  let marked = false;
  if (markers.includes(row[i]!)) {
    marked = true;
    i++;
    while (row[i] === ' ') i++;
  }
  const rest = row.slice(i);
  const numbered = NUMBERED.exec(rest);
  if (numbered)
    return {
      marked,
      number: Number(numbered[1]),
      column: i + rest.indexOf(numbered[2]!),
      label: numbered[2]!,
    };
  return { marked, number: undefined, column: i, label: rest };
}

/** True for a row that starts an option: a selection marker or a number followed by a label. */
export function isOptionRow(row: string, markers: string): boolean {
  const shape = optionShape(row, markers);
  return shape !== undefined && (shape.marked || shape.number !== undefined) && shape.label.trim() !== '';
}

/** Parses the menu that starts within `reach` rows below `from` (exclusive) and ends at the first blank row after it. */
export function parseMenu(
  rows: readonly string[],
  from: number,
  markers: string,
  reach = 14,
): Menu | undefined {
  let first = -1;
  for (let i = from + 1; i < rows.length && i <= from + reach; i++) {
    if (isOptionRow(rows[i]!, markers)) {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  const head = optionShape(rows[first]!, markers)!;
  return head.number !== undefined
    ? numberedMenu(rows, first, markers)
    : plainMenu(rows, first, from, markers, head);
}

/** `1. …`, `2. …`: rows without a number continue the option above them. */
function numberedMenu(rows: readonly string[], first: number, markers: string): Menu {
  const options: MenuOption[] = [];
  let i = first;
  for (; i < rows.length && !isBlank(rows[i]!); i++) {
    const shape = optionShape(rows[i]!, markers)!;
    if (shape.number !== undefined) options.push(option(i, shape));
    else if (options.length) options[options.length - 1] = extend(options[options.length - 1]!, i, rows[i]!);
  }
  return finish(options, first, i - 1);
}

/** Options without numbers: rows whose label starts in the marker row's label column; deeper rows continue them. */
function plainMenu(
  rows: readonly string[],
  first: number,
  from: number,
  markers: string,
  head: RowShape,
): Menu {
  const column = head.column;
  const at = (i: number) => optionShape(rows[i]!, markers);
  // options above the highlighted one (same block, same label column)
  let start = first;
  while (start - 1 > from && !isBlank(rows[start - 1]!) && at(start - 1)?.column === column) start--;
  const options: MenuOption[] = [];
  let i = start;
  for (; i < rows.length && !isBlank(rows[i]!); i++) {
    const shape = at(i)!;
    if (shape.column === column || shape.marked) options.push(option(i, shape));
    else if (shape.column > column && options.length)
      options[options.length - 1] = extend(options[options.length - 1]!, i, rows[i]!);
    else break;
  }
  return finish(options, start, i - 1);
}

/** A mark some menus draw after the current choice (`Yes, I trust this folder ✔`): not part of the label. */
const CHECK_MARK = /\s*[✔✓]$/u;

function option(row: number, shape: RowShape): MenuOption {
  const text = shape.label.trim().replace(CHECK_MARK, '');
  const hotkey = HOTKEY.exec(text);
  return {
    row,
    lastRow: row,
    number: shape.number,
    label: hotkey ? text.slice(0, hotkey.index).trim() : text,
    text,
    hotkey: hotkey?.[1]?.toLowerCase(),
    selected: shape.marked,
  };
}

/** Adds a wrapped row to an option (its label and hotkey are re-read from the joined text). */
function extend(o: MenuOption, row: number, text: string): MenuOption {
  const joined = `${o.text} ${text.trim()}`.replace(CHECK_MARK, '');
  const hotkey = HOTKEY.exec(joined);
  return {
    ...o,
    lastRow: row,
    text: joined,
    label: hotkey ? joined.slice(0, hotkey.index).trim() : joined,
    hotkey: hotkey?.[1]?.toLowerCase() ?? o.hotkey,
  };
}

function finish(options: MenuOption[], start: number, end: number): Menu {
  const last = options[options.length - 1];
  return { options, selected: options.findIndex((o) => o.selected), start, end: last ? last.lastRow : end };
}
