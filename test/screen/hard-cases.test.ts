import { describe, expect, it } from 'vitest';
import { classify } from '../../core/screen/classify.js';
import { decide } from '../../core/screen/decide.js';
import { allowAll, blocking, denyAll } from './guards.js';
import { claudeDialog, NOW, screen, tui } from './screens.js';

const opts = { now: NOW, timezone: 'UTC' };

/** Claude Code's plan-approval dialog at 80 columns, with `under` on the row below its `footer`. */
function planDialog(under: string, footer = ' ctrl+g to edit in Vim ·'): string[] {
  return [
    '─'.repeat(80),
    ' Claude has written up a plan and is ready to execute. Would you like to',
    ' proceed?',
    '',
    ' ❯ 1. Yes, and use auto mode',
    '   2. Yes, manually approve edits',
    '   3. Tell Claude what to change',
    '      shift+tab to approve with this feedback',
    '',
    footer,
    under,
  ];
}

describe('live part of the screen', () => {
  it.each([
    [
      'a dialog quoted in tool output above a spinner is busy',
      [
        '● Read(fixture.txt)',
        '  ⎿  Read 4 lines',
        '      6  Do you want to proceed?',
        '      7  ❯ 1. Yes',
        '      8    2. No',
        '',
        '✻ Thinking… (5s · ↓ 20 tokens · esc to interrupt)',
        '',
        '─'.repeat(40),
        '❯',
        '─'.repeat(40),
        '  ? for shortcuts',
      ],
      'busy',
    ],
    [
      'prose ending in (y/n) above the input box is a question for the person, not a line prompt',
      ['● Shall I push the branch? (y/n)', '', '─'.repeat(40), '❯', '─'.repeat(40), '  ? for shortcuts'],
      'question',
    ],
    [
      'a question asked in prose, wrapped, then more prose, above the input box is a question for the person',
      [
        '● Before I start: should the new endpoint use REST or GraphQL? Tell me which and',
        '  I will go ahead.',
        '',
        '✻ Brewed for 11s',
        '',
        '─'.repeat(40),
        '❯ ',
        '─'.repeat(40),
        '  ? for shortcuts',
      ],
      'question',
    ],
    [
      'an answer without a question above the input box is input',
      [
        '● Done: the tests pass and notes.md describes the release.',
        '',
        '✻ Brewed for 11s',
        '',
        '─'.repeat(40),
        '❯ ',
        '─'.repeat(40),
        '  ? for shortcuts',
      ],
      'input',
    ],
    [
      'a question in tool output, or in an earlier message, is not the last message asking',
      [
        '● Should I run the tests first?',
        '',
        '❯ yes',
        '',
        '● Bash(grep -n "?" notes.md)',
        '  ⎿  12: Why is the build slow?',
        '',
        '─'.repeat(40),
        '❯ ',
        '─'.repeat(40),
        '  ? for shortcuts',
      ],
      'input',
    ],
    [
      'a highlighted numbered option is a menu, never the input box',
      [
        ' Would you like to continue?',
        '',
        ' ❯ 1. Yes, and use auto mode',
        '   2. Yes, manually approve edits',
        '',
        ' some status line nobody listed',
      ],
      'output',
    ],
    [
      'a Claude question menu is a question for the person, not confirm or input',
      [
        ' ☐ Deploy',
        '',
        ' Do you want to proceed?',
        '',
        ' ❯ 1. Yes',
        '   2. No',
        '',
        ' Enter to select · ↑/↓ to navigate · Esc to cancel',
      ],
      'question',
    ],
    [
      'a model picker menu is a question for the person',
      [' Select model', ' ❯ 1. Default (recommended)', '   2. Opus', '', ' Enter to confirm · Esc to exit'],
      'question',
    ],
    [
      'a dialog followed by new output is stale',
      [...claudeDialog(['npm test']), '', '● Ran the tests.'],
      'output',
    ],
    [
      "a plan dialog whose footer the application wrapped at 80 columns (the plan's path on its own row) is live",
      planDialog('                      ~/.claude/plans/please-do-the-next-flickering-peacock.md'),
      'confirm',
    ],
    [
      'a plan dialog whose footer is drawn "inVim" and wraps mid-word at the edge of the pane is live',
      planDialog(
        '                      l.md',
        ' ctrl+g to edit inVim  · ~/.claude/plans/please-do-the-next-reflective-waterfal',
      ),
      'confirm',
    ],
    [
      "a plan dialog whose footer ends in its separator, the plan's path alone on the row below, is live",
      planDialog(
        '                       ~/.claude/plans/please-do-the-next-federated-teapot.md',
        ' ctrl+g to edit in Vim  ·',
      ),
      'confirm',
    ],
    [
      'a plan dialog with indented words under a footer that ends in its separator is stale',
      planDialog('   Wrote notes.md and ran the tests', ' ctrl+g to edit in Vim  ·'),
      'output',
    ],
    [
      'a plan dialog with a row under its footer that would have fit beside it is stale',
      planDialog('Done.'),
      'output',
    ],
    [
      'an old limit above live work is busy',
      [
        '  ⎿  Claude usage limit reached. Your limit will reset at 5am.',
        '> continue',
        '⏺ Picking up where I stopped.',
        '✢ Wiring… (14s · ↑ 402 tokens · esc to interrupt)',
        '╭────────╮',
        '│ >      │',
        '╰────────╯',
      ],
      'busy',
    ],
    [
      'a limit followed by new agent output is old',
      [
        '  ⎿  Claude usage limit reached. Your limit will reset at 5am.',
        '> continue',
        '⏺ Picking up where I stopped.',
        '╭────────╮',
        '│ >      │',
        '╰────────╯',
      ],
      'input',
    ],
  ] as const)('%s', (_what, rows, state) => {
    expect(classify(screen(rows, tui), opts).state).toBe(state);
  });
});

