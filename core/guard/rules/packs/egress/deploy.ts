import type { ProgramCheck } from '../../../invocation.js';
import type { Arg } from '../../../syntax/arg.js';
import { codeHostChange, deploy, openMachine, publish } from './rules.js';
import { hasOption, isDryRun, onlyFor, optionValues, plainWords } from './words.js';

// Deploying: hosting platforms' production deploys, promotes, aliases and rollbacks; builds synced to a bucket;
// code-host releases and repository changes.

/** Per platform: the operand words that deploy to production or move production traffic. */
const PLATFORMS: Readonly<Record<string, RegExp>> = {
  vercel: /^(promote|rollback|alias( set)?|redeploy|rolling-release)\b/,
  now: /^(promote|rollback|alias)\b/,
  netlify: /^(api (restoreSiteDeploy|rollbackSiteDeploy))\b/,
  fly: /^(deploy|releases rollback|deploy --image|image update|machine (update|run)|scale count)\b/,
  flyctl: /^(deploy|releases rollback|image update|machine (update|run)|scale count)\b/,
  firebase: /^(deploy|hosting:clone|apphosting:rollouts:create|functions:delete)\b/,
  wrangler: /^(deploy|publish|versions deploy|rollback|pages deploy|pages publish|triggers deploy)\b/,
  heroku: /^(releases:rollback|rollback|pipelines:promote|promote|deploy|builds:create)\b/,
  gcloud:
    /^((app|run|functions) deploy|app services set-traffic|run services update-traffic|deploy releases promote|run deploy)\b/,
  railway: /^(up|deploy|redeploy|rollback)\b/,
  amplify: /^publish\b/,
  eb: /^(deploy|swap)\b/,
  copilot: /^(deploy|svc deploy|job deploy|env deploy|pipeline deploy)\b/,
  surge: /^(?!(list|login|logout|whoami|help|token|teardown)\b)/,
  'gh-pages': /^/,
  kamal: /^(deploy|redeploy|rollback|setup|app boot)\b/,
  mina: /\bdeploy\b/,
  cap: /\b(deploy|rollback)\b/,
  caprover: /^deploy\b/,
  expo: /^publish\b/,
  eas: /^(update|submit|build\b.*--auto-submit)/,
  databricks: /^bundle deploy\b/,
  supabase: /^(functions deploy|db push|secrets set)\b/,
  render: /^(deploys create|deploy)\b/,
  serverless: /^deploy\b/,
  sls: /^deploy\b/,
  sst: /^deploy\b/,
  doctl: /^apps create-deployment\b/,
  az: /^(webapp (deploy|up)|functionapp deployment|staticwebapp .*deploy|storage blob upload-batch|containerapp update)\b/,
};

/** `vercel`, `vercel deploy`, `netlify deploy` go to production only when asked to. */
function productionFlag(args: readonly Arg[]): boolean {
  return (
    hasOption(args, '--prod', '--production', '--prodIfUnlocked', '--prod-if-unlocked') ||
    optionValues(args, '--target', '--environment').some((arg) => /^prod(uction)?$/.test(arg.value))
  );
}

const platforms: ProgramCheck = onlyFor(Object.keys(PLATFORMS), {
  check(invocation, context) {
    const { program, args } = invocation;
    if (isDryRun(args) || hasOption(args, '--help', '-h')) return;
    const words = plainWords(args, program === 'netlify' ? 'dsa' : '');
    const line = words.join(' ');
    if (
      (program === 'vercel' || program === 'now') &&
      (words[0] === undefined || words[0] === 'deploy' || /^[./]/.test(words[0]))
    ) {
      if (productionFlag(args)) context.report(deploy);
    } else if (program === 'netlify' && words[0] === 'deploy') {
      if (hasOption(args, '-p') || productionFlag(args)) context.report(deploy);
    } else if (program === 'firebase' && /^hosting:channel:/.test(line)) return;
    else if (PLATFORMS[program]?.test(line)) context.report(deploy);
  },
});

