import type { Redirection } from 'unbash';
import type { CheckContext, Stdin } from '../invocation.js';
import { isDatabaseFile } from '../rules/packs/db/consoles.js';
import { emptyDatabaseFile } from '../rules/packs/db/rules.js';
import { reportWrite } from '../rules/packs/fs/writes.js';
import { networkDevice } from '../rules/packs/rce.js';
import { reportSecretRead } from '../rules/packs/secrets.js';
import { literalArg } from '../syntax/arg.js';
import { expandWordJoined, type VarLookup } from '../syntax/expand-word.js';

const WRITES = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);

/** Applies one redirection: reports writes (`writer`: whether the command downloads), network devices; returns where stdin now comes from. */
export function applyRedirect(
  redirect: Redirection,
  lookup: VarLookup,
  stdin: Stdin,
  context: CheckContext,
  match: string,
  writer: 'network' | 'local' = 'local',
): Stdin {
  if (redirect.type === 'HereDoc')
    return { kind: 'text', text: redirect.body.text, source: literalArg(redirect.body.text) };
  if (!redirect.target) return stdin;
  const target = expandWordJoined(redirect.target, lookup);
  if (redirect.type === 'HereString') return { kind: 'text', text: target.value, source: target };
  const { operator } = redirect;
  const duplicatesDescriptor = (operator === '>&' || operator === '<&') && /^(\d+-?|-)$/.test(target.value);
  if (duplicatesDescriptor) return stdin;
  if (/^\/dev\/(tcp|udp)\//.test(target.value)) context.report(networkDevice, match);
  if (operator === '<') {
    if (target.processSubstitution) return { kind: 'pipe', from: undefined };
    reportSecretRead(context.classify(target), match, context);
    return { kind: 'file', path: target };
  }
  if (
    operator !== '>>' &&
    operator !== '&>>' &&
    operator !== '<>' &&
    WRITES.has(operator) &&
    isDatabaseFile(target.value)
  )
    context.report(emptyDatabaseFile, match);
  if (WRITES.has(operator) || operator === '>&') {
    if (!target.processSubstitution) reportWrite(context.classify(target), match, context, writer);
  }
  return stdin;
}