describe('prompts of any shape', () => {
  it.each([
    [
      'npm init asks a free-text question',
      ['dev@box:~/app$ npm init', 'package name: (webapp)'],
      {},
      'input',
    ],
    ['aws configure asks for a region', ['AWS Default region name [None]:'], {}, 'input'],
    [
      'less waiting at its bare `:` is not a question to type into',
      ['README', 'text', ':'],
      { alternate_on: 1 },
      'output',
    ],
    [
      'a starship-style prompt with a shell in front: the agent exited',
      ['● Done.', 'Resume this session with: claude --resume 8f2c', '~/app on main ❯'],
      { pane_current_command: 'zsh' },
      'error',
    ],
    [
      'the same row while the agent still runs is not an exit',
      ['● Done.', '~/app on main ❯'],
      { pane_current_command: 'claude', cursor_flag: 0 },
      'output',
    ],
    [
      "Codex's model-specific limit is a limit",
      [
        "■ You've hit your usage limit for gpt-5-codex. Switch to another model now, or try again at 3:31 PM.",
        '',
        '› Ask Codex to do anything',
      ],
      { cursor_flag: 0 },
      'limit',
    ],
  ] as const)('%s', (_what, rows, state, want) => {
    expect(classify(screen(rows, state), opts).state).toBe(want);
  });
});

describe('warnings that are not limits', () => {
  it.each([
    ['Claude Opus 4 limit reached, now using Sonnet 4'],
    ['Approaching usage limit · resets at 2am'],
    ['Context limit reached · /compact or /clear to continue'],
    ["You've hit your context limit"],
    ['You have exceeded your premium request allowance. We have automatically switched you to GPT-4.1.'],
  ])('%s', (text) => {
    const c = classify(
      screen([`  ⎿  ${text}`, '', '─'.repeat(30), '❯', '─'.repeat(30), '  ? for shortcuts'], tui),
      opts,
    );
    expect(c.state).not.toBe('limit');
  });

  it('credit exhaustion is an error that needs a person', () => {
    const c = classify(
      screen(
        [
          '  ⎿  Credit balance is too low · Add funds: https://console.anthropic.com',
          '',
          '─'.repeat(30),
          '❯',
          '─'.repeat(30),
        ],
        tui,
      ),
      opts,
    );
    expect({ state: c.state, needsHuman: c.needsHuman }).toEqual({ state: 'error', needsHuman: true });
  });

  it('a Gemini model fallback is not a wait', () => {
    const c = classify(
      screen(
        [
          '⚡ You have reached your daily gemini-2.5-pro quota limit.',
          '⚡ Automatically switching from gemini-2.5-pro to gemini-2.5-flash for the remainder of this session.',
          '╭──────╮',
          '│ >   Type your message or @path/to/file │',
          '╰──────╯',
        ],
        tui,
      ),
      opts,
    );
    expect(c.state).toBe('input');
  });
});

