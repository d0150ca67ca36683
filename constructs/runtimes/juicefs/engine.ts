// JuiceFSRuntime, rendered as Fluid's juicefs chart renders it: worker StatefulSet and fuse DaemonSet, each with its
// script ConfigMap, plus the `<name>-loader` account DataLoad uses. JuiceFS has no master: the metadata engine
// (community) or the JuiceFS console (enterprise) plays that part outside the cluster's runtime.
import { Construct } from 'constructs';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import { fluidKind } from '../../../crds/schema/kinds';
import { classicTieredStoreQuota } from '../cache-quota';
import { fuseHostPid } from '../fluid-switches';
import type { BuiltRuntime, RenderInput, RuntimeEngine } from '../runtime-engine';
import { checkJuiceFS } from './check';
import { juicefsDataLoad } from './data-load';
import { juicefsDataMigrate } from './data-migrate';
import { MOUNT_TYPE, RUNTIME_TYPE } from './defaults';
import { addFuse } from './fuse';
import { addLoaderRbac, LOADER_RBAC_PERMISSIONS } from './rbac';
import { juicefsHostPorts, juiceValues } from './values';
import { addWorkers } from './worker';
import { juicefsCacheClient } from './cache-client';

function build(scope: Construct, input: RenderInput<JuiceFSRuntimeSpec>): BuiltRuntime {
  const { spec } = input.runtime;
  const v = juiceValues(input);
  const ds = input.dataset.spec;
  const replicas = spec.replicas ?? 0;
  addLoaderRbac(scope, v);
  const workers = addWorkers(scope, v, spec, { replicas, datasetTolerations: ds.tolerations, datasetNodeAffinity: ds.nodeAffinity?.required });
  const fuse = addFuse(scope, v, spec, fuseHostPid(input.runtime.metadata.annotations));
  return {
    workers: { kind: 'StatefulSet', name: workers.name, replicas },
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: { fluidPath: v.mountPath, mountType: MOUNT_TYPE, fuseNodeSelector: spec.fuse?.nodeSelector },
    // pkg/ddc/juicefs/worker.go getWorkerSelectors, in the sorted form Kubernetes prints.
    statusSelector: `app=juicefs,release=${v.ds.name},role=juicefs-worker`,
  };
}

export const juicefsEngine: RuntimeEngine<JuiceFSRuntimeSpec> = {
  kind: 'JuiceFSRuntime',
  runtimeType: RUNTIME_TYPE,
  definition: fluidKind('JuiceFSRuntime'),
  permissions: LOADER_RBAC_PERMISSIONS,
  cacheQuota: classicTieredStoreQuota,
  cache: juicefsCacheClient,
  hostPorts: juicefsHostPorts,
  check: checkJuiceFS,
  build,
  operations: { DataLoad: juicefsDataLoad, DataMigrate: juicefsDataMigrate },
};
