// The SeaweedFS examples running on a real node, as `demo --real` and `bench:data` start them: Fluid installed as
// users install it, the UFS bucket holding the given objects, and the examples' Datasets and runtimes applied and
// Bound. The e2e test (test/e2e/data-path.test.ts) takes the same steps one by one, to time and check each.
import type * as k8s from '@kubernetes/client-node';
import type { AppliedObject } from '../../operator/kube/server-side-apply';
import { done, notYet, waitFor } from '../../operator/kube/wait';
import { applyObject, getObject } from '../apply-object';
import { FluidOnRealNode, installFluidOnRealNode } from '../real-node/fluid-install';
import { SeaweedfsExampleFile, seaweedfsExampleObjects } from './example-objects';
import { UfsBucket } from './ufs-bucket';

/** The cache's master, workers and client start one after another, each in seconds once its image is on the node. */
const BOUND_DEADLINE_MS = 180_000;

export interface BucketObject {
  /** May hold slashes (sub/nested.txt). */
  readonly key: string;
  readonly data: Buffer | string;
}

export interface ExampleDeploymentProps {
  /** The cluster folder (LocalCluster.dir). */
  readonly clusterDir: string;
  /** The real node's name. */
  readonly node: string;
  /** The cluster's shared mount root (LocalCluster.mountRoot). */
  readonly mountRoot: string;
  /** Where the UFS and the examples go (created beforehand, or `default`). */
  readonly namespace: string;
  readonly bucket: readonly BucketObject[];
  /** Which runtime examples to apply; their DataLoads are left out, for the caller to apply when it wants. */
  readonly examples: readonly Exclude<SeaweedfsExampleFile, 'ufs'>[];
  readonly fieldManager: string;
  /** @default nothing */
  readonly progress?: (line: string) => void;
}

export interface ExampleDeployment {
  readonly fluid: FluidOnRealNode;
  readonly ufs: UfsBucket;
  /** Every object of the applied examples, their DataLoads included (not applied). */
  readonly objects: readonly AppliedObject[];
  /** The Datasets applied, each Bound. */
  readonly datasets: readonly string[];
}

export async function deploySeaweedfsExample(kc: k8s.KubeConfig, props: ExampleDeploymentProps): Promise<ExampleDeployment> {
  const progress = props.progress ?? (() => undefined);
  progress('Installing the operator and the CSI plugin (the output of `fluid-cdk8s install`)');
  const fluid = await installFluidOnRealNode(kc, { clusterDir: props.clusterDir, node: props.node, mountRoot: props.mountRoot });
  progress('Starting the UFS (a SeaweedFS S3 gateway) and filling its bucket');
  const ufs = await UfsBucket.deploy(kc, props.namespace, props.fieldManager);
  for (const object of props.bucket) await ufs.put(object.key, object.data);
  const objects = props.examples.flatMap((file) => seaweedfsExampleObjects(file, { namespace: props.namespace, ufsAddress: ufs.address }));
  for (const obj of objects.filter((o) => o.kind !== 'DataLoad')) {
    progress(`Applying ${obj.kind} ${obj.metadata.name}`);
    await applyObject(kc, obj, props.fieldManager);
  }
  const datasets = objects.filter((o) => o.kind === 'Dataset').map((o) => o.metadata.name);
  await waitDatasetsBound(kc, props.namespace, datasets, progress);
  return { fluid, ufs, objects, datasets };
}

/** Waits until every Dataset is Bound and its PVC too, reporting each phase change. */
export async function waitDatasetsBound(kc: k8s.KubeConfig, namespace: string, datasets: readonly string[], progress: (line: string) => void): Promise<void> {
  const seen = new Map<string, string>();
  await waitFor(`Datasets ${datasets.join(', ')} to be Bound with their PVCs`, BOUND_DEADLINE_MS, async () => {
    const states = await Promise.all(datasets.map(async (name) => {
      const phase: string = (await getObject(kc, 'Dataset', name, namespace))?.status?.phase || '(none)';
      const pvc: string = (await getObject(kc, 'PersistentVolumeClaim', name, namespace))?.status?.phase ?? 'absent';
      return { name, state: `${phase}, PVC ${pvc}` };
    }));
    for (const { name, state } of states) {
      if (seen.get(name) !== state) progress(`Dataset ${name}: ${state}`);
      seen.set(name, state);
    }
    return states.every((s) => s.state === 'Bound, PVC Bound') ? done(true) : notYet(states.map((s) => `${s.name}: ${s.state}`).join('; '));
  }, { intervalMs: 250 });
}
