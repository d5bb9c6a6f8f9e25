import type { Arg } from '../../../syntax/arg.js';
import type { ProgramCheck } from '../../../invocation.js';
import { releaseScript } from './rules.js';
import { hasOption, isDryRun, onlyFor, optionValues, plainWords } from './words.js';

// Release entry points the guard cannot read: package scripts, make/just/task targets, monorepo task runners,
// and script files, whose names say they deploy, publish or release.

/** Words that ship something by themselves. */
const SHIPS = /^(deploy\w*|publish\w*|ship|shipit|promote|rollout|rollback|redeploy|golive)$/;
/** Words that ship only when nothing says it is a local build (`release` vs `build:release`). */
const TARGETS = /^(release|releases|prod|production|live)$/;
/** Words that make a name local or a preview (`build:prod`, `release:notes`, `deploy:preview`, `publish:dry-run`). */
const LOCAL =
  /^(build|compile|bundle|test|tests|e2e|lint|check|typecheck|start|serve|dev|watch|preview|dry|dryrun|plan|diff|status|notes|changelog|docs|local|analyze|verify|validate|size|storybook|version|bump|prepare|pack|zip|archive|assets|css|js|webpack|vite|tsc|ios|android|setup|help|info|list|logs|env|config)$/;

/** True when a script, target or file name says it deploys, publishes or releases. */
export function namesRelease(name: string): boolean {
  const base = name.replace(/^.*\//, '').replace(/\.(sh|bash|zsh|py|rb|js|mjs|cjs|ts|pl|ps1|cmd|bat)$/i, '');
  const words = base
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s:_.\-/@[\]]+/)
    .filter(Boolean);
  if (words.some((word) => LOCAL.test(word))) return false;
  return words.some((word) => SHIPS.test(word) || TARGETS.test(word));
}

/** Subcommands of the package managers that are not script names. */
const PACKAGE_MANAGER_COMMANDS =
  /^(install|i|ci|add|remove|uninstall|un|rm|update|up|upgrade|outdated|audit|ls|list|why|info|view|pack|publish|link|unlink|init|create|dlx|exec|x|config|set|cache|store|prune|dedupe|login|logout|whoami|version|help|test|t|start|build|dev|lint|format|node|pkg|import|patch|rebuild|explain|fund|doctor|bin|root|prefix|search|owner|team|token|access|deprecate|dist-tag|env|restart|stop|recursive|licenses|fetch|setup|approve-builds|npm|constraints|dedupe|plugin|set|unplug|up|workspaces|workspace)$/;

/** The script names a package manager line runs (`npm run deploy`, `pnpm -r release`, `yarn workspaces foreach run deploy`). */
function packageScripts(program: string, args: readonly Arg[]): string[] {
  const words = plainWords(args, 'wCF').filter((word) => !/^[A-Za-z_]\w*=/.test(word));
  const names: string[] = [];
  words.forEach((word, index) => {
    if (word === 'run' || word === 'run-script') {
      const next = words[index + 1];
      if (next) names.push(next);
    }
  });
  const [first, second] = words;
  if (first === 'workspace' && second) names.push(words[2] ?? '');
  if (program === 'pnpm' && first === 'deploy') return words.length > 1 ? names : ['deploy'];
  if (program !== 'npm' && first && !PACKAGE_MANAGER_COMMANDS.test(first)) names.push(first);
  return names;
}

/** Task runners: every operand is a target (`make deploy`, `just release prod`). */
const TARGET_RUNNERS: Readonly<Record<string, string>> = {
  make: 'fCIjlWo',
  gmake: 'fCIjlWo',
  just: 'fd',
  task: 'dt',
  rake: 'fCIrR',
  invoke: 'c',
  inv: 'c',
  fab: 'cHiru',
  gulp: '',
  grunt: '',
  cake: '',
  poe: 'C',
  makers: '',
  fastlane: '',
  mage: 'd',
  robo: '',
};

