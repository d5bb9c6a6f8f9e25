import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import { hostOf } from '../../../trust/hosts.js';
import { runsNamedProgram } from '../verbs/rules.js';
import { redirectSource } from './rules.js';
import { onlyFor, plainWords } from './words.js';

// Where packages and code come from: registry and index settings, git URL rewrites, Go proxies.

/** The public registries: pointing back at them is never a redirect. */
const DEFAULT_REGISTRIES = new Set([
  'registry.npmjs.org',
  'registry.yarnpkg.com',
  'npm.pkg.github.com',
  'pypi.org',
  'pypi.python.org',
  'files.pythonhosted.org',
  'rubygems.org',
  'proxy.golang.org',
  'sum.golang.org',
  'crates.io',
  'index.crates.io',
  'github.com',
]);

/** Reports a setting that sends installs or git traffic to `url`, unless it is a public registry or a trusted host. */
export function judgeRedirect(url: string, context: CheckContext): void {
  const host = hostOf(url, { bare: true });
  if (host && (DEFAULT_REGISTRIES.has(host) || context.trust.host(host))) return;
  context.report(redirectSource);
}

/** Keys that choose a package registry or index. */
const REGISTRY_KEY =
  /^(registry|@[\w.-]+:registry|npmRegistryServer|npmScopes\.[\w.-]+\.npmRegistryServer|(global|install|download)\.(extra-)?index-url|index-url|extra-index-url|GOPROXY|GONOSUMDB|GONOSUMCHECK|GOSUMDB|mirror\.[\w:/.-]+)$/i;

/** Package-manager settings that name a program every later run starts (`npm config set script-shell …`). */
const PROGRAM_KEY = /^(script-shell|shell|editor|browser|git|viewer|yarnPath|node-gyp)$/i;

/** Well-known shells and editors such a setting may name without a person. */
const PLAIN_PROGRAM =
  /^(\/(usr\/)?(local\/)?bin\/)?(bash|sh|zsh|dash|fish|vi|vim|nvim|nano|emacs|code|less|more|cat|git)$/;

const registrySettings: ProgramCheck = onlyFor(
  ['npm', 'pnpm', 'yarn', 'bun', 'pip', 'pip3', 'uv', 'go', 'bundle', 'gem', 'poetry'],
  {
    check(invocation, context) {
      const words = plainWords(invocation.args);
      const values = invocation.args.map((arg) => arg.value);
      if (invocation.program === 'gem') {
        const at = values.findIndex((value) => value === '--add' || value === '-a');
        if (words[0] === 'sources' && at >= 0) judgeRedirect(values[at + 1] ?? '', context);
        return;
      }
      if (invocation.program === 'go') {
        if (words[0] !== 'env' || !values.includes('-w')) return;
        for (const word of words.slice(1)) {
          const [key = '', value = ''] = word.split('=', 2);
          if (REGISTRY_KEY.test(key))
            for (const part of value.split(/[,|]/))
              if (!/^(direct|off|)$/.test(part)) judgeRedirect(part, context);
        }
        return;
      }
      const at = words.findIndex((word) => word === 'set');
      if (at < 0 || (at > 1 && words[at - 1] !== 'config')) return;
      const key = words[at + 1] ?? '';
      const [inlineKey = '', inlineValue] = key.split('=', 2);
      const value = inlineValue ?? words[at + 2];
      if (REGISTRY_KEY.test(inlineKey) && value !== undefined) judgeRedirect(value, context);
      if (PROGRAM_KEY.test(inlineKey) && !PLAIN_PROGRAM.test(value ?? '')) context.report(runsNamedProgram);
      if (/^\/\/.+:_authToken$/.test(inlineKey) || /^mirror\./.test(inlineKey))
        judgeRedirect(inlineKey.replace(/^\/\/|^mirror\./, 'https://'), context);
    },
  },
);

export const redirectChecks: readonly ProgramCheck[] = [registrySettings];
