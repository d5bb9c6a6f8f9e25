// A self-signed certificate for 127.0.0.1, made with openssl in the sandbox, for agents that fetch only https.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Certificate } from './fake-api/server.js';

/** Writes `bench.key` and `bench.crt` into `dir`; the `.crt` path is what NODE_EXTRA_CA_CERTS takes. */
export function makeCertificate(dir: string): Certificate & { readonly caFile: string } {
  const key = join(dir, 'bench.key');
  const caFile = join(dir, 'bench.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      key,
      '-out',
      caFile,
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(caFile, 'utf8'), caFile };
}
