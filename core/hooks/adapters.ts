// Per-channel adapters of the hook client: read an agent's hook JSON into a HookCall, write an answer in its format.
// Tiny on purpose: the agent starts the client for every tool call. Imports only types.
import type { ChannelKind, HookAnswer, HookCall } from './protocol.js';

/** What the client prints and exits with. */
export interface HookOutput {
  readonly stdout: string;
  readonly code: number;
}

/** One agent family's hook format. */
export interface HookAdapter {
  /** which events ask for a decision (the others only inform the runner) */
  readonly decides: readonly string[];
  read(event: string, input: Record<string, unknown>): HookCall;
  /** the answer in the agent's format; `none` must let the agent show its own dialog */
  write(event: string, answer: HookAnswer): HookOutput;
}

const NO_DECISION: HookOutput = { stdout: '{}\n', code: 0 };

/** Tools whose input is a shell command, by the names the agents give them. */
const SHELL_TOOLS = new Set(['Bash', 'shell', 'local_shell', 'exec_command', 'run_shell_command']);

function commandOf(tool: string, input: unknown): string | undefined {
  if (!SHELL_TOOLS.has(tool) || typeof input !== 'object' || input === null) return undefined;
  const command = (input as Record<string, unknown>).command ?? (input as Record<string, unknown>).cmd;
  if (typeof command === 'string') return command;
  if (Array.isArray(command) && command.every((c) => typeof c === 'string')) {
    const argv = command as string[];
    // `bash -lc "<script>"` is how Codex hands a shell command over: the script is the command
    if (argv.length === 3 && /(?:^|\/)(?:ba|z)?sh$/.test(argv[0]!) && /^-l?c$/.test(argv[1]!)) return argv[2];
    return argv.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  }
  return undefined;
}

function permission(input: Record<string, unknown>): HookCall {
  const tool = typeof input.tool_name === 'string' ? input.tool_name : '';
  const command = commandOf(tool, input.tool_input);
  return command === undefined ? { kind: 'permission', tool } : { kind: 'permission', tool, command };
}

/** Claude Code and Codex share the shape: PermissionRequest in, `hookSpecificOutput.decision` out. */
function claudeLike(limitError: (input: Record<string, unknown>) => boolean): HookAdapter {
  return {
    decides: ['PermissionRequest'],
    read(event, input) {
      switch (event) {
        case 'PermissionRequest':
          return permission(input);
        case 'SessionStart':
          return { kind: 'session-start' };
        case 'Stop':
          return { kind: 'turn-end' };
        case 'SessionEnd':
          return { kind: 'session-end', reason: typeof input.reason === 'string' ? input.reason : undefined };
        case 'Notification':
          return {
            kind: 'waiting',
            detail: typeof input.notification_type === 'string' ? input.notification_type : undefined,
          };
        case 'StopFailure': {
          const words = [input.last_assistant_message, input.error_details].find(
            (w) => typeof w === 'string',
          );
          return {
            kind: 'failure',
            error: String(input.error ?? 'unknown'),
            limit: limitError(input),
            ...(typeof words === 'string' ? { message: words.slice(0, 2000) } : {}),
          };
        }
        default:
          return { kind: 'other' };
      }
    },
    write(event, answer) {
      if (event !== 'PermissionRequest' || answer.decision === 'none') return NO_DECISION;
      const decision =
        answer.decision === 'allow'
          ? { behavior: 'allow' }
          : { behavior: 'deny', message: answer.message ?? 'refused by nightshift' };
      return {
        stdout: `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } })}\n`,
        code: 0,
      };
    },
  };
}

/** Gemini CLI: BeforeTool may deny (never approve: an allow would still show the dialog). */
const gemini: HookAdapter = {
  decides: ['BeforeTool'],
  read(event, input) {
    if (event === 'BeforeTool') return permission(input);
    if (event === 'SessionStart') return { kind: 'session-start' };
    if (event === 'SessionEnd') return { kind: 'session-end' };
    if (event === 'AfterAgent') return { kind: 'turn-end' };
    if (event === 'Notification') return { kind: 'waiting' };
    return { kind: 'other' };
  },
  write(event, answer) {
    if (event !== 'BeforeTool' || answer.decision !== 'deny') return NO_DECISION;
    return {
      stdout: `${JSON.stringify({ decision: 'deny', reason: answer.message ?? 'refused by nightshift' })}\n`,
      code: 0,
    };
  },
};

/** The adapter of each channel kind. */
export const ADAPTERS: Record<ChannelKind, HookAdapter> = {
  'claude-settings': claudeLike((input) => input.error === 'rate_limit'),
  'codex-config': claudeLike((input) => /rate|limit|quota/i.test(String(input.error ?? ''))),
  'gemini-system-settings': gemini,
};

/** What the client prints when it has no answer: no decision, so the agent's own dialog appears. */
export function noDecision(): HookOutput {
  return NO_DECISION;
}
