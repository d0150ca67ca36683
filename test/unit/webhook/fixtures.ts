// Pods and Dataset uses the webhook tests share.
import type { DatasetUse } from '../../../webhook/dataset-use';
import type { Pod } from '../../../webhook/pod';

export function appPod(overrides: { labels?: Record<string, string>; annotations?: Record<string, string>; claim?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'app', namespace: 'default', labels: overrides.labels ?? { 'fuse.serverful.fluid.io/inject': 'true' }, ...(overrides.annotations ? { annotations: overrides.annotations } : {}) },
    spec: {
      containers: [{ name: 'app', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'scratch', mountPath: '/tmp' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: overrides.claim ?? 'demo' } }, { name: 'scratch', emptyDir: {} }],
    },
  };
}

export function use(name = 'demo', extra: Partial<DatasetUse> = {}): DatasetUse {
  return {
    claimName: name,
    namespace: 'default',
    name,
    runtimeType: 'thin',
    cacheNodeLabel: `fluid.io/s-default-${name}`,
    fuseNodeLabel: `fluid.io/f-default-${name}`,
    ...extra,
  };
}
