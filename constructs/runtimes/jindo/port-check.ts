// The init container that reports whether the master's ports are free on a host-network node, when the controller
// runs with INIT_PORT_CHECK_ENABLED (pkg/ddc/jindocache/transform.go transformInitPortCheck).
import type { Container } from '../../../crds/schema/k8s/core.generated';
import { imageFromEnv, parseGoBool } from '../fluid-switches';
import { INIT_IMAGE } from './defaults';
import type { JindoValues } from './values';

export function initPortCheck(v: JindoValues): Container | undefined {
  if (!parseGoBool(v.env.INIT_PORT_CHECK_ENABLED)) return undefined;
  const image = imageFromEnv(v.env.DEFAULT_INIT_IMAGE_ENV) ?? INIT_IMAGE;
  const ports = [v.ports.masterRpc, ...(v.ports.raft !== undefined ? [v.ports.raft] : [])];
  return {
    name: 'init-port-check',
    image: `${image.image}:${image.tag}`,
    imagePullPolicy: 'IfNotPresent',
    securityContext: { privileged: true },
    command: ['/entrypoint.sh'],
    args: ['check_port'],
    env: [{ name: 'PORTS_TO_CHECK', value: ports.join(':') }],
  };
}
