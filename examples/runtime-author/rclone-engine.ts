// A cache runtime written by a runtime author, outside constructs/: RcloneRuntime serves a Dataset from any storage
// rclone speaks (s3://, gcs://, sftp:// ...) through a fuse DaemonSet. It composes the shared components and
// registers with `--engine` (CLI) or `EngineRegistry.register` (code). Walkthrough: README, "Write a runtime".
import { Construct } from 'constructs';
import { z } from 'zod';
import { opt, stringMap, withDefault } from '../../crds/schema/fields';
import { ResourceRequirements } from '../../crds/schema/k8s/core.generated';
import { FuseDaemonSet } from '../../constructs/components/fuse-daemon-set';
import { libraryLabels, NO_SIDECAR } from '../../constructs/fluid-labels';
import { datasetId, fuseLabelKey, fuseMountPath, runtimeMountDir } from '../../constructs/object-names';
import { BuiltRuntime, datasetRefOf, EngineError, RenderInput, RuntimeEngine } from '../../constructs/runtimes/runtime-engine';

/** The spec users write; validated by `synth` and the operator like Fluid's own kinds. */
export const RcloneRuntimeSpec = z.strictObject({
  image: withDefault('rclone image.', z.string(), 'rclone/rclone'),
  imageTag: withDefault('rclone image tag.', z.string(), '1.68'),
  vfsCacheMode: withDefault('rclone --vfs-cache-mode: off, minimal, writes or full.', z.enum(['off', 'minimal', 'writes', 'full']), 'full'),
  options: opt('Extra rclone backend options, e.g. {region: eu-west-1}.', stringMap()),
  fuse: opt(
    'Fuse pod settings.',
    z.strictObject({ nodeSelector: opt('Nodes the fuse may run on.', stringMap()), resources: opt('Fuse container resources.', ResourceRequirements) }),
  ),
});
export type RcloneRuntimeSpec = z.infer<typeof RcloneRuntimeSpec>;

const REMOTE = 'DATA';
/** rclone reads a remote's settings from RCLONE_CONFIG_<REMOTE>_<KEY>, so secrets can come from secretKeyRef. */
const envName = (key: string) => `RCLONE_CONFIG_${REMOTE}_${key.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;

function check(input: RenderInput<RcloneRuntimeSpec>): EngineError[] {
  const mounts = input.dataset.spec.mounts ?? [];
  if (mounts.length !== 1) return [{ object: 'dataset', path: 'spec.mounts', message: `RcloneRuntime serves exactly one mount, got ${mounts.length}` }];
  return /^[a-z0-9]+:\/\/./.test(mounts[0].mountPoint)
    ? []
    : [{ object: 'dataset', path: 'spec.mounts[0].mountPoint', message: 'expected <rclone backend>://<path>, e.g. s3://bucket/prefix' }];
}

function build(scope: Construct, input: RenderInput<RcloneRuntimeSpec>): BuiltRuntime {
  const ds = datasetRefOf(input);
  const { spec } = input.runtime;
  const mount = input.dataset.spec.mounts![0];
  const [backend, path] = mount.mountPoint.split('://');
  const target = fuseMountPath(input.settings.mountRoot, 'rclone', 'rclone-fuse', ds);
  const readOnly = !(input.dataset.spec.accessModes ?? []).some((m) => m.startsWith('ReadWrite'));
  const options = { ...input.dataset.spec.sharedOptions, ...spec.options, ...mount.options };
  const secrets = [...(input.dataset.spec.sharedEncryptOptions ?? []), ...(mount.encryptOptions ?? [])];
  const env = [
    { name: envName('type'), value: backend },
    ...Object.entries(options).map(([k, v]) => ({ name: envName(k), value: v })),
    // Mounted by reference: the secret value never leaves its Secret.
    ...secrets.map((s) => ({ name: envName(s.name), valueFrom: { secretKeyRef: { name: s.valueFrom!.secretKeyRef!.name, key: s.valueFrom!.secretKeyRef!.key ?? s.name } } })),
  ];
  const selector = { app: 'rclone', release: ds.name, role: 'rclone-fuse' };
  const args = ['mount', `${REMOTE.toLowerCase()}:${path}`, target, '--allow-other', `--vfs-cache-mode=${spec.vfsCacheMode}`];
  const fuse = new FuseDaemonSet(scope, 'Fuse', {
    name: `${ds.name}-fuse`,
    labels: { ...selector, ...libraryLabels({ chartName: 'rclone', chartVersion: '0.1.0', release: ds.name, datasetId: datasetId(ds) }) },
    selector,
    fuseLabelKey: fuseLabelKey(ds),
    nodeSelector: spec.fuse?.nodeSelector,
    mountPoint: { volumeName: 'rclone-fuse-mount', hostPath: runtimeMountDir(input.settings.mountRoot, 'rclone', ds) },
    fuseDeviceVolume: 'rclone-fuse-device',
    template: {
      labels: { ...NO_SIDECAR },
      annotations: { ...NO_SIDECAR },
      spec: {
        hostNetwork: true,
        dnsPolicy: 'ClusterFirstWithHostNet',
        containers: [
          {
            name: 'rclone-fuse',
            image: `${spec.image}:${spec.imageTag}`,
            args: readOnly ? [...args, '--read-only'] : args,
            env: [{ name: 'RCLONE_CONFIG', value: '/dev/null' }, ...env],
            resources: spec.fuse?.resources,
            lifecycle: { preStop: { exec: { command: ['fusermount', '-u', target] } } },
          },
        ],
      },
    },
  });
  return {
    fuse: { kind: 'DaemonSet', name: fuse.name },
    volume: { fluidPath: target, mountType: 'fuse.rclone', fuseNodeSelector: spec.fuse?.nodeSelector },
  };
}

export const rcloneEngine: RuntimeEngine<RcloneRuntimeSpec> = { kind: 'RcloneRuntime', runtimeType: 'rclone', specSchema: RcloneRuntimeSpec, check, build };
