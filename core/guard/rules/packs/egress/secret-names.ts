import type { Arg } from '../../../syntax/arg.js';

// Names that say a variable holds a credential, and the ones a command line expands.

/** A variable name that says it holds a secret (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `DATABASE_URL`). */
export const SECRET_NAME =
  /(SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH(?!OR|_SOCK)|COOKIE|SESSION_?KEY|_PAT$|_KEY$|^(DATABASE|DB|REDIS|MONGO(DB)?|POSTGRES|PG|MYSQL|AMQP|RABBITMQ)_?(URL|URI|DSN)$)/i;

/** True for a credential's name; not for names of files, paths or public values (`TOKEN_FILE`, `NEXT_PUBLIC_KEY`). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !/PUBLIC|_PATH$|_FILE$|_DIR$/i.test(name);
}

/** The secret-named variables whose value an argument carries. */
export function secretsIn(arg: Arg): string[] {
  return arg.variables?.filter(isSecretName) ?? [];
}

/** The secret-named variables whose values a command's arguments carry. */
export function secretsInArgs(args: readonly Arg[]): string[] {
  return args.flatMap(secretsIn);
}
