// VineyardRuntime, rendered as Fluid's vineyard chart renders it: an etcd master, vineyardd workers, and a client
// DaemonSet that publishes the vineyard socket where pods mount the Dataset's PVC. Vineyard caches objects that
// applications put there, not a remote store, so its Dataset needs no mounts.
import { Construct } from 'constructs';
import { fluidKind } from '../../../crds/schema/kinds';
import type { VineyardRuntimeSpec } from '../../../crds/schema/vineyard-runtime';
import { selectorText } from '../../fluid-labels';
import { classicTieredStoreQuota } from '../cache-quota';
import { fuseHostPid } from '../fluid-switches';
import type { BuiltRuntime, RenderInput, RuntimeEngine } from '../runtime-engine';
import { checkVineyard } from './check';
import { MOUNT_TYPE, RUNTIME_TYPE } from './defaults';
import { addFuse } from './fuse';
import { selectorOf } from './labels';
import { addMaster } from './master';
import { vineyardHostPorts, vineyardValues } from './values';
import { addWorkers } from './worker';

/** Pods reach the socket through a symlink to the client's folder, not a bind mount (runtime_info.go getRuntimeInfo). */
const SYMLINK_PUBLISH = { labels: { 'fluid.io/node-publish-method': 'symlink' } };

function build(scope: Construct, input: RenderInput<VineyardRuntimeSpec>): BuiltRuntime {
  const { spec } = input.runtime;
  const v = vineyardValues(input);
  const replicas = spec.replicas ?? 0;
  const master = addMaster(scope, v, spec);
  const workers = addWorkers(scope, v, spec, { replicas, datasetNodeAffinity: input.dataset.spec.nodeAffinity?.required });
  const fuse = addFuse(scope, v, spec, { replicas, hostPid: fuseHostPid(input.runtime.metadata.annotations) });
  return {
    master: { kind: 'StatefulSet', name: master.name, replicas: master.replicas },
    workers: { kind: 'StatefulSet', name: workers.name, replicas },
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: { fluidPath: v.fusePath, mountType: MOUNT_TYPE, metadata: { pv: SYMLINK_PUBLISH } },
    statusSelector: selectorText(selectorOf(v, 'vineyard-worker')),
  };
}

export const vineyardEngine: RuntimeEngine<VineyardRuntimeSpec> = {
  kind: 'VineyardRuntime',
  runtimeType: RUNTIME_TYPE,
  definition: fluidKind('VineyardRuntime'),
  cacheQuota: classicTieredStoreQuota,
  hostPorts: vineyardHostPorts,
  check: checkVineyard,
  build,
  // Fluid runs only DataProcess against a Vineyard runtime (pkg/ddc/vineyard/operator.go), which needs nothing here.
  operations: {},
};
