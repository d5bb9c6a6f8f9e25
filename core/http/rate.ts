// Requests per client are bounded: a token bucket per remote address (a burst, then a steady rate).

/** A bucket per client address; `take` says whether this request may go on. */
export class RateLimit {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    readonly burst = 60,
    readonly perSecond = 20,
    readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends one token of `client`'s bucket; false when it is empty (answer 429). */
  take(client: string): boolean {
    const t = this.now();
    const b = this.#buckets.get(client) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.perSecond);
    b.at = t;
    if (this.#buckets.size > 1000) this.#forgetFull(t);
    this.#buckets.set(client, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Buckets that have refilled are the same as none: forgotten, so many clients cannot grow the map for ever. */
  #forgetFull(t: number): void {
    for (const [k, b] of this.#buckets)
      if (b.tokens + ((t - b.at) / 1000) * this.perSecond >= this.burst) this.#buckets.delete(k);
  }
}
