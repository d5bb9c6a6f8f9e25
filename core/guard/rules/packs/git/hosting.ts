import type { ProgramCheck } from '../../../invocation.js';
import { hostingDelete, hostingWrite } from './rules.js';

const DESTROY_VERBS = /^(delete|archive|delete-asset|remove|rm)$/;

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
  },
};

export const hostingChecks: readonly ProgramCheck[] = [hosting];
