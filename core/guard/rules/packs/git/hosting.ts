import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import { codeHostChange } from '../egress/rules.js';
import { remoteInstaller } from '../rce.js';
import { hostingDelete, hostingWrite, unknownSubcommand } from './rules.js';

const DESTROY_VERBS = /^(delete|archive|delete-asset|remove|rm)$/;

/** gh's own commands; any other first word is an alias or an extension, which can run anything. */
const GH_COMMANDS = new Set(
  `accessibility agent-task alias api attestation auth browse cache co codespace completion config copilot
  extension ext gist gpg-key help issue label org pr preview project release repo ruleset run search secret
  ssh-key status variable workflow version`.split(/\s+/),
);

/** `gh alias set NAME EXPANSION`: a `!` or `--shell` expansion is shell text, any other runs `gh EXPANSION`. */
function aliasExpansion(values: readonly string[]): { text: string; shell: boolean } | undefined {
  const words = values.filter((value) => !value.startsWith('-'));
  if (words[0] !== 'alias' || words[1] !== 'set' || words[3] === undefined) return undefined;
  const expansion = words[3];
  const shell = values.includes('--shell') || values.includes('-s') || expansion.startsWith('!');
  return { text: expansion.replace(/^!/, ''), shell };
}

/** gh and glab: `delete`/`archive` subcommands, and raw API calls by HTTP method. */
const hosting: ProgramCheck = {
  programs: ['gh', 'glab', 'hub'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const words = values.filter((value) => !value.startsWith('-'));
    if (words[0] === 'api') {
      const at = values.findIndex((value) => /^(-X|--method)$/.test(value));
      const inline = values
        .find((value) => /^(-X.+|--method=.+)$/.test(value))
        ?.replace(/^(-X|--method=)/, '');
      const method = (inline ?? (at >= 0 ? values[at + 1] : undefined))?.toUpperCase();
      const sendsFields = values.some((value) => /^(-f|-F|--field|--raw-field|--input)$/.test(value));
      if (method === 'DELETE') context.report(hostingDelete);
      else if ((method && method !== 'GET') || sendsFields) context.report(hostingWrite);
      return;
    }
    if (words.slice(1, 3).some((word) => DESTROY_VERBS.test(word))) context.report(hostingDelete);
    if (invocation.program !== 'gh') return;
    judgeGh(words, values, context);
  },
};

/** gh's commands that change the host for everyone, delete a branch, or run code the guard cannot read. */
function judgeGh(words: readonly string[], values: readonly string[], context: CheckContext): void {
  const first = words[0];
  if (first === undefined) return;
  if (!GH_COMMANDS.has(first)) {
    context.report(unknownSubcommand);
    return;
  }
  const pair = `${first} ${words[1] ?? ''}`;
  // closing a pull request with --delete-branch deletes its branch on the remote, merged or not
  if (pair === 'pr close' && values.some((value) => /^(-d|--delete-branch)$/.test(value)))
    context.report(hostingDelete);
  if (pair === 'pr review' && values.some((value) => /^(-a|--approve)$/.test(value)))
    context.report(codeHostChange);
  if (/^(workflow (disable|enable)|run cancel|ruleset (create|edit|delete))$/.test(pair))
    context.report(codeHostChange);
  if (/^(extension|ext) (install|upgrade|exec)$/.test(pair)) context.report(remoteInstaller);
  const alias = aliasExpansion(values);
  if (alias) {
    if (alias.shell) context.runScript(alias.text);
    else context.runScript(`gh ${alias.text}`);
  }
}

export const hostingChecks: readonly ProgramCheck[] = [hosting];
