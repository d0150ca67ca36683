// EFCRuntime, rendered as Fluid's efc chart renders it: a master and a fuse that mount a NAS or CPFS file system,
// and workers that give the fuse clients a distributed cache, found through the worker-endpoints ConfigMap. Fluid
// runs only DataProcess against an EFC runtime and reads no cache figures from it (pkg/ddc/efc/operate.go, cache.go).
import { Construct } from 'constructs';
import type { EFCRuntimeSpec } from '../../../crds/schema/efc-runtime';
import { fluidKind } from '../../../crds/schema/kinds';
import { selectorText } from '../../fluid-labels';
import { classicTieredStoreQuota } from '../cache-quota';
import type { BuiltRuntime, RenderInput, RuntimeEngine } from '../runtime-engine';
import { checkEfc } from './check';
import { MOUNT_TYPE, RUNTIME_TYPE, SESSMGR_ATTRIBUTE } from './defaults';
import { addEndpoints, observeWorkers } from './endpoints';
import { addFuse } from './fuse';
import { selectorOf } from './labels';
import { addMaster } from './master';
import { EfcSessionManager, sessionManagerProps } from './session-manager';
import { efcHostPorts, efcValues } from './values';
import { addWorkers } from './worker';

function build(scope: Construct, input: RenderInput<EFCRuntimeSpec>): BuiltRuntime {
  const { spec } = input.runtime;
  const v = efcValues(input);
  const replicas = v.workerEnabled ? (spec.replicas ?? 0) : 0;
  addEndpoints(scope, v, input.observed);
  const master = addMaster(scope, v, spec);
  const workers = addWorkers(scope, v, spec, { replicas, datasetNodeAffinity: input.dataset.spec.nodeAffinity?.required });
  const fuse = addFuse(scope, v, spec);
  return {
    master: { kind: 'StatefulSet', name: master.name, replicas: master.replicas },
    workers: { kind: 'StatefulSet', name: workers.name, replicas },
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: {
      fluidPath: v.fusePath,
      mountType: MOUNT_TYPE,
      fuseNodeSelector: spec.fuse?.nodeSelector,
      // EFC writes its PV itself (create_volume.go): the session manager's folder, and none of the generic extras.
      attributes: { [SESSMGR_ATTRIBUTE]: v.sessMgrWorkDir },
    },
    statusSelector: selectorText(selectorOf(v, 'efc-worker')),
  };
}

export const efcEngine: RuntimeEngine<EFCRuntimeSpec> = {
  kind: 'EFCRuntime',
  runtimeType: RUNTIME_TYPE,
  definition: fluidKind('EFCRuntime'),
  cacheQuota: classicTieredStoreQuota,
  hostPorts: efcHostPorts,
  observe: observeWorkers,
  check: checkEfc,
  build,
  // DataProcess needs nothing from the engine; Fluid refuses every other operation on EFC (operate.go).
  operations: {},
  installObjects: (scope, settings) => {
    new EfcSessionManager(scope, 'EfcSessionManager', sessionManagerProps(settings));
  },
};
