import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Affinity, NodeSelector, PersistentVolumeClaim } from '../../crds/schema/k8s/core.generated';
import { PodTemplate } from './pod-template';
import { statefulSetObject } from './stateful-set-manifest';

export type Placement = 'Exclusive' | 'Shared';

/** Pod label every cache worker carries, so workers of different datasets can avoid each other. */
export const DATASET_LABEL = 'fluid.io/dataset';
export const PLACEMENT_LABEL = 'fluid.io/dataset-placement';
const HOSTNAME = 'kubernetes.io/hostname';

export interface CacheWorkerProps {
  /** Name of the StatefulSet, e.g. `<runtime>-worker`. */
  readonly name: string;
  /** Labels of the StatefulSet; fluid.io/dataset and fluid.io/dataset-placement are added. */
  readonly labels: Record<string, string>;
  /** Selector labels; immutable once applied, and added to the pod labels. */
  readonly selector: Record<string, string>;
  /** Number of cache workers (the runtime's spec.replicas). */
  readonly replicas: number;
  /**
   * Governing Service name of the StatefulSet. Fluid's charts name one but render none; `null` leaves it out
   * (CacheRuntime sets it only when the class asks for a headless Service). @default `name`
   */
  readonly serviceName?: string | null;
  /** Pods of the worker, with their tiered-store volumes already in place. */
  readonly template: PodTemplate;
  /** The dataset id (value of fluid.io/dataset). */
  readonly datasetId: string;
  /** Exclusive: one dataset's worker per node; Shared: workers of shared datasets may meet. @default 'Exclusive' */
  readonly placement?: Placement;
  /** Node label the CSI plugin puts where the dataset is used; workers prefer those nodes. */
  readonly fuseLabelKey: string;
  /** The Dataset's spec.nodeAffinity.required; becomes the workers' required node affinity. @default - none */
  readonly datasetNodeAffinity?: NodeSelector;
  /** Volume claim templates (JuiceFS). @default - none */
  readonly volumeClaimTemplates?: readonly PersistentVolumeClaim[];
  /** Fluid starts all workers at once. @default 'Parallel' */
  readonly podManagementPolicy?: 'Parallel' | 'OrderedReady';
  /** @default 'OnDelete' */
  readonly updateStrategy?: 'OnDelete' | 'RollingUpdate';
}

const datasetPresent = { labelSelector: { matchExpressions: [{ key: DATASET_LABEL, operator: 'Exists' }] }, topologyKey: HOSTNAME };

/**
 * Fluid's worker affinity (pkg/ctrl/affinity.go): keep away from other datasets' workers (required when Exclusive,
 * preferred when Shared, and never next to an Exclusive one), prefer nodes where the dataset is used, and obey the
 * Dataset's node affinity. Terms already in the template are kept.
 */
export function workerAffinity(props: CacheWorkerProps, existing: Affinity | undefined): Affinity {
  const exclusive = (props.placement ?? 'Exclusive') === 'Exclusive';
  const antiRequired = exclusive
    ? [datasetPresent]
    : [{ labelSelector: { matchExpressions: [{ key: PLACEMENT_LABEL, operator: 'In', values: ['Exclusive'] }] }, topologyKey: HOSTNAME }];
  const antiPreferred = exclusive ? [] : [{ weight: 50, podAffinityTerm: datasetPresent }];
  const podAntiAffinity: NonNullable<Affinity['podAntiAffinity']> = {
    ...existing?.podAntiAffinity,
    requiredDuringSchedulingIgnoredDuringExecution: [...(existing?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...antiRequired],
  };
  const preferred = [...(existing?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []), ...antiPreferred];
  if (preferred.length) podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution = preferred;

  const nodeAffinity: NonNullable<Affinity['nodeAffinity']> = {
    ...existing?.nodeAffinity,
    preferredDuringSchedulingIgnoredDuringExecution: [
      ...(existing?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []),
      { weight: 100, preference: { matchExpressions: [{ key: props.fuseLabelKey, operator: 'In', values: ['true'] }] } },
    ],
  };
  if (props.datasetNodeAffinity) nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = props.datasetNodeAffinity;
  return { ...existing, podAntiAffinity, nodeAffinity };
}

/** The cache workers: a StatefulSet placed by Fluid's worker affinity. */
export class CacheWorker extends Construct {
  readonly name: string;
  readonly placement: Placement;

  constructor(scope: Construct, id: string, props: CacheWorkerProps) {
    super(scope, id);
    this.name = props.name;
    this.placement = props.placement ?? 'Exclusive';
    const datasetLabels = { [DATASET_LABEL]: props.datasetId, [PLACEMENT_LABEL]: this.placement };
    const template: PodTemplate = {
      ...props.template,
      labels: { ...props.template.labels, ...datasetLabels },
      spec: { ...props.template.spec, affinity: workerAffinity(props, props.template.spec.affinity) },
    };
    new ApiObject(
      this,
      'StatefulSet',
      statefulSetObject({
        name: props.name,
        labels: { ...props.labels, ...datasetLabels },
        selector: props.selector,
        replicas: props.replicas,
        serviceName: props.serviceName === null ? undefined : (props.serviceName ?? props.name),
        podManagementPolicy: props.podManagementPolicy ?? 'Parallel',
        updateStrategy: props.updateStrategy ?? 'OnDelete',
        template,
        volumeClaimTemplates: props.volumeClaimTemplates,
      }),
    );
  }
}
