// Screens every pane can show, whatever the agent: classic line prompts, secrets, shells, limits.
// Every other profile is layered on top of this one.
import type { ProfileSpec } from '../profile.js';

const yesNo = { approve: ['y', 'Enter'], deny: ['n', 'Enter'] } as const;
const fullYes = { approve: ['yes', 'Enter'], deny: ['no', 'Enter'] } as const;

export const generic: ProfileSpec = {
  description:
    'any terminal program: classic prompts (apt, pip, ssh, terraform, rm -i, gh, pagers), secrets, shells, limits',
  detect: [],
  commands: [],
  markers: '❯›●→▶►',
  dialogs: [],
  linePrompts: [
    // apt, pip, conda, dnf, docker prune, scripts: answered with y (an explicit y even when the default is yes)
    { id: 'yes-no', prompt: '[[(]\\[?y\\]?/?\\[?n\\]?[\\])](?:\\s*\\?)?\\s*:?$', ...yesNo },
    { id: 'yes-no-word', prompt: '[[(]yes/no[\\])]\\s*[?:]?$', ...fullYes },
    // ssh host keys: only the full word counts
    { id: 'ssh-host-key', prompt: '\\(yes/no/\\[fingerprint\\]\\)\\?$', ...fullYes },
    // terraform apply/destroy
    { id: 'type-yes', prompt: '^\\s*Enter a value:$', context: "Only 'yes' will be accepted", ...fullYes },
    // rm -i, cp -i, mv -i
    { id: 'rm-interactive', prompt: '^(?:rm|cp|mv|rmdir): .+\\?$', ...yesNo },
    // git add -p and friends
    { id: 'hunk', prompt: '\\[y,n(?:,[^\\]\\s]+)*\\]\\?$', ...yesNo },
    // npx
    { id: 'ok-to-proceed', prompt: '^Ok to proceed\\? \\(y\\)$', ...yesNo },
    // npm init's "Is this OK? (yes)": the default is yes, Enter takes it
    { id: 'default-yes', prompt: '\\?\\s*\\(yes\\)$', approve: ['Enter'], deny: ['no', 'Enter'] },
    // read -n1 style pauses
    {
      id: 'press-key',
      prompt: '^Press (?:any key|enter|return)(?: to continue)?\\s*(?:\\.\\.\\.|…)?$',
      approve: ['Enter'],
      deny: ['C-c'],
    },
    // gh repo delete and other typed confirmations: the name itself is the answer
    {
      id: 'type-name',
      prompt: '^\\? Type (\\S+) to confirm(?: deletion)?:$',
      approve: ['$1', 'Enter'],
      deny: ['C-c'],
    },
    // "Type the project name to confirm:", "Enter 'DELETE' to continue:": a typed confirmation guards something
    // destructive, and what to type is not always shown: recognised, never answered
    {
      id: 'typed-confirmation',
      prompt:
        '^(?:\\? )?(?:please )?(?:type|enter|re-?type)\\b.{1,80}?\\bto (?:confirm|continue|proceed)\\b[^:]{0,40}:$',
      approve: [],
      deny: ['C-c'],
    },
    // apt removing an essential package: "To continue type in the phrase 'Yes, do as I say!'" then " ?]"
    {
      id: 'apt-essential',
      prompt: '^\\s*\\?\\]$',
      context: 'type in the phrase',
      approve: [],
      deny: ['C-c'],
    },
    // pagers: leaving them is the answer
    {
      id: 'pager',
      prompt: '^(?:--More--(?:\\(\\d+%\\))?|\\(END\\))$',
      approve: ['q'],
      deny: ['q'],
      subject: [],
    },
  ],
  sticky: [
    "don't ask again",
    'do not ask again',
    '\\balways\\b',
    'for this session',
    'during this session',
    'rest of the (?:running )?session',
    'for the remainder',
    'allowlist',
    'auto-?run',
    'run everything',
    'shift\\+tab',
    'auto-?accept',
    'bypass',
    'remember this',
    'in the future',
    'this conversation',
    '^Yes, I accept$',
  ],
  busy: [],
  quoted: [
    // Claude's tool-output rows (its API-retry notice is a real busy sign)
    '^\\s*⎿(?!.*retrying in)',
    '^\\s*\\d+\\s{1,}(?:[-+]\\s)?',
    '^\\s*[-+]\\s',
    '^\\s*[>"\'`]',
  ],
  idle: [],
  questions: [],
  footers: [],
  output: [],
  limits: [
    'usage limit reached',
    "you(?:['’]ve| have) hit your (?:session |weekly |daily |monthly |usage |rate )?limit",
    '\\b\\d+-hour limit reached',
    '\\b(?:weekly|daily|session) limit reached',
    "you['’]re out of (?:extra )?usage",
    'your quota will reset',
    'you have exhausted your capacity',
    'you have reached your (?:daily|weekly|monthly) .*quota',
    "you['’]ve hit a rate limit",
    'you have hit (?:your|the) (?:usage|rate) limit',
    'rate limit (?:reached|exceeded)[^.]*(?:try again|resets?) ',
    // a quota that says when it comes back ("Quota exceeded … resets at 23:00"); a disk quota never does
    '\\bquota (?:exceeded|reached|exhausted)\\b.*\\b(?:try again|resets?|renews?) (?:at|in|on) ',
  ],
  resetWords: [],
  notLimits: [
    'now using',
    'approaching',
    'context (?:window |limit)',
    'context limit reached',
    'premium request allowance',
    'switching from',
    'automatically switch',
    'compact or /clear',
  ],
  needsHuman: [
    'credit balance (?:is )?too low',
    'insufficient (?:credits|funds|balance)',
    'billing (?:hard )?limit',
  ],
  fatal: [],
  secrets: [
    'pass(?:word|phrase|code)',
    '\\bpin\\b',
    '\\btoken\\b',
    '\\botp\\b',
    'one[- ]time',
    '\\bsecret\\b',
    'verification code',
    'auth(?:entication)? code',
    'login code',
    'paste (?:the |your )?code',
    'api[ _-]?key',
    'access key',
    '(?:deploy|private|signing|license|encryption|master|recovery|account) key\\b',
    '\\bauthenticator\\b|\\b\\d-digit code\\b|\\b(?:2fa|mfa|two-factor|second factor)\\b',
    "(?:will not|won['’]t) be (?:shown|echoed|displayed)|\\binput (?:is )?hidden\\b",
    '^username for ',
    '^(?:user(?:name)?|login)\\s*(?:\\[[^\\]]*\\])?\\s*:$',
  ],
  secretDialogs: [
    'please enter (?:the |your )?(?:passphrase|password|pin)',
    '^\\s*(?:passphrase|password|pin):\\s*_*\\s*$',
    'paste code here if prompted',
  ],
  shellPrompts: [
    // the prompt itself, without what was typed after it: user@host:dir$  (venv) user@host:~/x$  root@host:~#
    '/^(?:\\([^)]*\\)\\s)?[\\w.-]+@[\\w.-]+:[^\\s$#]*[$#](?=\\s|$)/',
    // [user@host dir]$
    '/^(?:\\([^)]*\\)\\s)?\\[[\\w.-]+@[\\w.-]+ [^\\]]*\\][$#](?=\\s|$)/',
    // user@host dir %  (zsh)
    '/^[\\w.-]+@[\\w.-]+ \\S+ ?%(?=\\s|$)/',
  ],
  dead: ['^Pane is dead \\(status'],
  // no agent input box of its own; only the timing every program gets unless its profile says otherwise
  input: { readyAfter: 0, settle: 300, enterGap: 150, clear: 'backspace' },
};
