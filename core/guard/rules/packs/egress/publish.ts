import type { CheckContext, ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { hostOf } from '../../../trust/hosts.js';
import { unpublish } from '../cloud.js';
import { publish } from './rules.js';
import { hasOption, isDryRun, onlyFor, optionValues, plainWords } from './words.js';

// Publishing: every front end that puts a package, an image or a release in front of everyone.

/** Per program: the operand words (joined by spaces) that publish, dist-tag or change owners. */
const FRONT_ENDS: Readonly<Record<string, RegExp>> = {
  npm: /^(publish|dist-tags? (add|set)|owner (add|rm|remove)|access (public|restricted|set|grant|revoke|2fa-[\w-]+)|deprecate|token create|star)\b/,
  pnpm: /^(publish|dist-tags? (add|set)|owner add)\b/,
  yarn: /^(publish|npm (publish|tag add)|tag add|workspaces foreach\b.*\b(npm )?publish)\b/,
  bun: /^publish\b/,
  lerna: /^(publish|version)\b/,
  changeset: /^publish\b/,
  'changeset-publish': /./,
  uv: /^publish\b/,
  hatch: /^publish\b/,
  pdm: /^publish\b/,
  flit: /^publish\b/,
  poetry: /^publish\b/,
  twine: /^upload\b/,
  maturin: /^(publish|upload)\b/,
  gem: /^push\b/,
  cargo: /^publish\b/,
  mix: /^hex\.(publish|owner (add|transfer)|retire)\b/,
  rebar3: /^hex (publish|owner add)\b/,
  dart: /^pub (publish|lish)\b/,
  flutter: /^pub (publish|lish)\b/,
  pub: /^(publish|lish)\b/,
  pod: /^(trunk (push|add-owner)|repo push)\b/,
  deno: /^publish\b/,
  jsr: /^publish\b/,
  nuget: /^push\b/,
  dotnet: /^nuget push\b/,
  cabal: /^upload\b/,
  stack: /^upload\b/,
  opam: /^publish\b/,
  nimble: /^publish\b/,
  conan: /^upload\b/,
  vsce: /^publish\b/,
  ovsx: /^publish\b/,
  helm: /^(push|cm-push)\b/,
  oras: /^push\b/,
  anaconda: /^upload\b/,
  rush: /^publish\b/,
  jf: /^(rt )?(u|upload|docker-push|npm-publish|npmp|gp|go-publish|mvn .*deploy)\b/,
  jfrog: /^rt (u|upload|docker-push|npm-publish|gp|go-publish)\b/,
  nx: /^release\b/,
  goreleaser: /^(release)?$/,
  'semantic-release': /^/,
  'release-it': /^/,
  np: /^/,
  'swift-package-registry': /^publish\b/,
  swift: /^package-registry publish\b/,
  heroku: /^container:(push|release)\b/,
};

/** `--registry URL` (or `--repository-url`, `--index-url`) naming this machine or a trusted host: a local registry. */
function toTrustedRegistry(args: readonly Arg[], context: CheckContext): boolean {
  const registry = optionValues(args, '--registry', '--repository-url', '--index', '--publish-url')[0];
  const host = registry ? hostOf(registry.value, { bare: true }) : undefined;
  return host !== undefined && context.trust.host(host);
}

/** An image reference whose registry is this machine or a trusted host (`localhost:5000/app`). */
function imageHostTrusted(image: string, context: CheckContext): boolean {
  const first = image.split('/')[0] ?? '';
  if (!image.includes('/') || !/[.:]|^localhost$/.test(first)) return false;
  return context.trust.host(first.replace(/:\d+$/, '').toLowerCase());
}

/** Maven and Gradle goals and tasks that deploy artifacts (not the local repository). */
const MAVEN_GOAL =
  /^(deploy|release:(perform|prepare|stage)|deploy:[\w-]+|jib:build|nexus-staging:(deploy|release|close)|central-publishing:[\w-]+)$/;
const GRADLE_TASK =
  /(^|:)(publish(?!ToMavenLocal$|.*ToMavenLocal$)\w*|jib|release|closeAndReleaseRepository|uploadArchives)$/;
const SBT_TASK =
  /^\+?(\w+:)?(publish(Signed)?|release|sonatype\w*(Release|Upload)\w*|ci-release|publishM2Signed)$/;

/** Words that start a registry front end when a package manager runs it (`pnpm changeset publish`). */
const RUN_THROUGH = new Set([
  'lerna',
  'changeset',
  'semantic-release',
  'release-it',
  'np',
  'jsr',
  'vsce',
  'ovsx',
]);

/** Judges `program args` as a publish front end (and what a package manager runs by name). */
function judgeFrontEnd(program: string, args: readonly Arg[], context: CheckContext): void {
  const pattern = FRONT_ENDS[program];
  if (!pattern) return;
  const words = plainWords(args, program === 'npm' || program === 'pnpm' ? 'wC' : '');
  const line = words.join(' ');
  if (program === 'npm' && /^(dist-tags? (rm|remove)|owner (rm|remove))\b/.test(line)) return;
  if (program === 'goreleaser' && hasOption(args, '--snapshot', '--skip-publish', '--skip=publish')) return;
  if (program === 'np' && hasOption(args, '--preview')) return;
  if (pattern.test(line)) context.report(publish);
  const first = words[0];
  if (first && RUN_THROUGH.has(first) && ['pnpm', 'yarn', 'bun'].includes(program))
    judgeFrontEnd(first, args.slice(args.findIndex((arg) => arg.value === first) + 1), context);
}

const frontEnds: ProgramCheck = onlyFor(Object.keys(FRONT_ENDS), {
  check(invocation, context) {
    if (isDryRun(invocation.args) || toTrustedRegistry(invocation.args, context)) return;
    judgeFrontEnd(invocation.program, invocation.args, context);
    if (invocation.program === 'cargo' && /^owner$/.test(plainWords(invocation.args)[0] ?? ''))
      if (hasOption(invocation.args, '--add', '-a', '--remove', '-r')) context.report(publish);
    if (invocation.program === 'gem' && plainWords(invocation.args)[0] === 'owner')
      if (hasOption(invocation.args, '--add', '-a', '--remove', '-r')) context.report(publish);
  },
});

/** Maven, Gradle and sbt: goals and tasks anywhere on the line. */
const buildTools: ProgramCheck = onlyFor(
  ['mvn', 'mvnw', 'mvnd', 'gradle', 'gradlew', 'sbt', 'lein', 'bazel', 'bazelisk'],
  {
    check(invocation, context) {
      if (isDryRun(invocation.args)) return;
      const words = plainWords(invocation.args, invocation.program.startsWith('mvn') ? 'fsDPplb' : '');
      const pattern = invocation.program.startsWith('mvn')
        ? MAVEN_GOAL
        : invocation.program.startsWith('gradle')
          ? GRADLE_TASK
          : invocation.program === 'sbt'
            ? SBT_TASK
            : invocation.program === 'lein'
              ? /^deploy$/
              : /^\/\/.*:(push|publish|release)[\w-]*$/;
      if (invocation.program.startsWith('bazel') && words[0] !== 'run') return;
      if (words.some((word) => pattern.test(word))) context.report(publish);
    },
  },
);

/** `python -m twine upload`, `python setup.py upload`: a publish through the interpreter. */
const pythonModules: ProgramCheck = onlyFor(['python', 'python3', 'python2', 'py', 'pypy3'], {
  check(invocation, context) {
    const module = optionValues(invocation.args, '-m')[0]?.value;
    const words = plainWords(invocation.args, 'mcWX');
    if (module && FRONT_ENDS[module]) {
      const at = invocation.args.findIndex((arg) => arg.value === module);
      const rest = invocation.args.slice(at + 1);
      if (!isDryRun(rest)) judgeFrontEnd(module, rest, context);
    }
    if (/(^|\/)setup\.py$/.test(words[0] ?? '') && words.includes('upload')) context.report(publish);
  },
});

/** Image pushes: `docker push`, `buildx build --push`, `manifest push`, `compose push`, buildah and friends. */
const images: ProgramCheck = onlyFor(
  ['docker', 'podman', 'nerdctl', 'buildah', 'docker-compose', 'podman-compose', 'finch'],
  {
    check(invocation, context) {
      const args = invocation.args;
      const words = plainWords(args, 'fpHcl');
      const line = words.join(' ');
      const image = words[words.length - 1] ?? '';
      if (/^(image )?push$/.test(words.slice(0, -1).join(' ')) && imageHostTrusted(image, context)) return;
      if (
        /^(push|image push|manifest push|compose push|trust sign|buildx imagetools create|manifest push)\b/.test(
          line,
        )
      )
        return context.report(publish);
      if (invocation.program.endsWith('-compose') && words[0] === 'push') return context.report(publish);
      if (/^(buildx )?(build|bake|b)\b/.test(line) || /^image build\b/.test(line)) {
        const outputs = optionValues(args, '--output', '-o').map((arg) => arg.value);
        if (
          hasOption(args, '--push') ||
          outputs.some((output) => /type=registry|push=true/.test(output)) ||
          args.some((arg) => /^--set=?.*\.output=.*registry|^--set=?.*push=true/.test(arg.value))
        )
          context.report(publish);
      }
    },
  },
);

/** Registry copy tools: skopeo and crane push whatever lands on a `docker://` destination; regctl and ko too. */
const registryTools: ProgramCheck = onlyFor(['skopeo', 'crane', 'gcrane', 'regctl', 'ko', 'pack'], {
  check(invocation, context) {
    const words = plainWords(invocation.args, '');
    const verb = words[0] ?? '';
    switch (invocation.program) {
      case 'skopeo':
        if (verb === 'copy' && /^docker:\/\//.test(words[words.length - 1] ?? '')) context.report(publish);
        if (
          verb === 'sync' &&
          optionValues(invocation.args, '--dest', '-d').some((arg) => arg.value === 'docker')
        )
          context.report(publish);
        if (verb === 'delete') context.report(unpublish);
        return;
      case 'crane':
      case 'gcrane':
        if (/^(push|copy|cp|append|mutate|tag|rebase|flatten|index)$/.test(verb)) context.report(publish);
        if (verb === 'delete') context.report(unpublish);
        return;
      case 'regctl':
        if (/^(image (copy|mod|import)|tag (add|set)|artifact put|index (create|add))/.test(words.join(' ')))
          context.report(publish);
        if (/^(image|tag|artifact|manifest) (delete|rm)/.test(words.join(' '))) context.report(unpublish);
        return;
      case 'ko':
        if (
          /^(build|apply|resolve|publish|create|run)$/.test(verb) &&
          !hasOption(invocation.args, '--local', '-L', '--push=false')
        )
          context.report(publish);
        return;
      case 'pack':
        if (verb === 'build' && hasOption(invocation.args, '--publish')) context.report(publish);
        return;
    }
  },
});

/** electron-builder publishes when asked to (`--publish always`, `-p onTag`). */
const electronBuilder: ProgramCheck = onlyFor(['electron-builder', 'electron-forge'], {
  check(invocation, context) {
    const publishMode = optionValues(invocation.args, '--publish', '-p')[0]?.value;
    if (publishMode && publishMode !== 'never') context.report(publish);
    if (invocation.program === 'electron-forge' && plainWords(invocation.args)[0] === 'publish')
      context.report(publish);
  },
});

/** A package manager running a publishing tool by name, and `npm run`-style release entry points are judged in scripts.ts. */
export const publishChecks: readonly ProgramCheck[] = [
  frontEnds,
  buildTools,
  pythonModules,
  images,
  registryTools,
  electronBuilder,
];
