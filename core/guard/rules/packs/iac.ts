import { definePack, type ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';

// Infrastructure as code: destroying stacks, editing state, applying without review.

export const destroy = defineRule({
  id: 'core.iac.destroy',
  verdict: 'block',
  reason: 'destroys infrastructure, or removes it from the state the tool tracks',
  examples: [
    { command: 'terraform destroy', verdict: 'block' },
    { command: 'terraform apply -destroy -auto-approve', verdict: 'block' },
    { command: 'terraform workspace delete prod', verdict: 'block' },
    { command: 'terraform state rm aws_db_instance.main', verdict: 'block' },
    { command: 'pulumi destroy --yes', verdict: 'block' },
    { command: 'pulumi stack rm prod --force', verdict: 'block' },
    { command: 'cdk destroy --all --force', verdict: 'block' },
    { command: 'terraform plan -out=tfplan', verdict: 'allow' },
  ],
});

export const autoApprove = defineRule({
  id: 'core.iac.auto-approve',
  verdict: 'block',
  reason: 'applies infrastructure changes without the review step (-auto-approve, --yes)',
  alternative: 'run plan/preview and leave applying to a person',
  examples: [
    { command: 'terraform apply -auto-approve', verdict: 'block' },
    { command: 'pulumi up --yes', verdict: 'block' },
    { command: 'cdk deploy --require-approval never', verdict: 'block' },
    { command: 'pulumi preview', verdict: 'allow' },
  ],
});

export const apply = defineRule({
  id: 'core.iac.apply',
  verdict: 'hold',
  reason: 'changes real infrastructure (apply, up, deploy, import, playbooks)',
  alternative: 'run plan/preview and leave applying to a person',
  examples: [
    { command: 'terraform apply tfplan', verdict: 'hold' },
    { command: 'ansible-playbook site.yml', verdict: 'hold' },
    { command: 'terraform fmt -recursive', verdict: 'allow' },
    { command: 'cdk synth', verdict: 'allow' },
  ],
});

/** Per tool: subcommand paths that destroy, that apply, and that are read-only. Anything else holds. */
interface Tool {
  readonly destroy: RegExp;
  readonly apply: RegExp;
  readonly read: RegExp;
  readonly autoApprove: RegExp;
}

const TERRAFORM: Tool = {
  destroy:
    /^((run-all|run --all) )?destroy\b|^apply\b.*\s-destroy\b|^state (rm|mv|push|replace-provider)\b|^workspace delete\b|^force-unlock\b/,
  apply: /^(apply|import|taint|untaint|refresh|state|run-all|login|logout)\b/,
  read: /^(plan|fmt|validate|init|providers|graph|output|show|version|workspace (list|select|show|new)|state (list|show|pull)|console|get|test|metadata|modules|help|hclfmt|render-json|graph-dependencies|-help|-version|--help|--version)\b/,
  autoApprove: /-auto-approve\b|--auto-approve\b|--terragrunt-non-interactive/,
};

const TOOLS: Readonly<Record<string, Tool>> = {
  terraform: TERRAFORM,
  tofu: TERRAFORM,
  terragrunt: TERRAFORM,
  cdktf: TERRAFORM,
  pulumi: {
    destroy: /^(destroy|down)\b|^stack rm\b|^state (delete|unprotect)\b/,
    apply: /^(up|update|refresh|import|cancel|stack (init|select|change-secrets-provider)|config set)\b/,
    read: /^(preview|pre|stack( ls| output| history| export| graph)?$|stack (ls|output|history|export|graph)\b|config( get)?$|config get\b|whoami|version|about|logs|plugin ls|login|help|new|install|convert)/,
    autoApprove: /(^|\s)(--yes|-y|--skip-preview|-f)(\s|$)/,
  },
  cdk: {
    destroy: /^destroy\b/,
    apply: /^(deploy|bootstrap|import|watch|migrate|rollback)\b/,
    read: /^(synth|synthesize|diff|ls|list|doctor|docs|metadata|context|acknowledge|notices|init|version|--version|--help)\b/,
    autoApprove: /--require-approval[= ]never|--force\b/,
  },
  serverless: {
    destroy: /^remove\b/,
    apply: /^(deploy|rollback|invoke)\b/,
    read: /^(package|print|info|logs|metrics|plugin|help|--version|offline)\b/,
    autoApprove: /$^/,
  },
  sst: {
    destroy: /^remove\b/,
    apply: /^(deploy|secret set|unlock)\b/,
    read: /^(dev|diff|version|help|install|types|shell)\b/,
    autoApprove: /$^/,
  },
  vagrant: {
    destroy: /^destroy\b/,
    apply: /^(halt|reload|provision)\b/,
    read: /^(up|status|ssh-config|global-status|box list|version|validate|--version|--help)\b/,
    autoApprove: /$^/,
  },
};

const TOOL_ALIASES: Readonly<Record<string, string>> = { sls: 'serverless' };

const iacTools: ProgramCheck = {
  programs: [...Object.keys(TOOLS), ...Object.keys(TOOL_ALIASES)],
  check(invocation, context) {
    const tool = TOOLS[TOOL_ALIASES[invocation.program] ?? invocation.program];
    if (!tool) return;
    const line = invocation.args
      .map((arg) => arg.value)
      .filter((value, index) => index > 0 || !/^-chdir=/.test(value))
      .join(' ');
    if (tool.destroy.test(line)) context.report(destroy);
    else if (tool.read.test(line) || line === '') return;
    else if (tool.apply.test(line) && tool.autoApprove.test(line)) context.report(autoApprove);
    else context.report(apply);
  },
};

const ADHOC_COMMAND_MODULES = /^(shell|command|raw|script|ansible\.builtin\.(shell|command|raw|script))$/;
const ADHOC_READ_MODULES = /^(ping|setup|ansible\.builtin\.(ping|setup)|gather_facts|debug)$/;

/** ansible ad-hoc: the shell/command modules run their -a text on every host; other modules change the hosts. */
const ansible: ProgramCheck = {
  programs: ['ansible', 'ansible-playbook', 'ansible-pull'],
  check(invocation, context) {
    if (invocation.program !== 'ansible') {
      const checkOnly = invocation.args.some((arg) =>
        ['--check', '-C', '--syntax-check', '--list-hosts', '--list-tasks'].includes(arg.value),
      );
      if (!checkOnly) context.report(apply);
      return;
    }
    const values = invocation.args.map((arg) => arg.value);
    const moduleAt = values.findIndex((value) => value === '-m' || value === '--module-name');
    const module = moduleAt >= 0 ? (values[moduleAt + 1] ?? '') : 'command';
    const argsAt = values.findIndex((value) => value === '-a' || value === '--args');
    const moduleArgs = argsAt >= 0 ? invocation.args[argsAt + 1] : undefined;
    if (ADHOC_COMMAND_MODULES.test(module) && moduleArgs) context.runScript(moduleArgs, { remote: true });
    else if (!ADHOC_READ_MODULES.test(module) && !values.includes('--list-hosts')) context.report(apply);
  },
};

export const iacPack = definePack({
  id: 'core.iac',
  summary: 'infrastructure as code: destroy, state surgery, auto-approved applies; holds on any apply',
  rules: [destroy, autoApprove, apply],
  checks: [iacTools, ansible],
});
