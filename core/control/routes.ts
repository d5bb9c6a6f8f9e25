// The control endpoint's route registry: each feature adds its request type here; the server knows none of them.

/** What a route's handler gets besides the body. */
export interface ControlContext {
  /** aborted when the request times out or the server closes */
  readonly signal: AbortSignal;
}

/** One request type the runner answers. */
export interface ControlRoute<Body = unknown, Result = unknown> {
  /** the request's `type` */
  readonly type: string;
  /** checks the body (a zod schema's `parse` fits); a throw is a BAD_REQUEST reply with its message */
  parse?(body: unknown): Body;
  /** answers the request; a throw is a HANDLER_FAILED reply, never a crash */
  handle(body: Body, context: ControlContext): Result | Promise<Result>;
  /** overrides the server's per-request time limit */
  readonly timeoutMs?: number;
}

/** The routes a server answers; routes may be added or removed while it runs. */
export class ControlRoutes {
  readonly #routes = new Map<string, ControlRoute>();

  /** Adds a route; returns the function that removes it. Two routes may not share a type. */
  add<Body, Result>(route: ControlRoute<Body, Result>): () => void {
    if (this.#routes.has(route.type))
      throw new Error(`a control route for "${route.type}" is already registered`);
    const stored = route as unknown as ControlRoute;
    this.#routes.set(route.type, stored);
    return () => {
      if (this.#routes.get(route.type) === stored) this.#routes.delete(route.type);
    };
  }

  /** The route for a request type, if any. */
  get(type: string): ControlRoute | undefined {
    return this.#routes.get(type);
  }

  /** Every registered type, for error messages. */
  types(): string[] {
    return [...this.#routes.keys()].sort();
  }
}
