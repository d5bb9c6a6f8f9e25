// The Tmux port for a pane on another host: every call goes over the host's link to its node. Pane ids carry the
// host (`gpu:%3`). A send carries the hash of the controller's last look at that pane, and the node sends only when
// its own re-capture still matches.
import { NightshiftError } from '../errors.js';
import { preparePipeFile } from '../tmux/layout.js';
import type { PaneInfo, RawCapture, StartSpec, Tmux, TmuxVersion } from '../tmux/types.js';
import type { HostLink } from './link.js';
import { LogMirror } from './log-mirror.js';
import { logKey, screenHash, type NodeTmuxCalls, type NodeTmuxMethod } from './protocol.js';

/** A Tmux whose panes live on one remote host, plus the copy of their logs. */
export interface RemoteTmux extends Tmux {
  readonly host: string;
  readonly mirror: LogMirror;
  /** true when a pane id belongs to this host */
  owns(paneId: string): boolean;
}

/** The Tmux port over `link`. */
export function remoteTmux(link: HostLink, socket: string | undefined): RemoteTmux {
  const host = link.host;
  const prefix = `${host}:`;
  const mirror = new LogMirror(link);
  /** the hash of the controller's last look at each pane: what a send is judged against */
  const looked = new Map<string, string>();
  const call = <M extends NodeTmuxMethod>(method: M, ...args: NodeTmuxCalls[M]['args']) =>
    link.request<NodeTmuxCalls[M]['value']>({ op: 'tmux', method, args });
  const local = (paneId: string): string => {
    if (!paneId.startsWith(prefix))
      throw new NightshiftError('TMUX_FAILED', `pane ${paneId} is not on host ${host}`);
    return paneId.slice(prefix.length);
  };
  const send = async (paneId: string, body: { keys?: readonly string[]; text?: string }) => {
    const expect = looked.get(paneId);
    if (!expect)
      throw new NightshiftError(
        'TMUX_FAILED',
        `no fresh look at ${paneId}: nothing is sent to a screen not seen`,
      );
    await link.request({ op: 'send', paneId: local(paneId), expect, ...body });
  };

  return {
    host,
    mirror,
    socket,
    owns: (paneId) => paneId.startsWith(prefix),
    version: (): Promise<TmuxVersion> => call('version'),
    serverRunning: () => call('serverRunning'),
    hasSession: (session) => call('hasSession', session),
    async listPanes(session) {
      const panes = await call('listPanes', ...(session === undefined ? [] : [session]));
      return panes.map((p): PaneInfo => ({ ...p, paneId: prefix + p.paneId }));
    },
    async createPane(spec) {
      return prefix + (await call('createPane', spec));
    },
    async resolveTarget(target) {
      const id = await call('resolveTarget', target);
      return id ? prefix + id : undefined;
    },
    async start(paneId: string, spec: StartSpec) {
      await call('start', local(paneId), spec);
    },
    async pipe(paneId, file) {
      const key = logKey(file);
      // the controller's copy is made with the pipe, as a local pane's log is: a tick finds it there before the
      // first bytes are copied (a quiet pane's missing copy had its pipe re-armed on every tick)
      await preparePipeFile(file);
      await link.request({ op: 'pipe', paneId: local(paneId), key });
      mirror.add(key, file);
    },
    async capture(paneIds) {
      const entries = await call('capture', paneIds.map(local));
      const out = new Map<string, RawCapture>();
      for (const [id, raw] of entries) {
        const paneId = prefix + id;
        looked.set(paneId, screenHash(raw));
        out.set(paneId, { ...raw, paneId });
      }
      return out;
    },
    sendText: (paneId, text) => send(paneId, { text }),
    sendKeys: (paneId, keys) => send(paneId, { keys }),
    async unpipe(paneId) {
      await call('unpipe', local(paneId));
      await mirror.sync().catch(() => undefined);
    },
    async killPane(paneId) {
      await mirror.sync().catch(() => undefined);
      await call('killPane', local(paneId));
    },
    async killServer() {
      await call('killServer');
    },
    async close() {
      await mirror.sync().catch(() => undefined);
      await link.close();
    },
  };
}
