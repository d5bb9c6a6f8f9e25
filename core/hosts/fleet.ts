// A fleet: this machine's tmux and one node per host behind the one Tmux port the night already uses. Calls are
// routed by pane id (`gpu:%3` is on host gpu) or, for a new pane, by the agent the window is named after.
import type { AgentConfig, HostConfig } from '../../config/schema.js';
import type { NewJournalEvent } from '../journal/events.js';
import type { PaneInfo, RawCapture, Tmux } from '../tmux/types.js';
import { HostLink, type LinkEvent, type LinkOptions } from './link.js';
import type { NodeEvent } from './protocol.js';
import { remoteTmux, type RemoteTmux } from './remote-tmux.js';

/** What the night asks of its hosts. */
export interface NightHosts {
  /** journals link changes and the nodes' replayed journals from now on (and what happened before); returns detach */
  attach(journal: (event: NewJournalEvent) => void): () => void;
  /** false while an agent's host is unreachable or skipped: its agents are not looked at */
  reachable(host: string | undefined): boolean;
  /** hosts whose link came up for the first time since the last call: their agents can be brought up now */
  takeArrivals(): string[];
  /** copies what the nodes have not sent yet (logs, journal lines): before the night's last journal line */
  flush(): Promise<void>;
}

/** The fleet's Tmux and the hosts' state, for the composition root. */
export interface Fleet {
  readonly tmux: Tmux;
  readonly hosts: NightHosts;
  /** connects every host (one attempt each, in parallel; a host down is retried in the background) */
  start(): Promise<void>;
  readonly links: readonly HostLink[];
}

/** How to build a fleet. */
export interface FleetOptions {
  readonly local: Tmux;
  readonly hosts: readonly HostConfig[];
  readonly agents: readonly AgentConfig[];
  /** the config's tmux socket: a host's default */
  readonly socket: string | undefined;
  readonly version: string;
  /** extra ssh options for every host (tests: `-F /dev/null -i key -p port`) */
  readonly sshOptions?: readonly string[];
  /** tuning for tests */
  readonly link?: Partial<
    Pick<LinkOptions, 'heartbeatMs' | 'requestTimeoutMs' | 'backoffMs' | 'maxBackoffMs'>
  >;
  /** how often logs and journals are copied from the nodes (default 1000 ms) */
  readonly syncMs?: number;
}

/** The shell command line that runs a host's node. */
export function nodeCommand(host: HostConfig, socket: string | undefined): string {
  const words = ['node', '--stdio', '--state-dir', host.stateDir];
  const s = host.socket ?? socket;
  if (s) words.push('--socket', s);
  return `${host.nightshift} ${words.map(shellWord).join(' ')}`;
}

