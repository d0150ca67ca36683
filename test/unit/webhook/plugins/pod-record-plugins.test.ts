// MountPropagationInjector and DatasetUsageInjector against Fluid's behaviour.
import { datasetUsageInjector } from '../../../../webhook/plugins/dataset-usage-injector';
import { mountPropagationInjector } from '../../../../webhook/plugins/mount-propagation-injector';
import { appPod, use } from '../fixtures';

describe('MountPropagationInjector', () => {
  it('sets HostToContainer on the Dataset volume mounts only', () => {
    const mounts = mountPropagationInjector.mutate(appPod(), [use()], {}).pod.spec.containers[0].volumeMounts;
    expect(mounts).toEqual([
      { name: 'data', mountPath: '/data', mountPropagation: 'HostToContainer' },
      { name: 'scratch', mountPath: '/tmp' },
    ]);
  });

  it('keeps a propagation the user set', () => {
    const pod = appPod();
    pod.spec.containers[0].volumeMounts![0].mountPropagation = 'None';
    expect(mountPropagationInjector.mutate(pod, [use()], {}).pod.spec.containers[0].volumeMounts![0].mountPropagation).toBe('None');
  });
});

describe('DatasetUsageInjector', () => {
  it('lists the Datasets, merged with what the annotation lists, sorted', () => {
    const pod = appPod({ annotations: { 'fluid.io/datasets-in-use': ' zeta, ,alpha' } });
    const annotations = datasetUsageInjector.mutate(pod, [use('mid'), use('alpha')], {}).pod.metadata.annotations;
    expect(annotations?.['fluid.io/datasets-in-use']).toBe('alpha,mid,zeta');
  });

  it('changes nothing for a pod without Datasets', () => {
    const pod = appPod();
    expect(datasetUsageInjector.mutate(pod, [], {}).pod).toBe(pod);
  });
});
