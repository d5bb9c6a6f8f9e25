// `http:` the runner's status endpoint (docs/observability.md): where it listens, its token, whether it may answer.
import { z } from 'zod';
import { isLoopback, parseListen } from '../core/http/listen.js';

/** `http:` off when absent. Any address other than loopback needs `token`. */
export const httpSchema = z
  .strictObject({
    /** `host:port` to listen on; `127.0.0.1:7717` by default (loopback only) */
    listen: z
      .string()
      .default('127.0.0.1:7717')
      .superRefine((text, ctx) => {
        const parsed = parseListen(text);
        if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
      }),
    /** the bearer token (or the cookie a `nightshift http link` sets); put it in the environment: `"${NIGHTSHIFT_HTTP_TOKEN}"` */
    token: z.string().min(16, 'at least 16 characters (e.g. `openssl rand -hex 24`)').optional(),
    /** let the page answer parked prompts (through the same path as `nightshift answer`); read-only by default */
    answer: z.boolean().default(false),
  })
  .superRefine((http, ctx) => {
    const parsed = parseListen(http.listen);
    if (typeof parsed !== 'string' && !isLoopback(parsed.host) && !http.token)
      ctx.addIssue({
        code: 'custom',
        path: ['token'],
        message: `required: ${http.listen} is not a loopback address, so the endpoint needs a token (token: "\${NIGHTSHIFT_HTTP_TOKEN}"), or listen on 127.0.0.1`,
      });
  });

export type HttpConfig = z.output<typeof httpSchema>;