/** `aws s3 sync/cp --recursive` into a bucket, and the same for gsutil and gcloud storage: a site or build shipped. */
const buckets: ProgramCheck = onlyFor(['aws', 'gsutil', 'gcloud', 's3cmd', 'azcopy'], {
  check(invocation, context) {
    const words = plainWords(invocation.args);
    if (isDryRun(invocation.args) || hasOption(invocation.args, '--dryrun', '-n')) return;
    const [first, second] = words;
    const destination = words[words.length - 1] ?? '';
    const toBucket =
      /^(s3|gs|az|r2):\/\//.test(destination) ||
      /^https:\/\/[\w.-]+\.blob\.core\.windows\.net/.test(destination);
    const source = words[words.length - 2] ?? '';
    if (!toBucket || /^(s3|gs|az|r2):\/\//.test(source)) return;
    const recursive = hasOption(invocation.args, '--recursive', '-r', '-R');
    const verb =
      invocation.program === 'aws'
        ? first === 's3' && (second === 'sync' || (second === 'cp' && recursive))
        : invocation.program === 'gcloud'
          ? first === 'storage' && (second === 'rsync' || (second === 'cp' && recursive))
          : invocation.program === 'azcopy'
            ? first === 'sync' || (first === 'copy' && recursive)
            : first === 'rsync' ||
              first === 'sync' ||
              (first === 'cp' && recursive) ||
              (first === 'put' && recursive);
    if (verb) context.report(deploy);
  },
});

/** Workflows and pipelines whose name or inputs say they deploy or release. */
const DEPLOYS = /(^|[^a-z])(deploy\w*|release\w*|publish\w*|prod|production|promote|rollout|live)([^a-z]|$)/i;

/** gh, glab, hub: releases, visibility, admin merges, dispatched deploy workflows, secrets, keys on the account. */
const codeHosts: ProgramCheck = onlyFor(['gh', 'glab', 'hub'], {
  check(invocation, context) {
    const args = invocation.args;
    if (hasOption(args, '--help', '-h')) return;
    const words = plainWords(args, 'RfFbtnmr');
    const [group = '', verb = ''] = words;
    const pair = `${group} ${verb}`;
    if (
      /^release (create|upload|edit|new)$/.test(pair) ||
      (group === 'release' && invocation.program === 'hub' && verb === 'create')
    )
      return context.report(publish);
    if (/^(ssh-key|gpg-key|deploy-key) add$/.test(pair) || /^repo deploy-key$/.test(pair))
      return context.report(openMachine);
    if (/^repo (edit|update)$/.test(pair) && hasOption(args, '--visibility', '--public'))
      return context.report(codeHostChange);
    if (/^repo (create|new)$/.test(pair) && hasOption(args, '--public', '--push'))
      return context.report(hasOption(args, '--public') ? publish : codeHostChange);
    if (/^repo (rename|transfer)$/.test(pair)) return context.report(codeHostChange);
    if (/^(pr|mr) merge$/.test(pair) && hasOption(args, '--admin')) return context.report(codeHostChange);
    if (/^(secret|variable) set$/.test(pair)) return context.report(codeHostChange);
    if (/^(workflow run|ci run|ci trigger|run rerun)$/.test(pair)) {
      const rest = args.map((arg) => arg.value).join(' ');
      if (DEPLOYS.test(rest.slice(rest.indexOf(verb) + verb.length))) context.report(codeHostChange);
    }
  },
});

const SSH_WITH_VALUE = 'BbcDEeFIiJLlmOopQRSWw';

/** The option of a short bundle that takes a value (`-fNR` → `R`), if any. */
function bundleOption(value: string, withValue: string): string | undefined {
  if (!/^-[^-]/.test(value)) return undefined;
  for (const letter of value.slice(1)) if (withValue.includes(letter)) return letter;
  return undefined;
}

/** ssh -R and its kin: a port on another machine leads into this one. */
const reverseTunnels: ProgramCheck = onlyFor(['ssh', 'autossh'], {
  check(invocation, context) {
    const args = invocation.args;
    const remoteForward =
      args.some((arg) => bundleOption(arg.value, SSH_WITH_VALUE) === 'R') ||
      optionValues(args, '-o').some((arg) => /^RemoteForward\b/i.test(arg.value));
    if (remoteForward) context.report(openMachine);
  },
});

/** Public tunnels to a local port. */
const TUNNELS: Readonly<Record<string, RegExp>> = {
  ngrok: /^(http|tcp|tls|start|tunnel)?\b/,
  cloudflared: /^(tunnel|access tcp)\b/,
  lt: /./,
  localtunnel: /./,
  bore: /^local\b/,
  zrok: /^share\b/,
  tailscale: /^funnel\b/,
  pinggy: /./,
  expose: /^share\b/,
};

const tunnels: ProgramCheck = onlyFor(Object.keys(TUNNELS), {
  check(invocation, context) {
    const words = plainWords(invocation.args);
    if (
      hasOption(invocation.args, '--help', '-h', '--version', 'version') ||
      words[0] === 'version' ||
      words[0] === 'help'
    )
      return;
    if (
      invocation.program === 'cloudflared' &&
      /^tunnel (list|info|login|token)?$/.test(words.slice(0, 2).join(' ').trim()) &&
      !hasOption(invocation.args, '--url')
    )
      return;
    if (TUNNELS[invocation.program]?.test(words.join(' '))) context.report(openMachine);
  },
});

export const deployChecks: readonly ProgramCheck[] = [platforms, buckets, codeHosts, reverseTunnels, tunnels];