/** Monorepo task runners: targets after `run`, `-t/--target(s)`, or `project:target`. */
function monorepoTargets(program: string, args: readonly Arg[]): string[] {
  const words = plainWords(args, 'tpc');
  const targets = optionValues(args, '-t', '--target', '--targets').flatMap((arg) => arg.value.split(','));
  const [first, ...rest] = words;
  switch (program) {
    case 'turbo':
      return [...targets, ...(first === 'run' ? rest : first ? [first] : [])];
    case 'nx':
      if (first === 'run') return [...targets, ...rest.slice(0, 1).map((word) => word.split(':')[1] ?? word)];
      if (first === 'run-many' || first === 'affected') return targets;
      return [...targets, ...(first ? [first.includes(':') ? (first.split(':')[1] ?? '') : first] : [])];
    case 'lerna':
    case 'rush':
    case 'melos':
    case 'moon':
      return [
        ...targets,
        ...(first === 'run' ? rest.slice(0, 1).map((word) => word.split(':').pop() ?? word) : []),
      ];
    case 'rushx':
      return first ? [first] : [];
    case 'composer':
      return first === 'run-script' || first === 'run' ? rest.slice(0, 1) : [];
    case 'mise':
      return first === 'run' || first === 'r' ? rest.slice(0, 1) : [];
    case 'deno':
      return first === 'task' ? rest.slice(0, 1) : [];
    case 'cargo':
      return first === 'make' ? rest.slice(0, 1) : [];
    default:
      return [];
  }
}

const packageManagers: ProgramCheck = onlyFor(['npm', 'pnpm', 'yarn', 'bun'], {
  check(invocation, context) {
    if (isDryRun(invocation.args)) return;
    if (packageScripts(invocation.program, invocation.args).some(namesRelease)) context.report(releaseScript);
  },
});

const targetRunners: ProgramCheck = onlyFor(Object.keys(TARGET_RUNNERS), {
  check(invocation, context) {
    if (
      hasOption(
        invocation.args,
        '-n',
        '--dry-run',
        '--just-print',
        '--recon',
        '--dryrun',
        '--list',
        '-l',
        '--help',
      )
    )
      return;
    const words = plainWords(invocation.args, TARGET_RUNNERS[invocation.program] ?? '');
    if (words.filter((word) => !/^[A-Za-z_]\w*=/.test(word)).some(namesRelease))
      context.report(releaseScript);
  },
});

const monorepos: ProgramCheck = onlyFor(
  ['turbo', 'nx', 'lerna', 'rush', 'rushx', 'melos', 'moon', 'composer', 'mise', 'deno', 'cargo'],
  {
    check(invocation, context) {
      if (isDryRun(invocation.args)) return;
      if (monorepoTargets(invocation.program, invocation.args).some(namesRelease))
        context.report(releaseScript);
    },
  },
);

/** Shells and interpreters that run a script file: the file's name is all the guard sees. */
const SCRIPT_RUNNERS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python3',
  'node',
  'ruby',
  'perl',
  'php',
  'tsx',
  'ts-node',
  'bun',
  'deno',
  'pwsh',
]);

/** A program named by its path (`./deploy.sh production`, `bin/release`) or a script handed to a shell. */
const scriptFiles: ProgramCheck = {
  programs: ['*'],
  check(invocation, context) {
    const { program, args } = invocation;
    if (SCRIPT_RUNNERS.has(program)) {
      const first = args.find((arg) => !arg.value.startsWith('-'));
      if (
        first &&
        /\.(sh|bash|zsh|py|rb|js|mjs|cjs|ts|pl|php|ps1)$/.test(first.value) &&
        namesRelease(first.value)
      )
        context.report(releaseScript);
      return;
    }
    if (/\.(sh|bash|zsh|py|rb|js|mjs|ts|pl)$/.test(program) && namesRelease(program))
      context.report(releaseScript);
    else if (/[/.]/.test(invocation.text.split(/\s/, 1)[0] ?? '') && namesRelease(program))
      context.report(releaseScript);
  },
};

export const scriptChecks: readonly ProgramCheck[] = [packageManagers, targetRunners, monorepos, scriptFiles];
