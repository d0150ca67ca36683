// JindoRuntime, rendered as Fluid's default Jindo engine (jindocache) renders it: config ConfigMaps, master
// StatefulSet + per-pod Services, worker StatefulSet and fuse DaemonSet. Master and worker both disabled is Fluid's
// fuse-only mode: the fuse reads the storage itself and no master or worker objects exist.
import { Construct } from 'constructs';
import type { JindoRuntimeSpec } from '../../../crds/schema/jindo-runtime';
import { fluidKind } from '../../../crds/schema/kinds';
import { classicTieredStoreQuota } from '../cache-quota';
import type { BuiltRuntime, RenderInput, RuntimeEngine } from '../runtime-engine';
import { selectorText } from '../../fluid-labels';
import { fuseHostPid } from '../fluid-switches';
import { checkJindo } from './check';
import { addConfigMaps } from './config';
import { jindoDataLoad } from './data-load';
import { MOUNT_TYPE, NODE_LABEL_TYPE, RUNTIME_TYPE } from './defaults';
import { addFuse } from './fuse';
import { workerSelector } from './labels';
import { addMaster } from './master';
import { jindoHostPorts, jindoValues } from './values';
import { addWorkers } from './worker';
import { jindoCacheClient } from './cache-client';

function build(scope: Construct, input: RenderInput<JindoRuntimeSpec>): BuiltRuntime {
  const { spec } = input.runtime;
  const v = jindoValues(input);
  const ds = input.dataset.spec;
  addConfigMaps(scope, v);
  const master = v.masterEnabled ? addMaster(scope, v, spec, ds.tolerations) : undefined;
  const replicas = spec.replicas ?? 0;
  const workers = v.workerEnabled
    ? addWorkers(scope, v, spec, { replicas, datasetTolerations: ds.tolerations, datasetNodeAffinity: ds.nodeAffinity?.required })
    : undefined;
  const fuse = addFuse(scope, v, spec, fuseHostPid(input.runtime.metadata.annotations));
  return {
    ...(master ? { master: { kind: 'StatefulSet', name: master.name, replicas: master.replicas } } : {}),
    ...(workers ? { workers: { kind: 'StatefulSet', name: workers.name, replicas } } : {}),
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: { fluidPath: v.fluidPath, mountType: MOUNT_TYPE, fuseNodeSelector: spec.fuse?.nodeSelector },
    // The worker pods' labels. Fluid writes app=jindo,role=jindo-worker (worker.go), which no pod carries.
    ...(workers ? { statusSelector: selectorText(workerSelector(v)) } : {}),
  };
}

export const jindoEngine: RuntimeEngine<JindoRuntimeSpec> = {
  kind: 'JindoRuntime',
  runtimeType: RUNTIME_TYPE,
  nodeLabelType: NODE_LABEL_TYPE,
  definition: fluidKind('JindoRuntime'),
  cacheQuota: classicTieredStoreQuota,
  cache: jindoCacheClient,
  hostPorts: (input) => jindoHostPorts(input.runtime.spec),
  check: checkJindo,
  build,
  operations: { DataLoad: jindoDataLoad },
};