/** One word for a POSIX shell, single-quoted unless plain. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./~-]+$/.test(word) && !word.startsWith('~') ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Builds the fleet: nothing connects until `start`. */
export function openFleet(o: FleetOptions): Fleet {
  const hostOf = new Map(o.agents.map((a) => [a.name, a.host]));
  const links = o.hosts.map(
    (h) =>
      new HostLink({
        host: h.name,
        ssh: h.ssh,
        remoteCommand: nodeCommand(h, o.socket),
        version: o.version,
        ...(o.sshOptions ? { sshOptions: o.sshOptions } : {}),
        ...o.link,
      }),
  );
  const remotes = new Map<string, RemoteTmux>(
    links.map((l) => [l.host, remoteTmux(l, o.hosts.find((h) => h.name === l.host)?.socket ?? o.socket)]),
  );
  const usedHosts = new Set(o.agents.map((a) => a.host).filter((h): h is string => !!h));
  const hasLocal = o.agents.some((a) => !a.host);

  // journal lines wait here until the night attaches its journal
  let journal: ((event: NewJournalEvent) => void) | undefined;
  const early: NewJournalEvent[] = [];
  const record = (event: NewJournalEvent) => (journal ? journal(event) : early.push(event));
  const arrivals: string[] = [];
  /** each node journal's position the controller has journaled */
  const replayed = new Map<string, number>();

  for (const link of links) {
    link.onEvent((event) => {
      onLinkEvent(link, event);
    });
  }
  function onLinkEvent(link: HostLink, event: LinkEvent): void {
    const host = link.host;
    if (event.type === 'connected') {
      record({
        type: 'host-link',
        host,
        state: 'connected',
        detail: `nightshift ${event.hello.version} (pid ${event.hello.pid}), state dir ${event.hello.stateDir}`,
      });
      if (event.first) arrivals.push(host);
      void syncHost(host);
    } else if (event.type === 'lost')
      record({ type: 'host-link', host, state: 'lost', detail: event.detail });
    else if (event.type === 'unreachable')
      record({
        type: 'host-link',
        host,
        state: 'unreachable',
        detail: `${event.detail} (trying again in ${Math.round(event.retryInMs / 1000)} s)`,
      });
    else record({ type: 'host-link', host, state: 'skipped', detail: event.detail });
  }

  /** Copies a host's new log bytes and journal lines; never two at once per host. */
  const syncing = new Map<string, Promise<void>>();
  function syncHost(host: string): Promise<void> {
    const running = syncing.get(host);
    if (running) return running;
    const link = links.find((l) => l.host === host)!;
    const work = (async () => {
      if (link.state !== 'up') return;
      await remotes.get(host)!.mirror.sync();
      const events = await link.request<NodeEvent[]>({ op: 'events', after: replayed.get(host) ?? -1 });
      for (const e of events)
        record({
          type: 'host-event',
          host,
          seq: e.seq,
          at: e.t,
          event: e.event,
          detail: e.detail,
          ...(e.paneId ? { paneId: `${host}:${e.paneId}` } : {}),
        });
      const last = events.at(-1)?.seq;
      if (last !== undefined && journal) {
        replayed.set(host, last);
        await link.request({ op: 'ack', seq: last });
      }
    })()
      .catch(() => undefined)
      .finally(() => syncing.delete(host));
    syncing.set(host, work);
    return work;
  }
  let timer: NodeJS.Timeout | undefined;

  const backendOf = (paneId: string): Tmux => {
    for (const r of remotes.values()) if (r.owns(paneId)) return r;
    return o.local;
  };
  const backends = (): Tmux[] => [
    ...(hasLocal ? [o.local] : []),
    ...[...remotes.values()].filter((r) => usedHosts.has(r.host) && reachable(r.host)),
  ];
  const reachable = (host: string | undefined) =>
    host === undefined || links.find((l) => l.host === host)?.state === 'up';

  const tmux: Tmux = {
    socket: o.local.socket,
    version: () => o.local.version(),
    async serverRunning() {
      const answers = await Promise.all(backends().map((b) => b.serverRunning().catch(() => false)));
      return answers.some(Boolean);
    },
    async hasSession(session) {
      const answers = await Promise.all(backends().map((b) => b.hasSession(session).catch(() => false)));
      return answers.length > 0 && answers.every(Boolean);
    },
    async listPanes(session) {
      const lists = await Promise.all(
        backends().map((b) => b.listPanes(session).catch(() => [] as PaneInfo[])),
      );
      return lists.flat();
    },
    createPane(spec) {
      const host = hostOf.get(spec.window);
      return (host ? remotes.get(host)! : o.local).createPane(spec);
    },
    resolveTarget: (target) => o.local.resolveTarget(target),
    start: (paneId, spec) => backendOf(paneId).start(paneId, spec),
    pipe: (paneId, file) => backendOf(paneId).pipe(paneId, file),
    async capture(paneIds) {
      const groups = new Map<Tmux, string[]>();
      for (const id of paneIds) {
        const b = backendOf(id);
        groups.set(b, [...(groups.get(b) ?? []), id]);
      }
      const maps = await Promise.all([...groups].map(([b, ids]) => b.capture(ids)));
      return new Map<string, RawCapture>(maps.flatMap((m) => [...m]));
    },
    sendText: (paneId, text) => backendOf(paneId).sendText(paneId, text),
    sendKeys: (paneId, keys) => backendOf(paneId).sendKeys(paneId, keys),
    unpipe: (paneId) => backendOf(paneId).unpipe(paneId),
    killPane: (paneId) => backendOf(paneId).killPane(paneId),
    async killServer() {
      await Promise.all([o.local, ...remotes.values()].map((b) => b.killServer().catch(() => undefined)));
    },
    async close() {
      clearInterval(timer);
      for (const host of remotes.keys()) await syncHost(host);
      await Promise.all([o.local.close(), ...[...remotes.values()].map((r) => r.close())]);
    },
  };

  return {
    tmux,
    links,
    hosts: {
      attach(j) {
        journal = j;
        for (const e of early.splice(0)) j(e);
        for (const host of remotes.keys()) void syncHost(host);
        return () => {
          journal = undefined;
        };
      },
      reachable,
      takeArrivals: () => arrivals.splice(0),
      async flush() {
        await Promise.all([...remotes.keys()].map((host) => syncHost(host)));
      },
    },
    async start() {
      await Promise.all(links.filter((l) => usedHosts.has(l.host)).map((l) => l.start()));
      timer = setInterval(() => {
        for (const host of remotes.keys()) void syncHost(host);
      }, o.syncMs ?? 1000);
      timer.unref();
    },
  };
}
