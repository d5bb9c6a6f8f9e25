// The runner's Prometheus metrics (prom-client): counters moved by journal events, gauges read from the fleet when
// scraped, histograms for tick duration, dialog→answer latency and guard verdict time, and the process metrics.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { NewJournalEvent } from '../journal/events.js';
import type { FleetStatus } from './status-view.js';

/** Seconds buckets for the tick (ms to a few seconds) and the guard (µs to ms). */
const TICK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LATENCY_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 1800, 3600];
const GUARD_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1];

/** The states a parked agent waits in: a person (or a rescue) must answer. */
const PARKED_STATES = new Set(['confirm', 'question', 'secret']);

/** Every metric of the endpoint, in one registry of its own. */
export class FleetMetrics {
  readonly registry = new Registry();
  readonly #decisions: Counter<'verdict' | 'channel'>;
  readonly #rescues: Counter<'kind' | 'outcome'>;
  readonly #escalations: Counter<'kind'>;
  readonly #restarts: Counter<'agent'>;
  readonly #limitWaits: Counter<'agent'>;
  readonly #events: Counter<'type'>;
  readonly #pluginFailures: Counter<'plugin'>;
  readonly #tick: Histogram;
  readonly #latency: Histogram<'channel'>;
  readonly #guard: Histogram;
  /** since when each agent's screen has been parked on a dialog or question (for the latency histogram) */
  readonly #dialogSince = new Map<string, number>();

