// CacheRuntimeClass (api/v1alpha1/cacheruntimeclass_types.go): a cache system's topology, written once by a
// runtime author and used by CacheRuntimes. Cluster-scoped; its fields are top-level (no spec).
// Both component layouts are accepted: Fluid's (`template`, `dependencies.secretMount`) and the CacheRuntime
// guide's (`workloadType`, `podTemplateSpec`, `dependencies.encryptOption`).
import { z } from 'zod';
import { int32, opt, req, stringMap } from './fields';
import { OperationKind } from './common/operation';
import { PodTemplateSpec } from './k8s/core.generated';

const ExecutionEntry = z.strictObject({
  command: req('Command run in the component pod.', z.array(z.string())),
  timeout: opt('Timeout in seconds; at least 20 is used.', int32()),
});

/** The workload kinds a component may name; Fluid's AdvancedStatefulSet needs a controller we do not ship. */
export const WorkloadKind = z.enum(['StatefulSet', 'DaemonSet', 'Deployment']);

export const RuntimeComponentDefinition = z.strictObject({
  workloadType: opt(
    'Workload that runs the component (default StatefulSet for master and worker, DaemonSet for client).',
    z.strictObject({
      apiVersion: opt('API version of the workload; only apps/v1.', z.literal('apps/v1')),
      kind: req('StatefulSet, DaemonSet or Deployment.', WorkloadKind),
    }),
  ),
  options: opt('Default options of the component; the runtime overrides them.', stringMap()),
  template: opt('Pod template of the component; container[0] is the one Fluid edits.', PodTemplateSpec),
  podTemplateSpec: opt('Pod template of the component (CacheRuntime guide spelling of template).', PodTemplateSpec),
  service: opt(
    'Service of the component.',
    z.strictObject({ headless: opt('Create a headless Service svc-<name>-<component>.', z.strictObject({})) }),
  ),
  dependencies: opt(
    'What Fluid provides to the component.',
    z.strictObject({
      secretMount: opt(
        'Mount the Secrets of the Dataset encryptOptions.',
        z.strictObject({ enabled: opt('Default true for master and worker, false for client.', z.boolean()) }),
      ),
      encryptOption: opt('Mount the Secrets of the Dataset encryptOptions (guide spelling of secretMount).', z.strictObject({})),
      extraResources: opt(
        'Extra ConfigMaps of the class mounted into the component.',
        z.strictObject({
          configMaps: opt(
            'ConfigMaps to mount.',
            z.array(
              z.strictObject({
                name: opt('Name of a ConfigMap declared in extraResources.', z.string()),
                mountPath: opt('Where it is mounted.', z.string()),
              }),
            ),
          ),
        }),
      ),
    }),
  ),
  executionEntries: opt(
    'Commands Fluid runs inside the component.',
    z.strictObject({
      mountUFS: opt('Mounts the data sources; prints {"mounted": [paths]}.', ExecutionEntry),
      reportSummary: opt('Prints cache figures as JSON.', ExecutionEntry),
    }),
  ),
});
export type RuntimeComponentDefinition = z.infer<typeof RuntimeComponentDefinition>;

/** The top-level fields of a CacheRuntimeClass (everything but apiVersion, kind and metadata). */
export const CacheRuntimeClassFields = z.strictObject({
  fileSystemType: req('File system type, used to check that a mount is ready.', z.string()),
  topology: opt(
    'Components of the cache system; at least one must be set.',
    z.strictObject({
      master: opt('Master component.', RuntimeComponentDefinition),
      worker: opt('Worker component.', RuntimeComponentDefinition),
      client: opt('Client (fuse) component.', RuntimeComponentDefinition),
    }),
  ),
  extraResources: opt(
    'Objects created in the runtime namespace.',
    z.strictObject({
      configMaps: opt(
        'ConfigMaps created with exactly this name and data.',
        z.array(z.strictObject({ name: opt('ConfigMap name.', z.string()), data: opt('ConfigMap data.', stringMap()) })),
      ),
    }),
  ),
  dataOperationSpecs: opt(
    'Container of each data operation the class supports.',
    z.array(
      z.strictObject({
        name: req('DataLoad, DataBackup, DataMigrate or DataProcess.', OperationKind),
        image: opt('Image; defaults to the worker image.', z.string()),
        command: opt('Command of the operation container.', z.array(z.string())),
        args: opt('Arguments of the operation container.', z.array(z.string())),
      }),
    ),
  ),
});
export type CacheRuntimeClassFields = z.infer<typeof CacheRuntimeClassFields>;
