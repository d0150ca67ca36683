// An application pod on the real node that reads a Dataset through its PVC, as users write one: the claim mounted
// with HostToContainer propagation, which Fluid's fuse recovery asks of applications (a fuse remounted after a crash
// reaches the running container only so).
import type * as k8s from '@kubernetes/client-node';
import { kubeRequest } from '../../operator/kube/kube-request';
import type { AppliedObject } from '../../operator/kube/server-side-apply';
import { done, notYet, waitFor } from '../../operator/kube/wait';
import { applyObject, deleteObject, getObject } from '../apply-object';
import { REAL_NODE_LABEL } from '../real-node/kubelet-config';

export interface ReaderMount {
  /** Where the container sees the volume. */
  readonly mountPath: string;
  /** A folder of the volume instead of its root (the kubelet's subPath). @default - the whole volume */
  readonly subPath?: string;
}

export interface ReaderPodProps {
  readonly name: string;
  readonly namespace: string;
  /** The Dataset's PVC (named after the Dataset). */
  readonly claim: string;
  /** An image on the node with a shell. */
  readonly image: string;
  /** Run by `sh -c`; the pod ends when it does (restartPolicy Never). */
  readonly script: string;
  /** @default [{ mountPath: '/data' }] */
  readonly mounts?: readonly ReaderMount[];
}

export function readerPod(props: ReaderPodProps): AppliedObject {
  const mounts = props.mounts ?? [{ mountPath: '/data' }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: props.name, namespace: props.namespace },
    spec: {
      nodeSelector: { [REAL_NODE_LABEL]: 'true' },
      tolerations: [{ key: REAL_NODE_LABEL, operator: 'Exists' }],
      restartPolicy: 'Never',
      terminationGracePeriodSeconds: 0,
      containers: [{
        name: 'reader',
        image: props.image,
        imagePullPolicy: 'IfNotPresent',
        command: ['sh', '-c', props.script],
        volumeMounts: mounts.map((m) => ({ name: 'data', mountPath: m.mountPath, mountPropagation: 'HostToContainer', ...(m.subPath ? { subPath: m.subPath } : {}) })),
      }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: props.claim } }],
    },
  };
}

/** Creates the pod and waits until its container is ready; a pod stuck in ContainerCreating shows its last Event. */
export async function startReaderPod(kc: k8s.KubeConfig, props: ReaderPodProps, fieldManager: string, deadlineMs: number): Promise<k8s.V1Pod> {
  await applyObject(kc, readerPod(props), fieldManager);
  return waitFor(`pod ${props.namespace}/${props.name} to run`, deadlineMs, async () => {
    const p = (await getObject(kc, 'Pod', props.name, props.namespace)) as k8s.V1Pod | undefined;
    if (p?.status?.containerStatuses?.[0]?.ready) return done(p);
    const selector = encodeURIComponent(`involvedObject.name=${props.name}`);
    const events = (await kubeRequest(kc, 'GET', `/api/v1/namespaces/${props.namespace}/events?fieldSelector=${selector}`)).body.items as k8s.CoreV1Event[];
    return notYet(`${p?.status?.phase ?? 'absent'}; last event: ${events.at(-1)?.reason} ${events.at(-1)?.message}`);
  }, { intervalMs: 100 });
}

/** Deletes the pod and waits until it is gone, so its volumes are unpublished and unstaged. */
export async function deletePodAndWait(kc: k8s.KubeConfig, name: string, namespace: string, deadlineMs: number): Promise<void> {
  await deleteObject(kc, 'Pod', name, namespace);
  await waitFor(`pod ${namespace}/${name} to be gone`, deadlineMs, async () => {
    const p = (await getObject(kc, 'Pod', name, namespace)) as k8s.V1Pod | undefined;
    return p ? notYet(`${p.status?.phase}, deleting since ${p.metadata?.deletionTimestamp}`) : done(true);
  }, { intervalMs: 100 });
}