describe('secrets', () => {
  it.each([
    ['[sudo] password for dev:', {}],
    ['Password:', { tty_mode: 'cooked-noecho' }],
    ["Enter passphrase for key '/home/dev/.ssh/id_ed25519':", {}],
    ['AWS Secret Access Key [None]:', { tty_mode: 'cooked-echo' }],
    ["Username for 'https://github.com':", { tty_mode: 'cooked-echo' }],
    ['Enter OTP:', {}],
    ['? Paste your authentication token:', {}],
    ['Token (will be hidden):', {}],
  ] as const)('%s is a secret', (row, state) => {
    expect(classify(screen(['$ something', row], state), opts).state).toBe('secret');
  });

  it('a prompt with echo off is a secret even without a credential word', () => {
    const c = classify(
      screen(['dev@box:~$ ./deploy.sh', 'Enter the code shown on the device:'], {
        tty_mode: 'cooked-noecho',
      }),
      opts,
    );
    expect(c.state).toBe('secret');
  });

  it('echo off alone (a raw TUI) is not a secret', () => {
    expect(
      classify(screen(['building...', 'done'], { tty_mode: 'cooked-noecho', cursor_x: 0, cursor_y: 2 }), opts)
        .state,
    ).toBe('output');
  });

  it('a password word in a log line is not a secret', () => {
    const c = classify(
      screen(['api-1 | Password: (hidden)  Host: db', 'api-1 | retrying in 5s'], {
        cursor_x: 0,
        cursor_y: 2,
      }),
      opts,
    );
    expect(c.state).toBe('output');
  });

  it('a secret prompt is never answered', () => {
    const s = screen(['Password:'], { tty_mode: 'cooked-noecho' });
    expect(decide(classify(s, opts), s, allowAll).decision).toBe('escalate');
  });
});

describe('answer keys', () => {
  it('moves the highlight to the approving option instead of pressing Enter blindly', () => {
    const s = screen(
      claudeDialog(['npm test'], ['  1. Yes', "  2. Yes, and don't ask again", '❯ 3. No']),
      tui,
    );
    expect(classify(s, opts).dialog?.approve).toEqual(['Up', 'Up', 'Enter']);
  });

  it('never chooses a sticky option: no plain Yes means no approval', () => {
    const s = screen(
      claudeDialog(['npm test'], ["❯ 1. Yes, and don't ask again for npm commands", '  2. No']),
      tui,
    );
    const c = classify(s, opts);
    expect(c.state).toBe('confirm');
    expect(decide(c, s, allowAll).decision).toBe('escalate');
  });

  it('without a highlight marker the approval keys are unknown', () => {
    const s = screen(claudeDialog(['npm test'], ['  1. Yes', '  2. No']), tui);
    expect(classify(s, opts).dialog?.approve).toBeNull();
  });

  it.each([
    ['Do you want to continue? [Y/n]', ['y', 'Enter']],
    ['Is this ok [y/N]:', ['y', 'Enter']],
    ['Proceed ([y]/n)?', ['y', 'Enter']],
    ['Are you sure you want to continue connecting (yes/no/[fingerprint])?', ['yes', 'Enter']],
    ['Ok to proceed? (y)', ['y', 'Enter']],
    ["rm: remove regular file 'notes.txt'?", ['y', 'Enter']],
    ['(1/2) Stage this hunk [y,n,q,a,d,j,J,g,/,e,p,?]?', ['y', 'Enter']],
    ['? Type acme/site to confirm deletion:', ['acme/site', 'Enter']],
    ['--More--(37%)', ['q']],
  ] as const)('line prompt %s → %j', (row, keys) => {
    const c = classify(screen(['dev@box:~/app$ make it', row]), opts);
    expect(c.state).toBe('confirm');
    expect(c.dialog?.approve).toEqual(keys);
  });

  it('a line prompt is only live with the cursor at its end', () => {
    expect(
      classify(
        screen(['dev@box:~/app$ ./seed.sh', 'ERROR table empty [y/N]'], { cursor_x: 0, cursor_y: 2 }),
        opts,
      ).state,
    ).toBe('output');
  });

  it('only the last of several Aider prompts is live', () => {
    const c = classify(
      screen([
        'git fetch origin',
        "Run shell command? (Y)es/(N)o/(S)kip all/(D)on't ask again [Yes]: y",
        'npm test',
        "Run shell command? (Y)es/(N)o/(S)kip all/(D)on't ask again [Yes]:",
      ]),
      opts,
    );
    expect(c.dialog?.command).toBe('npm test');
  });
});

