// The verb classes: what a subcommand word (`list`, `delete`, `deploy`) says a command does.

/** What a verb does: reads, destroys, publishes or deploys, or changes something else. */
export type VerbClass = 'read' | 'destroy' | 'publish' | 'change';

/** Extra verbs from the config, by class (added to the built-in words). */
export interface ExtraVerbs {
  readonly read?: readonly string[];
  readonly destroy?: readonly string[];
  readonly publish?: readonly string[];
}

const READ =
  words(`list ls get show describe status info view inspect logs log diff plan validate check search
  version help find cat read tail head print dump-config whoami which query explain lint verify test audit
  preview history top stats stat usage count ps events browse export-config display lookup fetch-config env
  current config-show doctor outdated why tree graph watch about whois ping health healthcheck summary report
  details detail examine scan snapshots analyze analyse describe-all show-all versions ll lsd lsf lsl size du df`);

const DESTROY = words(`delete del rm remove destroy drop purge truncate wipe reset revoke terminate kill prune
  flush undeploy uninstall unpublish erase obliterate nuke clear zap shred deregister unregister decommission
  discard expunge evict forget unset rmi rmdir deletion teardown zero-superblock repair`);

const PUBLISH = words(`deploy publish release promote upload push apply rollout ship submit distribute
`);

/** Verbs that change something and are no read even next to one (`status update`, `logs set-level`). */
const CHANGE = words(`create update set put write add sync run exec start stop restart enable disable toggle
  edit patch modify move mv rename copy cp replace import install upgrade downgrade scale attach detach grant
  invoke trigger send post login logout init new generate migrate rollback restore unlock approve
  merge close open cancel pause resume suspend rotate renew sign encrypt decrypt mount unmount unlink
  untag unarchive assign unassign activate deactivate connect disconnect register rebuild redeploy
  retry rerun dispatch execute up down`);

/** The class of one word of a subcommand path, or undefined for a noun (`widgets`) or an unknown verb. */
export function classifyWord(word: string, extra?: ExtraVerbs): VerbClass | undefined {
  const lower = word.toLowerCase();
  const whole = classifyOne(lower, extra);
  if (whole) return whole;
  // compound verbs: `delete-widget`, `purge_queue`, `list_queues`, `apps:destroy`, `api:core:messages:list`
  const parts = lower.split(/[-_:.]+/).filter(Boolean);
  if (parts.length < 2) return undefined;
  const classes = parts.map((part) => classifyOne(part, extra));
  if (classes.includes('destroy')) return 'destroy';
  if (classes.includes('publish')) return 'publish';
  if (classes.includes('change')) return 'change';
  return classes.includes('read') ? 'read' : undefined;
}

function classifyOne(word: string, extra?: ExtraVerbs): VerbClass | undefined {
  if (extra?.destroy?.includes(word) || DESTROY.has(word)) return 'destroy';
  if (extra?.publish?.includes(word) || PUBLISH.has(word)) return 'publish';
  if (extra?.read?.includes(word) || READ.has(word)) return 'read';
  if (CHANGE.has(word)) return 'change';
  return undefined;
}

function words(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter(Boolean));
}
