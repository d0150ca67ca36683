// The JuiceFS fuse: DaemonSet `<name>-fuse` running `<name>-fuse-script` (charts/juicefs/templates/fuse/daemonset.yaml)
// on the nodes the CSI plugin labels; it mounts at `<root>/juicefs/<ns>/<name>/juicefs-fuse`.
import { Construct } from 'constructs';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import type { EnvVar, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import type { PodTemplate } from '../../components/pod-template';
import { criticalFusePod } from '../fluid-switches';
import { withMemoryRequest } from '../memory-tier';
import { cacheVolumes } from './cache-volumes';
import { fuseOptions, fuseScript } from './commands';
import { RUNTIME_TYPE } from './defaults';
import { componentLabels, names, selectorOf } from './labels';
import * as parts from './pod-parts';
import type { JuiceValues } from './values';

/**
 * With cleanPolicy OnFuseChanged the fuse sees its own labels at `<root>/juicefs/<ns>/<name>/.meta/fuse/labels`, so it
 * can tell when it is outdated (transform_volume.go transformFuseDownwardAPIVolumes, pkg/utils/metadata.go).
 */
function labelsFile(v: JuiceValues, spec: JuiceFSRuntimeSpec): { volumes: Volume[]; mounts: VolumeMount[] } {
  if (spec.fuse?.cleanPolicy !== 'OnFuseChanged') return { volumes: [], mounts: [] };
  const name = 'fuse-labels-downward-api-volume';
  return {
    volumes: [{ name, downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }], defaultMode: 0o755 } }],
    mounts: [{ name, readOnly: true, mountPath: `${v.hostMountDir}/.meta/fuse` }],
  };
}

/** A memory tier sits in the fuse's memory unless fuse options set cache-size (transformResourcesForFuse). */
function fuseResources(v: JuiceValues, spec: JuiceFSRuntimeSpec) {
  return withMemoryRequest(spec.fuse?.resources, spec.fuse?.options?.['cache-size'] ? undefined : v.memoryTier);
}

const identityEnv = (v: JuiceValues): EnvVar[] => [
  { name: 'FLUID_RUNTIME_TYPE', value: RUNTIME_TYPE },
  { name: 'FLUID_RUNTIME_NS', value: v.ds.namespace },
  { name: 'FLUID_RUNTIME_NAME', value: v.ds.name },
];

export function fuseTemplate(v: JuiceValues, spec: JuiceFSRuntimeSpec, hostPid: boolean): PodTemplate {
  const meta = parts.podMetadata(spec, 'fuse');
  const own: readonly VolumeMount[] = spec.fuse?.volumeMounts ?? [];
  const cache = cacheVolumes(fuseOptions(v, spec)['cache-dir'], v.level, own);
  const labelParts = labelsFile(v, spec);
  const resources = fuseResources(v, spec);
  return {
    // The chart starts every fuse pod at generation 1; Fluid's CSI plugin compares it on OnFuseChanged.
    labels: { 'fuse.runtime.fluid.io/generation': '1', ...componentLabels(v, 'juicefs-fuse'), ...meta.labels },
    annotations: meta.annotations,
    spec: {
      ...parts.pullSecretParts(v),
      ...parts.networkParts(v.fuseHostNetwork),
      ...(hostPid ? { hostPID: true } : {}),
      enableServiceLinks: false,
      containers: [
        {
          ...parts.scriptContainer('juicefs-fuse', v.fuseImage, v, v.fuseMetricsPort),
          ...(resources ? { resources } : {}),
          env: [...parts.containerEnv(v, spec.fuse?.env), ...identityEnv(v)],
          volumeMounts: [parts.SCRIPT_MOUNT, ...own, ...cache.mounts, ...labelParts.mounts],
        },
      ],
      volumes: [parts.scriptVolume(names.fuseScript(v)), ...parts.userVolumes(spec, own), ...cache.volumes, ...labelParts.volumes],
    },
  };
}

export function addFuse(scope: Construct, v: JuiceValues, spec: JuiceFSRuntimeSpec, hostPid: boolean): FuseDaemonSet {
  parts.addScript(scope, v, 'juicefs-fuse', fuseScript(v, spec));
  return new FuseDaemonSet(scope, 'Fuse', {
    name: names.fuse(v),
    labels: componentLabels(v, 'juicefs-fuse'),
    selector: selectorOf(v, 'juicefs-fuse'),
    template: fuseTemplate(v, spec, hostPid),
    fuseLabelKey: v.fuseLabelKey,
    nodeSelector: spec.fuse?.nodeSelector,
    mountPoint: { volumeName: 'juicefs-fuse-mount', hostPath: v.hostMountDir },
    priorityClassName: criticalFusePod(v.env) ? 'system-node-critical' : null,
  });
}
