// Pure parts of the tmux layer: quoting, the control-mode parser, key names, versions, formats, screen rows.
import { describe, expect, it } from 'vitest';
import { screenRows } from '../../core/tmux/capture.js';
import { ControlParser, type ControlMessage } from '../../core/tmux/control-parser.js';
import { PANE_FIELDS, parsePaneLine, toPaneInfo } from '../../core/tmux/format.js';
import { KEY_NAMES, isKeyName } from '../../core/tmux/keys.js';
import { commandLine, escapeFormat, quoteArg, shellQuote } from '../../core/tmux/quote.js';
import { isSupported, parseVersion } from '../../core/tmux/version.js';

describe('quoteArg', () => {
  it.each([
    ['capture-pane', 'capture-pane'],
    ['%12', '%12'],
    ['=work:=builder.0', '=work:=builder.0'],
    ['-dash', '-dash'],
    ['two words', "'two words'"],
    ["it's", `'it'"'"'s'`],
    ['a;b', "'a;b'"],
    ['#{pane_id}', "'#{pane_id}'"],
    ['$HOME ~ {x}', "'$HOME ~ {x}'"],
    ['line\nnext', `'line'"\\012"'next'`],
    ['tab\there', `'tab'"\\011"'here'`],
    ['\x1b', `"\\033"`],
    ['del\x7f', `'del'"\\177"`],
    ['', "''"],
    ['é ❯', "'é ❯'"],
  ])('%j → %s', (arg, quoted) => {
    expect(quoteArg(arg)).toBe(quoted);
  });

  it('never puts a line break in a command line', () => {
    expect(commandLine(['send-keys', '-l', '-t', '%1', '--', 'a\nb\r\n'])).not.toMatch(/[\r\n]/);
  });

  it('quotes for sh and escapes formats', () => {
    expect(shellQuote("/tmp/it's here")).toBe(`'/tmp/it'\\''s here'`);
    expect(escapeFormat('/tmp/#1/#{x}')).toBe('/tmp/##1/##{x}');
  });
});

describe('ControlParser', () => {
  const feed = (...chunks: string[]): ControlMessage[] => {
    const parser = new ControlParser();
    return chunks.flatMap((c) => parser.feed(Buffer.from(c)));
  };

  it('frames blocks and notifications', () => {
    expect(
      feed('%begin 10 5 0\n%end 10 5 0\n%session-changed $0 work\n%begin 10 6 1\nhi\n\n%end 10 6 1\n%exit\n'),
    ).toEqual([
      { kind: 'block', time: '10', number: '5', fromClient: false, ok: true, lines: [] },
      { kind: 'notification', name: 'session-changed', args: '$0 work' },
      { kind: 'block', time: '10', number: '6', fromClient: true, ok: true, lines: ['hi', ''] },
      { kind: 'notification', name: 'exit', args: '' },
    ]);
  });

  it('reports %error blocks', () => {
    expect(feed('%begin 1 2 1\nparse error: unknown command: x\n%error 1 2 1\n')).toEqual([
      {
        kind: 'block',
        time: '1',
        number: '2',
        fromClient: true,
        ok: false,
        lines: ['parse error: unknown command: x'],
      },
    ]);
  });

  it('keeps pane lines that look like protocol lines inside the block', () => {
    const lines = [
      '%end 10 6 0',
      '%end 10 7 1',
      '%end 11 6 1',
      '%error 10 5 1',
      '%begin 10 8 1',
      '%exit',
      '%end 10 6 1 ',
    ];
    expect(feed(`%begin 10 6 1\n${lines.join('\n')}\n%end 10 6 1\n`)).toEqual([
      { kind: 'block', time: '10', number: '6', fromClient: true, ok: true, lines },
    ]);
  });

  it('reassembles lines and UTF-8 characters split across chunks', () => {
    const bytes = Buffer.from('%begin 1 1 1\ncafé ❯\n%end 1 1 1\n');
    const parser = new ControlParser();
    const out: ControlMessage[] = [];
    for (let i = 0; i < bytes.length; i++) out.push(...parser.feed(bytes.subarray(i, i + 1)));
    expect(out).toEqual([
      { kind: 'block', time: '1', number: '1', fromClient: true, ok: true, lines: ['café ❯'] },
    ]);
  });
});

describe('key names', () => {
  it.each([
    'Enter',
    'Escape',
    'Tab',
    'BSpace',
    'Up',
    'Down',
    'Left',
    'Right',
    'Home',
    'End',
    'PageUp',
    'PageDown',
    'Space',
    'C-a',
    'C-c',
    'C-z',
    'F1',
    'F12',
    'M-x',
    'M-Enter',
    'M-.',
  ])('%s is a key name', (key) => expect(isKeyName(key)).toBe(true));

  it.each(['y', 'n', '1', 'yes', 'enter', 'ENTER', 'C-', 'C-1', 'F13', 'M-', 'M-xy', 'Enter ', ''])(
    '%j is literal text',
    (key) => {
      expect(isKeyName(key)).toBe(false);
    },
  );

  it('lists every named key once', () => {
    expect(new Set(KEY_NAMES).size).toBe(KEY_NAMES.length);
    expect(KEY_NAMES).toContain('C-c');
    expect(Object.isFrozen(KEY_NAMES)).toBe(true);
  });
});

describe('versions', () => {
  it.each([
    ['tmux 3.3a', 3, 3, true],
    ['tmux 3.2', 3, 2, true],
    ['tmux 3.1c', 3, 1, false],
    ['tmux 2.9a', 2, 9, false],
    ['tmux next-3.6', 3, 6, true],
    ['tmux 3.5-rc', 3, 5, true],
    ['tmux master', 999, 0, true],
  ])('%s', (text, major, minor, supported) => {
    const v = parseVersion(`${text}\n`)!;
    expect(v).toEqual({ major, minor, text });
    expect(isSupported(v)).toBe(supported);
  });

  it('rejects what is not tmux', () => expect(parseVersion('bash: tmux: not found')).toBeUndefined());
});

describe('pane format', () => {
  it('parses a line into PaneInfo', () => {
    const values: Record<string, string> = {
      pane_id: '%3',
      session_name: 'fleet',
      window_name: 'builder',
      window_index: '1',
      pane_index: '0',
      pane_pid: '42',
      pane_tty: '/dev/pts/3',
      pane_dead: '1',
      pane_dead_status: '134',
      pane_current_command: 'node',
      pane_width: '120',
      pane_height: '40',
      pane_pipe: '1',
    };
    const line = PANE_FIELDS.map((f) => values[f] ?? '0').join('\x1f');
    expect(toPaneInfo(parsePaneLine(line)!)).toEqual({
      paneId: '%3',
      session: 'fleet',
      window: 'builder',
      windowIndex: 1,
      paneIndex: 0,
      pid: 42,
      tty: '/dev/pts/3',
      dead: true,
      deadStatus: 134,
      currentCommand: 'node',
      width: 120,
      height: 40,
      piped: true,
    });
    expect(parsePaneLine('%3\x1ffleet')).toBeUndefined();
  });

  it('gives exactly height rows with trailing spaces trimmed', () => {
    expect(screenRows(['a  ', ' b'], 4)).toEqual(['a', ' b', '', '']);
    expect(screenRows(['1', '2', '3'], 2)).toEqual(['1', '2']);
  });
});