  constructor(status: () => FleetStatus | undefined, outboxDir: string) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.#decisions = new Counter({
      name: 'nightshift_decisions_total',
      help: 'Commands judged on a dialog or through a hook, by guard verdict (allow: answered; block, hold: refused or left for a person) and channel (screen, hook).',
      labelNames: ['verdict', 'channel'],
      registers,
    });
    this.#rescues = new Counter({
      name: 'nightshift_rescues_total',
      help: 'Actions the rescues asked for, by kind (answer, decline, type, press, interrupt, restart) and outcome (sent, refused, dry-run).',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.#escalations = new Counter({
      name: 'nightshift_escalations_total',
      help: 'Things left for a person, by kind (held-command, blocked-command, secret, given-up, …).',
      labelNames: ['kind'],
      registers,
    });
    this.#restarts = new Counter({
      name: 'nightshift_restarts_total',
      help: 'Agents restarted after they exited.',
      labelNames: ['agent'],
      registers,
    });
    this.#limitWaits = new Counter({
      name: 'nightshift_limit_waits_total',
      help: 'Usage-limit waits begun.',
      labelNames: ['agent'],
      registers,
    });
    this.#events = new Counter({
      name: 'nightshift_journal_events_total',
      help: 'Journal events written, by type.',
      labelNames: ['type'],
      registers,
    });
    this.#pluginFailures = new Counter({
      name: 'nightshift_plugin_failures_total',
      help: 'Plugin hook calls that threw, timed out or returned something unusable.',
      labelNames: ['plugin'],
      registers,
    });
    this.#tick = new Histogram({
      name: 'nightshift_tick_duration_seconds',
      help: 'Wall time of one watch tick (look at the panes, classify, checks, rescues, journal).',
      buckets: TICK_BUCKETS,
      registers,
    });
    this.#latency = new Histogram({
      name: 'nightshift_dialog_answer_latency_seconds',
      help: 'From a dialog or question appearing on screen to the answer or refusal sent to it.',
      labelNames: ['channel'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.#guard = new Histogram({
      name: 'nightshift_guard_verdict_seconds',
      help: 'Time the dangerous-command guard took for one verdict.',
      buckets: GUARD_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'nightshift_agents',
      help: "Agents by their screen's state right now (busy, input, confirm, question, secret, limit, error, output, exited, absent).",
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        for (const a of status()?.agents ?? []) this.inc({ state: a.state });
      },
    });
    new Gauge({
      name: 'nightshift_parked_prompts',
      help: 'Agents parked on a dialog, question or secret prompt right now.',
      registers,
      collect() {
        this.set((status()?.agents ?? []).filter((a) => PARKED_STATES.has(a.state)).length);
      },
    });
    new Gauge({
      name: 'nightshift_parked_seconds',
      help: 'How long each parked agent has waited on its dialog, question or secret prompt.',
      labelNames: ['agent'],
      registers,
      collect() {
        this.reset();
        const s = status();
        if (!s) return;
        const now = Date.parse(s.now);
        for (const a of s.agents)
          if (PARKED_STATES.has(a.state) && a.since)
            this.set({ agent: a.agent }, Math.max(0, (now - Date.parse(a.since)) / 1000));
      },
    });
    new Gauge({
      name: 'nightshift_agents_waiting_for_limit',
      help: 'Agents waiting for a usage limit to reset.',
      registers,
      collect() {
        this.set((status()?.agents ?? []).filter((a) => a.waitingUntil).length);
      },
    });
    new Gauge({
      name: 'nightshift_queue_tasks',
      help: "Tonight's queued tasks by state (queued, starting, running, done, failed, blocked, timed-out, not-reached).",
      labelNames: ['state'],
      registers,
      collect() {
        this.reset();
        for (const t of status()?.tasks ?? []) this.inc({ state: t.state });
      },
    });
    new Gauge({
      name: 'nightshift_outbox_depth',
      help: 'Report deliveries waiting in the outbox to be sent again.',
      registers,
      async collect() {
        this.set(
          await readdir(outboxDir).then(
            (names) => names.filter((n) => !n.startsWith('.')).length,
            () => 0,
          ),
        );
      },
    });
    new Gauge({
      name: 'nightshift_night_running',
      help: '1 while a night is running, else 0.',
      registers,
      collect() {
        this.set(status()?.night ? 1 : 0);
      },
    });
  }

  /** A night opened with these agents: their labelled counters start at 0, so a first event is a visible change. */
  open(agents: readonly string[]): void {
    for (const agent of agents) {
      this.#restarts.inc({ agent }, 0);
      this.#limitWaits.inc({ agent }, 0);
    }
    this.#dialogSince.clear();
  }

  /** Moves the counters one journal event says moved. */
  event(e: NewJournalEvent, at: Date): void {
    this.#events.inc({ type: e.type });
    switch (e.type) {
      case 'state':
        if (e.to === 'confirm' || e.to === 'question') this.#dialogSince.set(e.agent, at.getTime());
        else if (e.from === 'confirm' || e.from === 'question') this.#dialogSince.delete(e.agent);
        break;
      case 'action': {
        const channel = e.channel ?? 'screen';
        this.#rescues.inc({ kind: e.action, outcome: e.dryRun ? 'dry-run' : 'sent' });
        if (e.action === 'answer') this.#decisions.inc({ verdict: 'allow', channel });
        if (e.action === 'answer' || e.action === 'decline') this.#answered(e.agent, channel, at);
        break;
      }
      case 'refusal': {
        const channel = e.channel ?? 'screen';
        this.#rescues.inc({ kind: e.action, outcome: 'refused' });
        if (e.why === 'guard' && e.verdict && e.verdict !== 'allow')
          this.#decisions.inc({ verdict: e.verdict, channel });
        break;
      }
      case 'escalation':
        this.#escalations.inc({ kind: e.kind });
        // a dangerous command left on screen (or denied to a hook) for a person: the guard's verdict on it
        if (e.kind === 'blocked-command' || e.kind === 'held-command')
          this.#decisions.inc({
            verdict: e.kind === 'blocked-command' ? 'block' : 'hold',
            channel: e.channel ?? 'screen',
          });
        break;
      case 'agent-restarted':
        this.#restarts.inc({ agent: e.agent });
        break;
      case 'wait':
        this.#limitWaits.inc({ agent: e.agent });
        break;
      case 'plugin-failure':
        this.#pluginFailures.inc({ plugin: e.plugin });
        break;
    }
  }

  /** One watch tick took `ms`. */
  tick(ms: number): void {
    this.#tick.observe(ms / 1000);
  }

  /** One guard verdict took `ms`. */
  guard(ms: number): void {
    this.#guard.observe(ms / 1000);
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  #answered(agent: string, channel: string, at: Date): void {
    const since = this.#dialogSince.get(agent);
    if (since === undefined) return;
    this.#dialogSince.delete(agent);
    this.#latency.observe({ channel }, Math.max(0, (at.getTime() - since) / 1000));
  }
}

/** The outbox folder of a state directory (reports/ owns its files; the endpoint only counts them). */
export function outboxDirOf(stateDir: string): string {
  return join(stateDir, 'outbox');
}
