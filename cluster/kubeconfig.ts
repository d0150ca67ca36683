import * as fs from 'node:fs/promises';
import { stringify } from 'yaml';

export interface KubeconfigProps {
  /** e.g. `https://127.0.0.1:6443` */
  readonly server: string;
  readonly caCert: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

/** The context name written into every kubeconfig the harness makes. */
export const CONTEXT_NAME = 'fluid-cdk8s-local';

/**
 * Writes an admin kubeconfig that points at certificate files rather than embedding them, so the file
 * stays readable and is only valid while the harness folder exists. Every component and every test uses it.
 */
export async function writeKubeconfig(file: string, props: KubeconfigProps): Promise<void> {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: CONTEXT_NAME, cluster: { server: props.server, 'certificate-authority': props.caCert } }],
    users: [{ name: 'admin', user: { 'client-certificate': props.clientCert, 'client-key': props.clientKey } }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: 'admin' } }],
    'current-context': CONTEXT_NAME,
  };
  await fs.writeFile(file, stringify(config), { mode: 0o600 });
}
