// What the hook client asks the runner (route `hook`) and what the runner answers. Imports nothing.

/** How an agent hands its hooks to a program of ours (declared by its screen profile's `channel`). */
export type ChannelKind = 'claude-settings' | 'codex-config' | 'gemini-system-settings';

/** Whether a channel's hook can approve a tool call (Gemini's BeforeTool can only deny: its dialog still shows). */
export const CHANNEL_CAN_ALLOW: Readonly<Record<ChannelKind, boolean>> = {
  'claude-settings': true,
  'codex-config': true,
  'gemini-system-settings': false,
};

/** What a hook event is about, read from the agent's JSON by the client's adapter. */
export type HookCall =
  /** the agent wants to run a tool: `command` is the exact shell command when the tool runs one */
  | { readonly kind: 'permission'; readonly tool: string; readonly command?: string }
  /** the session started (the handshake), a turn ended, the session ended, or a notice */
  | { readonly kind: 'session-start' }
  | { readonly kind: 'turn-end' }
  | { readonly kind: 'session-end'; readonly reason?: string }
  | { readonly kind: 'waiting'; readonly detail?: string }
  /** the turn failed: `limit` when the agent says a usage limit stopped it */
  | {
      readonly kind: 'failure';
      readonly error: string;
      readonly limit: boolean;
      /** the agent's own words about it (Claude Code: its last message, which names the reset time) */
      readonly message?: string;
    }
  | { readonly kind: 'other' };

/** The body of a `hook` request. */
export interface HookRequest {
  readonly agent: string;
  readonly channel: ChannelKind;
  /** the agent's event name (`PermissionRequest`, `BeforeTool`, …) */
  readonly event: string;
  readonly call: HookCall;
}

/** The runner's answer: `none` makes no decision, so the agent's own dialog appears and the screen path takes over. */
export interface HookAnswer {
  readonly decision: 'allow' | 'deny' | 'none';
  /** for `deny`: what the agent is told */
  readonly message?: string;
}
