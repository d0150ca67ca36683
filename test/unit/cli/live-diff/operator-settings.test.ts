import { operatorSettingsOf } from '../../../../cli/live-diff/operator-settings';
import { DEFAULT_PORT_RANGE } from '../../../../operator/reconcilers/host-ports';

const deployment = (container: object) => ({ spec: { template: { spec: { containers: [{ name: 'sidecar' }, { name: 'operator', ...container }] } } } });

describe('operatorSettingsOf', () => {
  test("the operator container's literal environment and port range flag", () => {
    const s = operatorSettingsOf(deployment({
      args: ['operator', '--runtime-node-port-range=30000-30100'],
      env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }, { name: 'MOUNT_ROOT', value: '/mnt/fluid' }, { name: 'ALLUXIO_RUNTIME_IMAGE_ENV', value: 'me/alluxio:1' }],
    }));
    expect(s).toEqual({ settings: { mountRoot: '/mnt/fluid', env: { MOUNT_ROOT: '/mnt/fluid', ALLUXIO_RUNTIME_IMAGE_ENV: 'me/alluxio:1' } }, portRange: { min: 30000, max: 30100 } });
  });

  test('the flag and its value as two arguments', () => {
    expect(operatorSettingsOf(deployment({ args: ['--runtime-node-port-range', '1-2'] })).portRange).toEqual({ min: 1, max: 2 });
  });

  test('no Deployment: the defaults', () => {
    expect(operatorSettingsOf(undefined)).toEqual({ settings: { mountRoot: '/runtime-mnt', env: {} }, portRange: DEFAULT_PORT_RANGE });
  });
});
