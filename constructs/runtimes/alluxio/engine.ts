// AlluxioRuntime: what Fluid's `alluxio` chart renders from the values its Alluxio engine computes
// (charts/alluxio, pkg/ddc/alluxio), as constructs. Fluid's "configmap" mount mode is the only one: the master
// mounts the Dataset's sources itself, reading Secret-backed options from mounted files.
import type { Construct } from 'constructs';
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import { fluidKind } from '../../../crds/schema/kinds';
import { classicTieredStoreQuota } from '../cache-quota';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import type { BuiltRuntime, RenderInput, RuntimeEngine } from '../runtime-engine';
import { checkAlluxio } from './check';
import { configData } from './config';
import { alluxioDataBackup } from './data-backup';
import { alluxioDataLoad } from './data-load';
import { MOUNT_TYPE, RUNTIME_TYPE } from './defaults';
import { addFuse } from './fuse';
import { configMapLabels } from './labels';
import { addMaster } from './master';
import { mountConfigData } from './mount-config';
import { configMapName } from './pod-parts';
import { resolveValues } from './values';
import { alluxioHostPorts } from './ports';
import { addWorker } from './worker';
import { alluxioCacheClient } from './cache-client';

function build(scope: Construct, input: RenderInput<AlluxioRuntimeSpec>): BuiltRuntime {
  const v = resolveValues(input);
  const config = configMapName(v);
  const mountConfig = `${v.id.release}-mount-config`;
  new RuntimeConfigMap(scope, 'Config', { name: config, labels: configMapLabels(v.id, config), data: configData(v) });
  new RuntimeConfigMap(scope, 'MountConfig', { name: mountConfig, labels: configMapLabels(v.id, mountConfig), data: mountConfigData(v) });
  const master = addMaster(scope, v);
  const workers = addWorker(scope, v);
  const fuse = addFuse(scope, v);
  return {
    master: { kind: 'StatefulSet', name: master.name, replicas: master.replicas },
    workers: { kind: 'StatefulSet', name: workers.name, replicas: v.spec.replicas ?? 0 },
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: { fluidPath: v.fuseMountPath, mountType: MOUNT_TYPE, fuseNodeSelector: v.spec.fuse?.nodeSelector },
    statusSelector: `app=${v.id.chartName},release=${v.id.release},role=alluxio-worker`,
  };
}

export const alluxioEngine: RuntimeEngine<AlluxioRuntimeSpec> = {
  kind: 'AlluxioRuntime',
  runtimeType: RUNTIME_TYPE,
  definition: fluidKind('AlluxioRuntime'),
  cacheQuota: classicTieredStoreQuota,
  cache: alluxioCacheClient,
  hostPorts: (input) => alluxioHostPorts(input.runtime.spec),
  check: checkAlluxio,
  build,
  operations: { DataLoad: alluxioDataLoad, DataBackup: alluxioDataBackup },
};
