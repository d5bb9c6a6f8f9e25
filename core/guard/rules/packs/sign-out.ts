import type { ProgramCheck } from '../../invocation.js';
import { defineRule } from '../../rule.js';
import { plainWords } from './egress/words.js';

// Credentials removed rather than read: signing out of a registry, cloud or code host, revoking a token,
// deleting GPG keys, emptying the SSH agent. Every agent that uses them stops working until a person signs in
// again, and deleted secret keys do not come back.

export const removeCredentials = defineRule({
  id: 'core.secrets.remove-credentials',
  verdict: 'block',
  reason:
    'signs out, revokes a token or deletes keys (logout, token revoke, gpg --delete-secret-keys, ssh-add -D): every agent using them stops working',
  alternative: 'leave the credentials alone; a person signs out in the morning if that is wanted',
  examples: [
    { command: 'gh auth logout', verdict: 'block' },
    { command: 'npm token revoke abc123', verdict: 'block' },
    { command: 'gcloud auth revoke --all', verdict: 'block' },
    { command: 'gpg --batch --yes --delete-secret-keys ABC', verdict: 'block' },
    { command: 'ssh-add -D', verdict: 'block' },
    { command: 'gh auth status', verdict: 'allow' },
    { command: 'npm token list', verdict: 'allow' },
    { command: 'ssh-add -l', verdict: 'allow' },
  ],
});

/** CLIs that keep a login and have rules of their own (others meet the verb model, where logout is held). */
const LOGIN_CLIS = [
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'docker',
  'podman',
  'helm',
  'gh',
  'glab',
  'az',
  'gcloud',
  'aws',
  'firebase',
  'vercel',
  'netlify',
  'heroku',
  'wrangler',
  'fly',
  'flyctl',
  'railway',
  'render',
  'supabase',
  'eas',
  'expo',
  'op',
  'doctl',
  'hcloud',
  'oc',
  'doppler',
  'infisical',
  'twine',
  'cargo',
  'gem',
  'poetry',
  'dotnet',
  'nuget',
  'pulumi',
  'terraform',
  'tofu',
  'snyk',
  'neonctl',
  'turso',
  'pscale',
  'gsutil',
  'ibmcloud',
  'linode-cli',
  'scw',
  'atlas',
  'ngrok',
];

/** Words that sign out wherever they stand in the subcommand path. */
const SIGN_OUT = /^(logout|log-out|signout|sign-out|logoff|log-off|deauth|deauthorize|auth:logout)$/;

/** `auth revoke`, `token revoke`, `token delete`, `tokens rm`: a credential revoked on the server. */
const REVOKE = /^(revoke|delete|rm|remove|destroy|invalidate)$/;

/** Subcommand groups that hold credentials. */
const CREDENTIAL = /^(auth|token|tokens|api-key|apikey|credentials?)$/;

const signOut: ProgramCheck = {
  programs: LOGIN_CLIS,
  check(invocation, context) {
    const words = plainWords(invocation.args).slice(0, 4);
    const revokes = words.some(
      (word, index) => REVOKE.test(word) && words.slice(0, index).some((before) => CREDENTIAL.test(before)),
    );
    if (words.some((word) => SIGN_OUT.test(word)) || revokes) context.report(removeCredentials);
  },
};

/** gpg deleting keys; ssh-add removing identities from the agent. */
const deleteKeys: ProgramCheck = {
  programs: ['gpg', 'gpg2', 'ssh-add'],
  check(invocation, context) {
    const values = invocation.args.map((arg) => arg.value);
    const deletes =
      invocation.program === 'ssh-add'
        ? values.some((value) => /^-[a-zA-Z]*[dD]/.test(value))
        : values.some((value) => /^--delete-(secret-|secret-and-public-)?keys?$/.test(value));
    if (deletes) context.report(removeCredentials);
  },
};

export const signOutChecks: readonly ProgramCheck[] = [signOut, deleteKeys];
