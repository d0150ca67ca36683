// The ports of every Alluxio process, and the properties that tell Alluxio about them
// (pkg/ddc/alluxio/transform.go allocatePorts/generateStaticPorts, transform_optimization.go setPortProperties).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import { PORTS } from './defaults';

export interface AlluxioPorts {
  /** Master RPC and web ports, and the embedded-journal port of HA masters. @default 19998, 19999, 19200 */
  readonly master: { readonly rpc: number; readonly web: number; readonly embedded?: number };
  /** Job master ports. @default 20001, 20002, 20003 */
  readonly jobMaster: { readonly rpc: number; readonly web: number; readonly embedded?: number };
  /** Worker ports. @default 29999, 30000 */
  readonly worker: { readonly rpc: number; readonly web: number };
  /** Job worker ports. @default 30001, 30002, 30003 */
  readonly jobWorker: { readonly rpc: number; readonly data: number; readonly web: number };
  /** REST port of the API gateway. @default - none: the gateway is off (39999 when on) */
  readonly apiGateway?: number;
}

/** Masters form an embedded-journal quorum when there is more than one. */
export function isHaMaster(spec: AlluxioRuntimeSpec): boolean {
  return (spec.master?.replicas ?? 0) > 1;
}

/** Fluid's default network is the host's; a component opts out with networkMode ContainerNetwork. */
export function isHostNetwork(mode: string | undefined): boolean {
  return mode !== 'ContainerNetwork';
}

/**
 * In host network a port comes from the runtime's property, else the component's `ports` entry, else (where
 * Fluid's controller would allocate a free host port) Alluxio's default.
 */
function hostPort(spec: AlluxioRuntimeSpec, property: string, fromPorts: number | undefined, fallback: number): number {
  const set = spec.properties?.[property];
  if (set !== undefined) return Number.parseInt(set, 10) || 0;
  return fromPorts ?? fallback;
}

function hostNetworkPorts(spec: AlluxioRuntimeSpec): AlluxioPorts {
  const port = (property: string, ports: Record<string, number> | undefined, key: string, fallback: number) =>
    hostPort(spec, property, ports?.[key], fallback);
  const { master, jobMaster, worker, jobWorker, apiGateway } = spec;
  const ha = isHaMaster(spec);
  return {
    master: {
      rpc: port('alluxio.master.rpc.port', master?.ports, 'rpc', PORTS.master.rpc),
      web: port('alluxio.master.web.port', master?.ports, 'web', PORTS.master.web),
      ...(ha ? { embedded: port('alluxio.master.embedded.journal.port', master?.ports, 'embeddedJournal', PORTS.master.embedded) } : {}),
    },
    jobMaster: {
      rpc: port('alluxio.job.master.rpc.port', jobMaster?.ports, 'rpc', PORTS.jobMaster.rpc),
      web: port('alluxio.job.master.web.port', jobMaster?.ports, 'web', PORTS.jobMaster.web),
      ...(ha ? { embedded: port('alluxio.job.master.embedded.journal.port', jobMaster?.ports, 'embeddedJournal', PORTS.jobMaster.embedded) } : {}),
    },
    worker: {
      rpc: port('alluxio.worker.rpc.port', worker?.ports, 'rpc', PORTS.worker.rpc),
      web: port('alluxio.worker.web.port', worker?.ports, 'web', PORTS.worker.web),
    },
    jobWorker: {
      rpc: port('alluxio.job.worker.rpc.port', jobWorker?.ports, 'rpc', PORTS.jobWorker.rpc),
      data: port('alluxio.job.worker.data.port', jobWorker?.ports, 'data', PORTS.jobWorker.data),
      web: port('alluxio.job.worker.web.port', jobWorker?.ports, 'web', PORTS.jobWorker.web),
    },
    ...(apiGateway?.enabled ? { apiGateway: port('alluxio.proxy.web.port', apiGateway.ports, 'web', PORTS.apiGateway.rest) } : {}),
  };
}

/** In container network Fluid uses Alluxio's fixed ports and ignores `ports` and port properties. */
function containerNetworkPorts(spec: AlluxioRuntimeSpec): AlluxioPorts {
  const ha = isHaMaster(spec);
  return {
    master: { rpc: PORTS.master.rpc, web: PORTS.master.web, ...(ha ? { embedded: PORTS.master.embedded } : {}) },
    jobMaster: { rpc: PORTS.jobMaster.rpc, web: PORTS.jobMaster.web, ...(ha ? { embedded: PORTS.jobMaster.embedded } : {}) },
    worker: { ...PORTS.worker },
    jobWorker: { ...PORTS.jobWorker },
    ...(spec.apiGateway?.enabled ? { apiGateway: PORTS.apiGateway.rest } : {}),
  };
}

/** Host network for either master or workers decides the port scheme for all (transform.go step 10). */
export function resolvePorts(spec: AlluxioRuntimeSpec): AlluxioPorts {
  const host = isHostNetwork(spec.master?.networkMode) || isHostNetwork(spec.worker?.networkMode);
  return host ? hostNetworkPorts(spec) : containerNetworkPorts(spec);
}

/** The port properties every Alluxio process reads, plus the embedded-journal quorum of HA masters. */
export function portProperties(ports: AlluxioPorts, runtimeName: string, masterReplicas: number): [string, string][] {
  const props: [string, number | undefined][] = [
    ['alluxio.master.rpc.port', ports.master.rpc],
    ['alluxio.master.web.port', ports.master.web],
    ['alluxio.worker.rpc.port', ports.worker.rpc],
    ['alluxio.worker.web.port', ports.worker.web],
    ['alluxio.job.master.rpc.port', ports.jobMaster.rpc],
    ['alluxio.job.master.web.port', ports.jobMaster.web],
    ['alluxio.job.worker.rpc.port', ports.jobWorker.rpc],
    ['alluxio.job.worker.web.port', ports.jobWorker.web],
    ['alluxio.job.worker.data.port', ports.jobWorker.data],
    ['alluxio.proxy.web.port', ports.apiGateway],
    ['alluxio.master.embedded.journal.port', ports.master.embedded],
    ['alluxio.job.master.embedded.journal.port', ports.jobMaster.embedded],
  ];
  const result = props.filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]);
  if (masterReplicas > 1) {
    const quorum = Array.from({ length: masterReplicas }, (_, i) => `${runtimeName}-master-${i}:${ports.master.embedded ?? PORTS.master.embedded}`);
    result.push(['alluxio.master.embedded.journal.addresses', quorum.join(',')]);
  }
  return result;
}
