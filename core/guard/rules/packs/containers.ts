import { parseFlags } from '../../flags/parse-flags.js';
import { definePack, type CheckContext, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';
import type { Arg } from '../../syntax/arg.js';

// Containers: pruning and mass removal, compose volumes, and containers given the host.

export const prune = defineRule({
  id: 'core.containers.prune',
  verdict: 'block',
  reason: 'prunes or removes volumes, images, networks or containers in bulk (data in volumes is lost)',
  examples: [
    { command: 'docker volume prune -f', verdict: 'block' },
    { command: 'docker system prune -a --volumes', verdict: 'block' },
    { command: 'docker volume rm pgdata', verdict: 'block' },
    { command: 'docker network prune -f', verdict: 'block' },
    { command: 'docker volume ls', verdict: 'allow' },
  ],
});

export const removeAll = defineRule({
  id: 'core.containers.remove-all',
  verdict: 'block',
  reason: 'removes, kills or stops every container or image a substitution lists',
  alternative: 'name the containers to remove',
  examples: [
    { command: 'docker rm -f $(docker ps -aq)', verdict: 'block' },
    { command: 'docker rmi -f $(docker images -q)', verdict: 'block' },
    { command: 'docker rm $(docker ps -aq)', verdict: 'block' },
    { command: 'docker rm api', verdict: 'allow' },
  ],
});

export const composeVolumes = defineRule({
  id: 'core.containers.compose-down-volumes',
  verdict: 'block',
  reason: 'docker compose down -v deletes the named volumes (databases) with the containers',
  alternative: 'docker compose down (keeps volumes)',
  examples: [
    { command: 'docker compose down -v', verdict: 'block' },
    { command: 'docker-compose down --volumes --rmi all', verdict: 'block' },
    { command: 'docker compose down', verdict: 'allow' },
    { command: 'docker compose up -d', verdict: 'allow' },
  ],
});

export const hostAccess = defineRule({
  id: 'core.containers.host-access',
  verdict: 'hold',
  reason:
    'runs a container with the host: privileged, host PID namespace, or the root, home or system mounted',
  examples: [
    { command: 'docker run --privileged -it alpine sh', verdict: 'hold' },
    { command: 'docker run -v /:/host alpine', verdict: 'hold' },
    { command: 'docker run --rm -v "$PWD":/app -w /app node:20 npm test', verdict: 'allow' },
  ],
});

export const orchestration = defineRule({
  id: 'core.containers.remove-service',
  verdict: 'block',
  reason: 'removes a swarm stack or service, or forces a node out of the swarm',
  examples: [
    { command: 'docker stack rm prod', verdict: 'block' },
    { command: 'docker service ls', verdict: 'allow' },
  ],
});

export const forceRemove = defineRule({
  id: 'core.containers.force-remove',
  verdict: 'block',
  reason:
    'force-removes or kills a running container or a used image: what it was doing and its unsaved data are lost',
  alternative: 'docker stop NAME first and let a person remove it',
  examples: [
    { command: 'docker rm -f api', verdict: 'block' },
    { command: 'docker kill db', verdict: 'block' },
    { command: 'docker compose kill', verdict: 'block' },
    { command: 'docker rm api', verdict: 'allow' },
  ],
});

export const stopContainer = defineRule({
  id: 'core.containers.stop',
  verdict: 'hold',
  reason: 'stops or pauses every service of a compose project at once',
  examples: [
    { command: 'docker compose stop', verdict: 'hold' },
    { command: 'docker compose stop worker', verdict: 'allow' },
    { command: 'docker stop api', verdict: 'allow' },
    { command: 'docker compose up -d', verdict: 'allow' },
  ],
});

const GROUPS = new Set([
  'container',
  'image',
  'volume',
  'network',
  'system',
  'builder',
  'buildx',
  'stack',
  'service',
  'swarm',
  'node',
  'plugin',
  'secret',
  'config',
  'context',
  'compose',
  'manifest',
  'trust',
  'checkpoint',
  'machine',
  'pod',
]);
const REMOVERS = new Set(['rm', 'rmi', 'remove', 'kill', 'stop']);

/** Options docker takes before the subcommand. */
const DOCKER_GLOBAL = {
  shortWithValue: 'cHl',
  longWithValue: ['context', 'host', 'config', 'log-level', 'tlscacert', 'tlscert', 'tlskey'],
  stopAtOperand: true,
};

/** Options of `docker run`/`create` that take a value (the ones that matter, and the common ones to skip). */
const DOCKER_RUN = {
  shortWithValue: 'vewpulmch',
  longWithValue: [
    'volume',
    'mount',
    'env',
    'name',
    'workdir',
    'publish',
    'user',
    'network',
    'entrypoint',
    'pid',
    'cap-add',
    'label',
    'env-file',
    'platform',
    'memory',
    'cpus',
    'hostname',
    'restart',
    'ipc',
    'userns',
    'device',
    'security-opt',
  ],
  stopAtOperand: true,
};

/** docker, podman, nerdctl: `docker rm` and `docker container rm` alike. */
function judgeDocker(args: readonly Arg[], context: CheckContext): void {
  const words = parseFlags(args, DOCKER_GLOBAL).operands;
  const first = words[0]?.value ?? '';
  const grouped = GROUPS.has(first);
  const group = grouped ? first : '';
  const verb = (grouped ? words[1]?.value : first) ?? '';
  const rest = words.slice(grouped ? 2 : 1);
  if (group === 'compose') return judgeCompose(words.slice(1), context);
  if (verb === 'run' || verb === 'create') {
    const parsed = parseFlags(rest, DOCKER_RUN);
    judgeHostAccess(parsed.flags, parsed.values, context);
    const [, ...command] = parsed.operands;
    if (verb === 'run' && command.length > 0) context.runCommand(command, { remote: true });
    return;
  }
  const parsed = parseFlags(rest, { longWithValue: ['filter', 'format', 'signal', 'time', 'timeout'] });
  const operands = parsed.operands;
  const all = parsed.flags.has('all') || parsed.flags.has('a');
  // dangling images and the build cache are rebuilt on demand; tagged images, containers and volumes are not
  const cachePrune =
    verb === 'prune' && ((group === 'image' && !all) || group === 'builder' || group === 'buildx');
  const forced = parsed.flags.has('force') || parsed.flags.has('f');
  const massRemoval =
    parsed.flags.has('all') || parsed.flags.has('a') || operands.some((operand) => operand.dynamic);
  const forceRemoval = verb === 'kill' || ((verb === 'rm' || verb === 'rmi' || verb === 'remove') && forced);
  if (forceRemoval && group !== 'volume' && !massRemoval) context.report(forceRemove);
  if (group === 'network' && (verb === 'rm' || verb === 'remove')) context.report(prune);
  if (
    (verb === 'prune' && !cachePrune) ||
    (group === 'system' && verb === 'reset') ||
    (group === 'volume' && (verb === 'rm' || verb === 'remove'))
  )
    context.report(prune);
  if (['stack', 'service'].includes(group) && ['rm', 'remove'].includes(verb)) context.report(orchestration);
  if (group === 'swarm' && verb === 'leave' && (parsed.flags.has('force') || parsed.flags.has('f')))
    context.report(orchestration);
  const everything = parsed.flags.has('all') || parsed.flags.has('a');
  if (REMOVERS.has(verb) && (everything || operands.some((operand) => operand.dynamic)))
    context.report(removeAll);
}

function judgeHostAccess(
  flags: ReadonlySet<string>,
  values: ReadonlyMap<string, readonly Arg[]>,
  context: CheckContext,
): void {
  const mounts = [
    ...(values.get('v') ?? []),
    ...(values.get('volume') ?? []),
    ...(values.get('mount') ?? []),
  ];
  const hostPaths = mounts.map((mount) => {
    const source = /(?:^|,)(?:source|src)=([^,]+)/.exec(mount.value)?.[1] ?? mount.value.split(':')[0] ?? '';
    return context.classify({ ...mount, value: source });
  });
  const risky = hostPaths.some(
    (path) => ['root', 'system', 'device', 'home', 'home-sensitive'].includes(path.kind) || path.secret,
  );
  const hostPid = (values.get('pid') ?? []).some((value) => value.value === 'host');
  const caps = (values.get('cap-add') ?? []).some((value) => /^(ALL|SYS_ADMIN)$/i.test(value.value));
  if (flags.has('privileged') || risky || hostPid || caps) context.report(hostAccess);
}

/** `docker compose [global options] VERB [options]`: down -v and rm -v delete volumes. */
function judgeCompose(args: readonly Arg[], context: CheckContext): void {
  const global = parseFlags(args, {
    shortWithValue: 'fp',
    longWithValue: ['file', 'project-name', 'profile', 'env-file', 'project-directory', 'ansi', 'progress'],
    stopAtOperand: true,
  });
  const [verb, ...rest] = global.operands;
  if (verb?.value === 'run') return composeRun(rest, context);
  const parsed = parseFlags(rest, { shortWithValue: 't', longWithValue: ['rmi', 'timeout'] });
  if (
    verb?.value === 'kill' ||
    (verb?.value === 'rm' && (parsed.flags.has('f') || parsed.flags.has('force')))
  )
    context.report(forceRemove);
  if (/^(stop|pause)$/.test(verb?.value ?? '') && parsed.operands.length === 0) context.report(stopContainer);
  const volumes = parsed.flags.has('v') || parsed.flags.has('volumes');
  if (verb?.value === 'down' && (volumes || parsed.values.has('rmi'))) context.report(composeVolumes);
  if (verb?.value === 'rm' && volumes) context.report(composeVolumes);
}

/** `docker compose run [options] SERVICE CMD…` runs the command in a new container of the service. */
function composeRun(args: readonly Arg[], context: CheckContext): void {
  const parsed = parseFlags(args, {
    ...DOCKER_RUN,
    shortWithValue: 'evwup',
    longWithValue: [...DOCKER_RUN.longWithValue, 'service-ports'],
  });
  const [, ...command] = parsed.operands;
  if (command.length > 0) context.runCommand(command, { remote: true });
}

const docker: ProgramCheck = {
  programs: ['docker', 'podman', 'nerdctl'],
  check(invocation, context) {
    judgeDocker(invocation.args, context);
  },
};

const compose: ProgramCheck = {
  programs: ['docker-compose', 'podman-compose'],
  check(invocation, context) {
    judgeCompose(invocation.args, context);
  },
};

export const containersPack = definePack({
  id: 'core.containers',
  summary: 'containers: prune and mass removal, compose volumes, stacks, containers given the host',
  rules: [prune, removeAll, composeVolumes, hostAccess, orchestration, forceRemove, stopContainer],
  checks: [docker, compose],
});
