import { parseFlags } from '../../flags/parse-flags.js';
import { definePack, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';

// Kubernetes: deleting and draining, scaling to zero, and any change to a live cluster.

export const deleteResources = defineRule({
  id: 'core.k8s.delete',
  verdict: 'block',
  reason: 'deletes cluster resources, drains nodes, scales to zero or uninstalls a release',
  examples: [
    { command: 'kubectl delete ns prod', verdict: 'block' },
    { command: 'kubectl -n prod delete deployment api', verdict: 'block' },
    { command: 'kubectl scale deployment api --replicas=0 -n prod', verdict: 'block' },
    { command: 'kubectl drain node-1 --ignore-daemonsets', verdict: 'block' },
    { command: 'helm uninstall api -n prod', verdict: 'block' },
    { command: 'helm delete prod-release', verdict: 'block' },
    { command: 'kubectl get pods -A', verdict: 'allow' },
  ],
});

export const changeCluster = defineRule({
  id: 'core.k8s.change',
  verdict: 'hold',
  reason: 'changes a live cluster (apply, patch, scale, rollout, helm upgrade…)',
  alternative: 'use --dry-run=client or kubectl diff and leave applying to a person',
  examples: [
    { command: 'kubectl apply -f k8s/', verdict: 'hold' },
    { command: 'helm upgrade api ./chart', verdict: 'hold' },
    { command: 'kubectl apply --dry-run=client -f k8s/', verdict: 'allow' },
    { command: 'kubectl diff -f k8s/', verdict: 'allow' },
    { command: 'helm template ./chart', verdict: 'allow' },
  ],
});

const KUBECTL_READS = new Set([
  'get',
  'describe',
  'logs',
  'top',
  'explain',
  'api-resources',
  'api-versions',
  'version',
  'cluster-info',
  'port-forward',
  'diff',
  'auth',
  'wait',
  'events',
  'completion',
  'kustomize',
  'plugin',
  'options',
  'help',
  'proxy',
  'exec',
  'cp',
  'attach',
]);
const KUBECTL_DELETES = new Set(['delete', 'drain', 'cordon']);
const KUBECTL_CONFIG_READS =
  /^(view|get-contexts|current-context|get-clusters|get-users|use-context|use|set-context|rename-context)$/;

const KUBECTL_FLAGS = {
  shortWithValue: 'nlofcspLkiR',
  longWithValue: [
    'namespace',
    'context',
    'cluster',
    'kubeconfig',
    'selector',
    'output',
    'filename',
    'container',
    'field-selector',
    'server',
    'user',
    'token',
    'as',
    'sort-by',
    'template',
    'patch',
    'type',
    'replicas',
    'timeout',
    'grace-period',
    'kustomize',
    'image',
    'dry-run',
    'for',
  ],
};

const kubectl: ProgramCheck = {
  programs: ['kubectl', 'oc', 'microk8s.kubectl', 'k3s'],
  check(invocation, context) {
    const args = invocation.program === 'k3s' ? invocation.args.slice(1) : invocation.args;
    const dashDash = args.findIndex((arg) => arg.value === '--');
    const parsed = parseFlags(dashDash < 0 ? args : args.slice(0, dashDash), KUBECTL_FLAGS);
    const verb = parsed.operands[0]?.value ?? '';
    const dryRunValues = parsed.values.get('dry-run') ?? [];
    // `--dry-run=none` (or false) runs for real
    const dryRun =
      dryRunValues.length > 0
        ? dryRunValues.some((value) => !/^(none|false)$/.test(value.value))
        : parsed.flags.has('dry-run');
    if (KUBECTL_READS.has(verb)) return;
    if (verb === 'config' && KUBECTL_CONFIG_READS.test(parsed.operands[1]?.value ?? '')) return;
    if (verb === 'rollout' && /^(status|history)$/.test(parsed.operands[1]?.value ?? '')) return;
    if (dryRun) return;
    const replicas = parsed.values.get('replicas')?.[0]?.value;
    if (KUBECTL_DELETES.has(verb) || (verb === 'scale' && replicas === '0') || parsed.flags.has('prune'))
      context.report(deleteResources);
    else if (verb === 'replace' && parsed.flags.has('force')) context.report(deleteResources);
    else context.report(changeCluster);
  },
};

const HELM_READS =
  /^(list|ls|template|lint|status|get|show|inspect|search|pull|fetch|dependency|dep|version|history|hist|env|plugin|repo|help|completion|verify|package|create)$/;

const helm: ProgramCheck = {
  programs: ['helm', 'helmfile'],
  check(invocation, context) {
    const parsed = parseFlags(invocation.args, {
      shortWithValue: 'nfo',
      longWithValue: [
        'namespace',
        'kube-context',
        'values',
        'set',
        'version',
        'output',
        'kubeconfig',
        'file',
        'environment',
      ],
    });
    const verb = parsed.operands[0]?.value ?? '';
    if (HELM_READS.test(verb) || parsed.flags.has('dry-run')) return;
    if (/^(uninstall|delete|del|un|destroy|rollback)$/.test(verb)) context.report(deleteResources);
    else context.report(changeCluster);
  },
};

export const kubernetesPack = definePack({
  id: 'core.k8s',
  summary: 'Kubernetes: deletes, drains, scaling to zero, and holds on any change to a live cluster',
  rules: [deleteResources, changeCluster],
  checks: [kubectl, helm],
});
