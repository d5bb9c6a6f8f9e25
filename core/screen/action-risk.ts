// Non-shell actions (file edits, fetches, MCP tool calls) the guard cannot parse: words and paths that need a person.

/** Tool calls (MCP, skills) that delete, publish or reach production. */
const TOOL_RISKS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /(?:\b|_)(?:delete|destroy|drop|purge|wipe|truncate|erase|force[-_ ]?push|merge|transfer|revoke|deploy|publish|release)/i,
    'a destructive or publishing tool call',
  ],
  [/\bprod(?:uction)?\b/i, 'touches production'],
];

/** Paths no unattended edit should touch. */
const PATH_RISKS: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /(?:^|[\s/])(?:~|\$HOME|\/home\/[^/\s]+|\/root)\/\.(?:ssh|gnupg|aws|kube|docker|config\/gh)\b/i,
    'credentials or keys',
  ],
  [/(?:^|\s)\/(?:etc|usr|bin|sbin|boot|dev|sys|proc|var\/lib)\//, 'a system path'],
  [
    /(?:^|[\s/])\.(?:bashrc|zshrc|profile|bash_profile|zprofile|gitconfig|npmrc|netrc|env)\b/,
    'shell startup or credential files',
  ],
  [
    /\.git\/hooks\/|\.claude\/settings|\.codex\/config|authorized_keys|sudoers/i,
    'settings that change what runs unattended',
  ],
];

/** Why an action summary (`edit src/a.ts`, `mcp github - delete_repo(…)`) needs a person, or undefined when it looks routine. */
export function actionRisk(action: string): string | undefined {
  const tool = /^(?:mcp|use skill)\b/.test(action);
  return (
    (tool ? TOOL_RISKS.find(([re]) => re.test(action))?.[1] : undefined) ??
    PATH_RISKS.find(([re]) => re.test(action))?.[1]
  );
}
