import { definePack, type CheckContext, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';
import type { Arg } from '../../syntax/arg.js';
import { isLocalDevServer } from './verbs/http.js';

// Cloud and platform CLIs, object stores and package registries: judged by the verbs in the command.

export const deleteCloud = defineRule({
  id: 'core.cloud.delete',
  verdict: 'block',
  reason: 'deletes or destroys cloud resources (instances, buckets, databases, apps, secrets)',
  alternative: 'list or describe the resource and leave deleting it to a person',
  examples: [
    { command: 'aws s3 rm s3://prod-bucket --recursive', verdict: 'block' },
    { command: 'aws s3 rb s3://prod-bucket --force', verdict: 'block' },
    { command: 'aws lambda delete-function --function-name api', verdict: 'block' },
    { command: 'aws ec2 terminate-instances --instance-ids i-123', verdict: 'block' },
    { command: 'gcloud sql instances delete prod-db', verdict: 'block' },
    { command: 'gsutil rm -r gs://prod-bucket', verdict: 'block' },
    { command: 'az vm delete -g rg -n vm1 --yes', verdict: 'block' },
    { command: 'doctl compute droplet delete web-1 --force', verdict: 'block' },
    { command: 'heroku apps:destroy --app prod-app --confirm prod-app', verdict: 'block' },
    { command: 'fly apps destroy prod-app -y', verdict: 'block' },
    { command: 'aws s3 sync ./site s3://bucket --delete', verdict: 'block' },
    { command: 'aws s3 ls s3://acme-bucket/logs/', verdict: 'allow' },
    { command: 'aws s3 cp report.csv s3://acme-bucket/reports/', verdict: 'allow' },
    { command: 'gcloud compute instances list', verdict: 'allow' },
  ],
});

export const changeCloud = defineRule({
  id: 'core.cloud.change',
  verdict: 'hold',
  reason: 'changes cloud resources or access (create, update, deploy, stop, grant…)',
  examples: [
    {
      command:
        'aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/AdministratorAccess',
      verdict: 'hold',
    },
    { command: 'gcloud run deploy api --source .', verdict: 'hold' },
    { command: 'aws ec2 describe-instances', verdict: 'allow' },
  ],
});

export const httpDelete = defineRule({
  id: 'core.cloud.http-delete',
  verdict: 'hold',
  reason: 'sends an HTTP DELETE to an API (a database, an index, a cloud resource)',
  examples: [
    { command: 'curl -X DELETE https://api.x.example/v1/databases/prod', verdict: 'block' },
    { command: 'curl -X DELETE http://localhost:3000/api/todos/1', verdict: 'allow' },
    { command: 'curl -X GET https://api.x.example/v1/databases', verdict: 'allow' },
  ],
});

export const unpublish = defineRule({
  id: 'core.cloud.unpublish',
  verdict: 'block',
  reason: 'unpublishes or yanks a released package that others depend on',
  examples: [
    { command: 'npm unpublish acme-utils --force', verdict: 'block' },
    { command: 'cargo yank --version 1.0.0', verdict: 'block' },
    { command: 'npm outdated', verdict: 'allow' },
  ],
});

const DESTROY =
  /^(delete|destroy|remove|rm|rb|terminate|purge|drop|wipe|prune|uninstall|deregister|unpublish|erase|truncate|flush|deletefile|rmdir|rmdirs|cleanup|del|disable-and-delete)([-_].*)?$/i;
/** aws and gcloud operations with the verb inside (`batch-delete-image`, `schedule-key-deletion`). */
const DESTROY_INSIDE =
  /(^|-)(delete|deletion|destroy|remove|terminate|purge|drop|deregister|wipe|erase|truncate|flush)(-|$)/i;
/** Verbs that only read; gcloud and az put the verb last (`gcloud run services list`). */
const READ =
  /^(list|ls|describe|get|show|logs?|read|tail|status|info|inspect|view|history|search|whoami|version|help|browse|wait|print-[\w-]+|get-[\w-]+|describe-[\w-]+|list-[\w-]+)$/i;
const COLON_DESTROY = /:(destroy|delete|remove|rm|purge|reset|disable|wipe|clear)$/i;
const CHANGE =
  /^(patch|leave|change|execute|cancel|abandon|create|update|put|set|deploy|apply|modify|attach|detach|enable|disable|import|publish|release|scale|restart|reboot|stop|start|associate|disassociate|authorize|revoke|promote|failover|rotate|reset|restore|run|invoke|add|grant|replace|move|mv|rename|upgrade|resize|sync|mirror|rsync|transfer|send|copy-snapshot|add-iam-policy-binding|remove-iam-policy-binding)([-_].*)?$/i;

/** Clouds where any change is a change to real infrastructure (the others are also local dev tools: `supabase start`). */
const ACCOUNT_CLOUDS = new Set([
  'eksctl',
  'kops',
  'aws',
  'gcloud',
  'az',
  'doctl',
  'heroku',
  'fly',
  'flyctl',
  'hcloud',
  'oci',
  'ibmcloud',
  'linode-cli',
  'scw',
  'gsutil',
]);

/** Where the verb sits: aws puts the operation second; the others anywhere in the first few words. */
const VERB_WINDOW: Readonly<Record<string, [number, number]>> = {
  aws: [1, 2],
  s3cmd: [0, 1],
  mc: [0, 4],
  rclone: [0, 1],
  gsutil: [0, 1],
  b2: [0, 1],
};

/** Per tool: commands that are fine although a verb looks like a change (`aws s3 cp`, `gcloud auth login`). */
const ALLOWED: Readonly<Record<string, RegExp>> = {
  aws: /^s3 (cp|ls|presign|mb|website|sync)\b|^(sts|configure|sso) |^logs (tail|start-live-tail|filter-log-events|get-[\w-]+|describe-[\w-]+|start-query|stop-query|test-metric-filter)\b|^(rds-data|redshift-data) (batch-)?execute-statement\b|^athena start-query-execution\b/,
  gsutil: /^(cp|ls|cat|du|stat|mb|hash|signurl)\b/,
  gcloud: /^(auth|config|components|info|init|version|help)\b/,
  az: /^(login|logout|account|config|version|upgrade|extension|bicep build)\b/,
  rclone: /^(copy|ls|lsd|lsl|lsf|size|check|cat|config|version|about|tree|copyto|listremotes)\b/,
  heroku: /^(logs|login|ps$|apps$|apps:info)\b/,
};

const cloud: ProgramCheck = {
  programs: [
    'aws',
    'gcloud',
    'gsutil',
    'az',
    'doctl',
    'heroku',
    'fly',
    'flyctl',
    'vercel',
    'netlify',
    'firebase',
    'wrangler',
    'railway',
    'linode-cli',
    'hcloud',
    'oci',
    'ibmcloud',
    'scw',
    's3cmd',
    'mc',
    'rclone',
    'b2',
    'supabase',
    'neonctl',
    'pscale',
    'turso',
    'render',
    'eb',
    'copilot',
    'sam',
    'amplify',
    'minikube',
    'eksctl',
    'kops',
    'kind',
    'k3d',
  ],
  check(invocation, context) {
    const words = operandWords(invocation.args);
    const line = words.join(' ');
    const values = invocation.args.map((arg) => arg.value);
    if (
      invocation.program === 'aws' &&
      words[0] === 's3' &&
      ['sync', 'mv'].includes(words[1] ?? '') &&
      values.some((value) => value.startsWith('--delete'))
    ) {
      context.report(deleteCloud);
      return;
    }
    if (
      ['gsutil', 'rclone', 's3cmd', 'mc'].includes(invocation.program) &&
      /^(rsync|sync|mirror)$/.test(words[0] ?? '')
    ) {
      if (
        values.some((value) => /^(-d|--delete.*|--remove|--delete-removed)$/.test(value)) ||
        invocation.program === 'rclone'
      )
        context.report(deleteCloud);
      return;
    }
    // moving deletes the source; dedupe deletes the copies it judges duplicates
    if (
      ['rclone', 's3cmd', 'mc', 'b2'].includes(invocation.program) &&
      /^(move|moveto|mv|dedupe)$/.test(words[0] ?? '')
    ) {
      context.report(deleteCloud);
      return;
    }
    reportSecretUpload(invocation.program, invocation.args, context);
    if (ALLOWED[invocation.program]?.test(line)) return;
    const [from, to] = VERB_WINDOW[invocation.program] ?? [0, 4];
    const verbs = words.slice(from, to);
    const inside = ['aws', 'gcloud', 'az'].includes(invocation.program);
    if (
      verbs.some(
        (word) => DESTROY.test(word) || COLON_DESTROY.test(word) || (inside && DESTROY_INSIDE.test(word)),
      )
    )
      context.report(deleteCloud);
    else if (verbs.some((word) => READ.test(word)) || !ACCOUNT_CLOUDS.has(invocation.program)) return;
    else if (
      verbs.some(
        (word) =>
          CHANGE.test(word) || /:(create|set|unset|add|deploy|promote|restart|scale|update)$/i.test(word),
      )
    )
      context.report(changeCloud);
  },
};

/** A bucket or remote location: `s3://b/x`, `gs://b`, `az://…`, rclone's `remote:path`. */
const CLOUD_LOCATION = /^([a-z][\w+.-]*:\/\/|[\w-]+:(?!\/\/))/i;

/**
 * A secret file (`.env`, a key, `credentials.json`) copied to a bucket or a remote is a secret sent out:
 * `aws s3 cp .env s3://b/`, `gsutil cp credentials.json gs://b/`, `rclone copy .env remote:`.
 */
function reportSecretUpload(program: string, args: readonly Arg[], context: CheckContext): void {
  if (!['aws', 'gsutil', 'gcloud', 'rclone', 's3cmd', 'mc', 'b2', 'az'].includes(program)) return;
  const operands = args.filter((arg) => !arg.value.startsWith('-'));
  const verb = operands.map((arg) => arg.value);
  const uploads =
    operands.some((arg) => CLOUD_LOCATION.test(arg.value)) ||
    (program === 'az' && verb.some((word) => /^upload(-batch)?$/.test(word))) ||
    (program === 'mc' && /^(cp|mirror|put|mv)$/.test(verb[0] ?? ''));
  if (!uploads) return;
  const local = args.filter((arg, index) => {
    if (arg.dynamic || CLOUD_LOCATION.test(arg.value)) return false;
    // a value of `--file PATH`/`-f PATH` (az storage blob upload) or an operand
    return !arg.value.startsWith('-') || /^(-f|--file)$/.test(args[index - 1]?.value ?? '');
  });
  const secret = local.find((arg) => context.classify(arg).secret);
  if (secret) {
    context.noteSecretRead(secret.value);
    context.noteNetworkSend(`${program} ${args.map((arg) => arg.value).join(' ')}`);
  }
}

/** Positional words only, skipping the value of any `--flag value` pair. */
function operandWords(args: readonly Arg[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = (args[i] as Arg).value;
    if (value.startsWith('-')) {
      const next = args[i + 1]?.value;
      if (
        !value.includes('=') &&
        next !== undefined &&
        !next.startsWith('-') &&
        /^--/.test(value) &&
        !BOOLEAN_LONG.test(value)
      )
        i++;
      continue;
    }
    words.push(value);
  }
  return words;
}

const BOOLEAN_LONG =
  /^--(recursive|force|yes|quiet|all|async|dry-run|no-[\w-]+|help|debug|verbose|follow|confirm|human-readable|summarize|wait|json)$/;

/** Per registry front end: the operand words that unpublish, yank or remove owners (publishing is core.egress). */
const REGISTRIES: Readonly<Record<string, RegExp>> = {
  npm: /^(unpublish|owner (rm|remove)|dist-tag (rm|remove))$/,
  pnpm: /^unpublish$/,
  yarn: /^npm unpublish$/,
  cargo: /^yank$/,
  gem: /^yank$/,
  dotnet: /^nuget delete$/,
};

const registries: ProgramCheck = {
  programs: Object.keys(REGISTRIES),
  check(invocation, context) {
    const pattern = REGISTRIES[invocation.program];
    if (!pattern) return;
    const words = invocation.args.map((arg) => arg.value).filter((value) => !value.startsWith('-'));
    if (invocation.args.some((arg) => arg.value === '--dry-run')) return;
    if (pattern.test(words[0] ?? '') || pattern.test(words.slice(0, 2).join(' '))) context.report(unpublish);
  },
};

/** curl/http/wget with the DELETE method (localhost too: Elasticsearch, CouchDB and friends live there). */
const httpMethods: ProgramCheck = {
  programs: ['curl', 'http', 'https', 'xh', 'wget'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const deletes =
      values.some(
        (value, index) =>
          /^(-X|--request|--method)$/.test(values[index - 1] ?? '') && /^delete$/i.test(value),
      ) ||
      values.some((value) => /^(-XDELETE|--request=DELETE|--method=DELETE)$/i.test(value)) ||
      (invocation.program !== 'curl' && invocation.program !== 'wget' && /^delete$/i.test(values[0] ?? ''));
    const urls = values.filter(
      (value) => !value.startsWith('-') && /^(https?:\/\/|localhost|127\.|\[::1\]|:\d)/i.test(value),
    );
    if (deletes && !(urls.length > 0 && urls.every(isLocalDevServer))) context.report(httpDelete);
  },
};

export const cloudPack = definePack({
  id: 'core.cloud',
  summary: 'cloud and platform CLIs, object stores, package registries: deletes block, other changes hold',
  rules: [deleteCloud, changeCloud, httpDelete, unpublish],
  checks: [cloud, registries, httpMethods],
});
