// Where a server listens, in controller-runtime's flag syntax (--metrics-bind-address, --health-probe-bind-address).

export interface BindAddress {
  /** '0.0.0.0' when the flag names no host: probes come from the kubelet and scrapes from Prometheus, not loopback. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

/** controller-runtime's value that turns a server off. */
export const SERVER_OFF = 'off';

/** `:8080`, `127.0.0.1:8080` or `[::1]:8080`; `0` (as in controller-runtime) turns the server off. */
export function parseBindAddress(value: string): BindAddress | typeof SERVER_OFF {
  if (value === '0') return SERVER_OFF;
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new Error(`expected [host]:port (e.g. ":8080" or "127.0.0.1:8080") or 0 for off, got "${value}"`);
  return { host: m[1] ?? (m[2] || '0.0.0.0'), port };
}

export function sameAddress(a: BindAddress, b: BindAddress): boolean {
  return a.host === b.host && a.port === b.port;
}
