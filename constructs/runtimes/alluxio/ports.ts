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
 * In host network a port comes from the runtime's property, else the component's `ports` entry, else the port the
 * operator allocated for it from its range (Fluid's controller does the same), else, when nothing is allocated
 * (rendering from files), Alluxio's default.
 */
function hostPort(spec: AlluxioRuntimeSpec, property: string, fromPorts: number | undefined, allocated: number | undefined, fallback: number): number {
  const set = spec.properties?.[property];
  if (set !== undefined) return Number.parseInt(set, 10) || 0;
  return fromPorts ?? allocated ?? fallback;
}

/** Each host port an Alluxio runtime may need: its allocation name, the property and `ports` entry that fix it, the default. */
interface PortSlot {
  readonly name: string;
  readonly property: string;
  readonly ports: (spec: AlluxioRuntimeSpec) => Record<string, number> | undefined;
  readonly key: string;
  readonly fallback: number;
  readonly when?: (spec: AlluxioRuntimeSpec) => boolean;
}

const SLOTS: readonly PortSlot[] = [
  { name: 'master-rpc', property: 'alluxio.master.rpc.port', ports: (s) => s.master?.ports, key: 'rpc', fallback: PORTS.master.rpc },
  { name: 'master-web', property: 'alluxio.master.web.port', ports: (s) => s.master?.ports, key: 'web', fallback: PORTS.master.web },
  { name: 'master-embedded', property: 'alluxio.master.embedded.journal.port', ports: (s) => s.master?.ports, key: 'embeddedJournal', fallback: PORTS.master.embedded, when: isHaMaster },
  { name: 'job-master-rpc', property: 'alluxio.job.master.rpc.port', ports: (s) => s.jobMaster?.ports, key: 'rpc', fallback: PORTS.jobMaster.rpc },
  { name: 'job-master-web', property: 'alluxio.job.master.web.port', ports: (s) => s.jobMaster?.ports, key: 'web', fallback: PORTS.jobMaster.web },
  { name: 'job-master-embedded', property: 'alluxio.job.master.embedded.journal.port', ports: (s) => s.jobMaster?.ports, key: 'embeddedJournal', fallback: PORTS.jobMaster.embedded, when: isHaMaster },
  { name: 'worker-rpc', property: 'alluxio.worker.rpc.port', ports: (s) => s.worker?.ports, key: 'rpc', fallback: PORTS.worker.rpc },
  { name: 'worker-web', property: 'alluxio.worker.web.port', ports: (s) => s.worker?.ports, key: 'web', fallback: PORTS.worker.web },
  { name: 'job-worker-rpc', property: 'alluxio.job.worker.rpc.port', ports: (s) => s.jobWorker?.ports, key: 'rpc', fallback: PORTS.jobWorker.rpc },
  { name: 'job-worker-data', property: 'alluxio.job.worker.data.port', ports: (s) => s.jobWorker?.ports, key: 'data', fallback: PORTS.jobWorker.data },
  { name: 'job-worker-web', property: 'alluxio.job.worker.web.port', ports: (s) => s.jobWorker?.ports, key: 'web', fallback: PORTS.jobWorker.web },
  { name: 'api-gateway', property: 'alluxio.proxy.web.port', ports: (s) => s.apiGateway?.ports, key: 'web', fallback: PORTS.apiGateway.rest, when: (s) => !!s.apiGateway?.enabled },
];

function usesHostNetwork(spec: AlluxioRuntimeSpec): boolean {
  return isHostNetwork(spec.master?.networkMode) || isHostNetwork(spec.worker?.networkMode);
}

/** The host ports the operator must allocate: in host network, those neither a property nor a `ports` entry fixes. */
export function alluxioHostPorts(spec: AlluxioRuntimeSpec): string[] {
  if (!usesHostNetwork(spec)) return [];
  return SLOTS.filter((slot) => (slot.when?.(spec) ?? true) && spec.properties?.[slot.property] === undefined && slot.ports(spec)?.[slot.key] === undefined)
    .map((slot) => slot.name);
}

function hostNetworkPorts(spec: AlluxioRuntimeSpec, allocated: Readonly<Record<string, number>>): AlluxioPorts {
  const port = (name: string): number => {
    const slot = SLOTS.find((s) => s.name === name)!;
    return hostPort(spec, slot.property, slot.ports(spec)?.[slot.key], allocated[name], slot.fallback);
  };
  const ha = isHaMaster(spec);
  return {
    master: { rpc: port('master-rpc'), web: port('master-web'), ...(ha ? { embedded: port('master-embedded') } : {}) },
    jobMaster: { rpc: port('job-master-rpc'), web: port('job-master-web'), ...(ha ? { embedded: port('job-master-embedded') } : {}) },
    worker: { rpc: port('worker-rpc'), web: port('worker-web') },
    jobWorker: { rpc: port('job-worker-rpc'), data: port('job-worker-data'), web: port('job-worker-web') },
    ...(spec.apiGateway?.enabled ? { apiGateway: port('api-gateway') } : {}),
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
export function resolvePorts(spec: AlluxioRuntimeSpec, allocated: Readonly<Record<string, number>> = {}): AlluxioPorts {
  return usesHostNetwork(spec) ? hostNetworkPorts(spec, allocated) : containerNetworkPorts(spec);
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