describe('decisions', () => {
  const dialog = screen(claudeDialog(['npm test']), tui);

  it('approves only what the guard allows', () => {
    const c = classify(dialog, opts);
    expect(decide(c, dialog, allowAll)).toMatchObject({ decision: 'approve', keys: ['Enter'] });
    expect(decide(c, dialog, denyAll)).toMatchObject({ decision: 'escalate', keys: null });
    expect(decide(c, dialog, blocking(/npm/), { onRefused: 'decline' })).toMatchObject({
      decision: 'decline',
      keys: ['Escape'],
    });
  });

  it('a token cut at the right edge: the guard sees it joined, split and as two lines', () => {
    // Claude's body text ends 3 columns before the pane's edge; a word longer than the row is cut there
    const tail = 'x'.repeat(10) + 'tmp';
    const s = screen(claudeDialog(['rm -rf ./build/' + 'x'.repeat(59), tail]), { ...tui, pane_width: 80 });
    const c = classify(s, opts);
    const head = 'rm -rf ./build/' + 'x'.repeat(59);
    expect(c.dialog?.command).toBe(`${head} ${tail}`);
    expect(c.dialog?.variants).toEqual([`${head}${tail}`]);
    expect(decide(c, s, blocking(/xtmp$/)).decision).toBe('escalate');
  });

  it.each([
    ['a short word moved whole to the next row', 'git add notes.md && git commit', "-q -m 'notes'", []],
    [
      'a row ending in a hyphen',
      'npm run build && echo ok && npm run lint && npm run test:unit --color=auto -',
      '-x',
      ['-'],
    ],
    [
      'a row ending in a slash',
      'rm -rf ./build/cache ./build/tmp ./dist ./coverage/lcov ./node_modules/.cache/',
      'x',
      ['/'],
    ],
  ])('a row reaching the edge: %s', (_, first, second, glued) => {
    // the agents' wrappers move a word that fits on a row to the next one whole (the space is dropped); only a word
    // longer than a row, or a break after punctuation, can be a cut without a space
    const s = screen(claudeDialog([first, second]), { ...tui, pane_width: first.length + 6 });
    const c = classify(s, opts);
    expect(c.dialog?.command).toBe(`${first} ${second}`);
    expect((c.dialog?.variants ?? []).filter((v) => !v.includes('\n'))).toEqual(
      glued.map(() => `${first}${second}`),
    );
  });

  it('a row that ends early is a newline, not a wrap: each line is guarded as a command', () => {
    const s = screen(claudeDialog(['echo done', 'rm -rf ~']), { ...tui, pane_width: 80 });
    const c = classify(s, opts);
    expect(c.dialog?.command).toBe('echo done\nrm -rf ~');
    expect(decide(c, s, blocking(/^rm -rf ~$/m)).decision).toBe('escalate');
  });

  it('a row wrapped before a long word: a space, and a newline when the next row could start a command', () => {
    const long = 'npm test -- --runInBand --testTimeout=60000 src/checkout/__tests__/cart-totals.test.ts';
    const cut = long.lastIndexOf(' ', 56);
    const s = screen(claudeDialog([long.slice(0, cut), long.slice(cut + 1)]), { ...tui, pane_width: 60 });
    const c = classify(s, opts);
    expect(c.dialog?.command).toBe(long);
    expect(c.dialog?.variants ?? []).toEqual([]);
    const padded = 'echo ' + 'a'.repeat(68);
    const hidden = screen(claudeDialog([padded, 'rm -rf ~']), { ...tui, pane_width: 80 });
    expect(classify(hidden, opts).dialog?.variants).toContain(`${padded}\nrm -rf ~`);
  });

  it('the last row is the description in any case; a row that reads like a command never is', () => {
    const withDescription = classify(screen(claudeDialog(['npm test']), tui), opts);
    expect(withDescription.dialog).toMatchObject({ command: 'npm test', description: 'Run the thing' });
    const lower = claudeDialog(['npm test']).map((r) => (r === '   Run the thing' ? '   run the thing' : r));
    expect(classify(screen(lower, tui), opts).dialog?.command).toBe('npm test');
    const rows = claudeDialog(['npm run build &&', 'rm -rf ~']).filter((r) => r !== '   Run the thing');
    expect(classify(screen(rows, tui), opts).dialog?.command).toBe('npm run build &&\nrm -rf ~');
  });

  it('a line prompt of a command already running under sudo: the guard judges what it does', () => {
    const privileged = {
      check: (c: string) =>
        /^sudo/.test(c)
          ? { verdict: 'hold' as const, rule: 'core.system.privilege', reason: 'root' }
          : { verdict: 'allow' as const, rule: null, reason: 'ok' },
    };
    const apt = screen(['dev@box:~/app$ sudo apt-get install jq', 'Do you want to continue? [Y/n]']);
    expect(decide(classify(apt, opts), apt, privileged)).toMatchObject({
      decision: 'approve',
      guard: { allowedBy: { rule: 'core.system.privilege' } },
    });
    const asUser = screen(['dev@box:~/app$ sudo -u postgres dropdb app', 'Continue? [y/N]']);
    expect(decide(classify(asUser, opts), asUser, privileged).decision).toBe('escalate');
    const blocked = screen(['dev@box:~/app$ sudo apt-get purge systemd', 'Do you want to continue? [Y/n]']);
    expect(decide(classify(blocked, opts), blocked, blocking(/purge/)).decision).toBe('escalate');
    // an agent asking to run sudo has not been granted anything yet
    const dialog = screen(claudeDialog(['sudo apt-get install jq']), tui);
    expect(decide(classify(dialog, opts), dialog, privileged).decision).toBe('escalate');
  });

  it('a limit waits until its reset time', () => {
    const s = screen(
      ["  ⎿  You've hit your limit · resets 4am (UTC)", '', '─'.repeat(30), '❯', '─'.repeat(30)],
      tui,
    );
    expect(decide(classify(s, opts), s, allowAll)).toMatchObject({
      decision: 'wait',
      resetAt: new Date('2026-11-21T04:00:00Z'),
    });
  });

  it('risky actions are escalated even without a shell command', () => {
    const rows = [
      ' Edit file',
      ' ~/.ssh/authorized_keys',
      '',
      ' Do you want to make this edit to authorized_keys?',
      ' ❯ 1. Yes',
      '   2. No',
      '',
      ' Esc to cancel · Tab to amend',
    ];
    const s = screen(rows, tui);
    const c = classify(s, opts);
    expect(c.dialog?.command).toBe('edit ~/.ssh/authorized_keys');
    expect(decide(c, s, allowAll).decision).toBe('escalate');
  });

  it('bypass mode is never accepted', () => {
    const rows = [
      ' WARNING: Claude Code running in Bypass Permissions mode',
      '',
      ' ❯ 1. No, exit',
      '   2. Yes, I accept',
      '',
      ' Enter to confirm · Esc to exit',
    ];
    const s = screen(rows, tui);
    const c = classify(s, opts);
    expect(c.state).toBe('confirm');
    expect(decide(c, s, allowAll).decision).toBe('escalate');
  });
});

describe('previous snapshot', () => {
  it('an idle-looking box under a screen that is still changing is busy', () => {
    const before = screen(
      ['• Streaming text', '', '› Ask Codex to do anything', '', '  ? for shortcuts   82% context left'],
      tui,
    );
    const after = screen(
      [
        '• Streaming text, more of it',
        '',
        '› Ask Codex to do anything',
        '',
        '  ? for shortcuts   82% context left',
      ],
      tui,
    );
    expect(classify(after, { ...opts, previous: before }).state).toBe('busy');
    expect(classify(after, { ...opts, previous: after }).state).toBe('input');
  });
});
