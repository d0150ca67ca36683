// One CacheRuntime component as Kubernetes objects: its workload of the kind the class names, and its headless
// Service. Worker StatefulSets and client DaemonSets use the shared components, so Fluid's worker placement and
// fuse mount come from one place; other kinds get the same pod changes here.
import type { Construct } from 'constructs';
import type { CacheRuntimeSpec } from '../../../crds/schema/cache-runtime';
import type { Affinity, NodeSelector } from '../../../crds/schema/k8s/core.generated';
import { CacheWorker, CacheWorkerProps, DATASET_LABEL, PLACEMENT_LABEL, workerAffinity } from '../../components/cache-worker';
import { FuseDaemonSet } from '../../components/fuse-daemon-set';
import { HeadlessService } from '../../components/headless-service';
import type { PodTemplate } from '../../components/pod-template';
import { datasetId, fuseLabelKey } from '../../object-names';
import { datasetRefOf, RenderInput, WorkloadRef } from '../runtime-engine';
import { ComponentWorkload } from './component-workload';
import { cacheClientHostDir, componentLabels, FUSE_MOUNT_VOLUME } from './names';
import type { CacheComponent } from './topology';

type Input = RenderInput<CacheRuntimeSpec>;

/**
 * The Dataset's required node affinity, combined with the template's as Fluid does: every template term AND every
 * Dataset term, (A or B) x (C or D) (pkg/ddc/cache/engine/transform_worker.go buildWorkerAffinity).
 */
export function combinedNodeAffinity(template: Affinity | undefined, dataset: NodeSelector | undefined): NodeSelector | undefined {
  const datasetTerms = dataset?.nodeSelectorTerms ?? [];
  if (!datasetTerms.length) return undefined;
  const existing = template?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!existing) return dataset;
  const nodeSelectorTerms = existing.flatMap((t) =>
    datasetTerms.map((d) => ({ ...t, matchExpressions: [...(t.matchExpressions ?? []), ...(d.matchExpressions ?? [])] })),
  );
  return { nodeSelectorTerms };
}

function workerProps(component: CacheComponent, template: PodTemplate, input: Input): CacheWorkerProps {
  const ds = datasetRefOf(input);
  const selector = componentLabels(input.runtime.metadata.name, component.type);
  return {
    name: component.name,
    labels: selector,
    selector,
    replicas: component.replicas,
    serviceName: component.serviceName ?? null,
    template,
    datasetId: datasetId(ds),
    placement: input.dataset.spec.placement === 'Shared' ? 'Shared' : 'Exclusive',
    fuseLabelKey: fuseLabelKey(ds),
    datasetNodeAffinity: combinedNodeAffinity(template.spec.affinity, input.dataset.spec.nodeAffinity?.required),
    // Fluid's AdvancedStatefulSet rolls pods (in place when it can); apps/v1 rolls them by recreation.
    updateStrategy: 'RollingUpdate',
  };
}

/** A worker run as a DaemonSet or Deployment still carries the dataset labels and Fluid's placement. */
function placedWorker(props: CacheWorkerProps): PodTemplate {
  const labels = { ...props.template.labels, [DATASET_LABEL]: props.datasetId, [PLACEMENT_LABEL]: props.placement ?? 'Exclusive' };
  return { ...props.template, labels, spec: { ...props.template.spec, affinity: workerAffinity(props, props.template.spec.affinity) } };
}

/** A client that is not a DaemonSet still mounts into the host folder the PV points at, on the dataset's nodes. */
function mountingClient(template: PodTemplate, input: Input): PodTemplate {
  const ds = datasetRefOf(input);
  const path = cacheClientHostDir(input.settings.mountRoot, ds);
  const [main, ...rest] = template.spec.containers;
  const volumeMounts = [...(main.volumeMounts ?? []), { name: FUSE_MOUNT_VOLUME, mountPath: path, mountPropagation: 'Bidirectional' }];
  // Kubernetes accepts Bidirectional propagation only in a privileged container.
  const client = { ...main, securityContext: { ...main.securityContext, privileged: true }, volumeMounts };
  const spec = {
    ...template.spec,
    containers: [client, ...rest],
    volumes: [...(template.spec.volumes ?? []), { name: FUSE_MOUNT_VOLUME, hostPath: { path, type: 'DirectoryOrCreate' } }],
    nodeSelector: { ...template.spec.nodeSelector, [fuseLabelKey(ds)]: 'true' },
  };
  return { ...template, spec };
}

/**
 * Fluid's CacheRuntime client DaemonSet has no catch-all toleration and no priority class. Fluid creates it once and
 * never updates it (daemonset_manager.go refuses spec syncs), so running mounts are never cut; we apply updates, and
 * keep FuseDaemonSet's OnDelete strategy so a changed template reaches a node only when its client pod is replaced.
 */
function addClientDaemonSet(scope: Construct, component: CacheComponent, template: PodTemplate, input: Input): void {
  const ds = datasetRefOf(input);
  const selector = componentLabels(input.runtime.metadata.name, component.type);
  new FuseDaemonSet(scope, component.type, {
    name: component.name,
    labels: selector,
    selector,
    template,
    fuseLabelKey: fuseLabelKey(ds),
    nodeSelector: template.spec.nodeSelector,
    mountPoint: { volumeName: FUSE_MOUNT_VOLUME, hostPath: cacheClientHostDir(input.settings.mountRoot, ds) },
    tolerateAllTaints: false,
    priorityClassName: null,
  });
}

/** Any other kind/component pair, with the worker placement or client mount its shared component would add. */
function addPlainWorkload(scope: Construct, component: CacheComponent, template: PodTemplate, input: Input): void {
  const selector = componentLabels(input.runtime.metadata.name, component.type);
  let pods = template;
  if (component.type === 'worker') pods = placedWorker(workerProps(component, template, input));
  if (component.type === 'client') pods = mountingClient(template, input);
  new ComponentWorkload(scope, component.type, {
    kind: component.kind,
    name: component.name,
    labels: selector,
    selector,
    template: pods,
    replicas: component.replicas,
    serviceName: component.serviceName,
  });
}

function addWorkload(scope: Construct, component: CacheComponent, template: PodTemplate, input: Input): void {
  if (component.type === 'worker' && component.kind === 'StatefulSet') {
    new CacheWorker(scope, component.type, workerProps(component, template, input));
  } else if (component.type === 'client' && component.kind === 'DaemonSet') {
    addClientDaemonSet(scope, component, template, input);
  } else {
    addPlainWorkload(scope, component, template, input);
  }
}

/** The component's workload and, when the class asks for one, its headless Service `svc-<name>-<component>`. */
export function addComponent(scope: Construct, component: CacheComponent, template: PodTemplate, input: Input): WorkloadRef {
  addWorkload(scope, component, template, input);
  if (component.serviceName) {
    const selector = componentLabels(input.runtime.metadata.name, component.type);
    // Peers find each other through this Service while they start, before they are ready (component/service.go).
    new HeadlessService(scope, `${component.type}-service`, { name: component.serviceName, labels: selector, selector, publishNotReadyAddresses: true });
  }
  const replicas = component.kind === 'DaemonSet' ? undefined : component.replicas;
  return { kind: component.kind, name: component.name, replicas };
}
