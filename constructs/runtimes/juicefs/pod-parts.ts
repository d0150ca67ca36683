// What the juicefs chart's worker and fuse pods have in common (charts/juicefs/templates/*): the script they run,
// root and privileged containers, secret-filled environment, host network with its DNS policy, pod metadata.
import { Construct } from 'constructs';
import type { JuiceFSRuntimeSpec } from '../../../crds/schema/juicefs-runtime';
import type { Container, EnvVar, PodSpec, Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import { RuntimeConfigMap } from '../../components/runtime-config-map';
import { NO_SIDECAR } from '../../fluid-labels';
import { imagePullSecretsFromEnv } from '../fluid-switches';
import { SCRIPT_DIR } from './defaults';
import { componentLabels, names, Role } from './labels';
import { shellWord } from './options';
import { secretEnv } from './secrets';
import type { Image, JuiceValues } from './values';

const SCRIPT_VOLUME = 'script';

/** The script ConfigMap, executable (defaultMode 0755). */
export function scriptVolume(configMap: string): Volume {
  return { name: SCRIPT_VOLUME, configMap: { name: configMap, defaultMode: 0o755 } };
}

export const SCRIPT_MOUNT: VolumeMount = { name: SCRIPT_VOLUME, mountPath: SCRIPT_DIR };

/** The `<name>-<component>-script` ConfigMap holding script.sh, labelled like its component. */
export function addScript(scope: Construct, v: JuiceValues, role: Role, script: string): void {
  const name = role === 'juicefs-worker' ? names.workerScript(v) : names.fuseScript(v);
  new RuntimeConfigMap(scope, name, { name, labels: componentLabels(v, role), data: { 'script.sh': script } });
}

/** JFS_FOREGROUND, the user's variables, then the secretKeyRef variables the scripts refer to. */
export function containerEnv(v: JuiceValues, own: readonly EnvVar[] | undefined): EnvVar[] {
  return [{ name: 'JFS_FOREGROUND', value: '1' }, ...(own ?? []), ...secretEnv(v.secrets)];
}

/** The container both worker and fuse run: script.sh as root, privileged for FUSE, unmounting on stop. */
export function scriptContainer(name: string, image: Image, v: JuiceValues, metricsPort: number | undefined): Container {
  return {
    name,
    image: `${image.image}:${image.tag}`,
    imagePullPolicy: image.pullPolicy,
    command: ['sh', `${SCRIPT_DIR}/script.sh`],
    securityContext: { runAsUser: 0, privileged: true },
    ...(metricsPort !== undefined ? { ports: [{ containerPort: metricsPort, name: 'metrics', protocol: 'TCP' }] } : {}),
    lifecycle: { preStop: { exec: { command: ['sh', '-c', `umount ${shellWord(v.mountPath)}`] } } },
  };
}

export function networkParts(hostNetwork: boolean): Partial<PodSpec> {
  return hostNetwork ? { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } : {};
}

/** IMAGE_PULL_SECRETS of the controller; JuiceFSRuntime has no pull-secret field of its own. */
export function pullSecretParts(v: JuiceValues): Partial<PodSpec> {
  const secrets = imagePullSecretsFromEnv(v.env);
  return secrets.length ? { imagePullSecrets: secrets } : {};
}

/** The runtime's podMetadata under the component's (transform.go transformPodMetadata). */
export function podMetadata(spec: JuiceFSRuntimeSpec, component: 'worker' | 'fuse'): { labels: Record<string, string>; annotations: Record<string, string> } {
  const own = spec[component]?.podMetadata;
  return {
    labels: { ...NO_SIDECAR, ...spec.podMetadata?.labels, ...own?.labels },
    annotations: { ...NO_SIDECAR, ...spec.podMetadata?.annotations, ...own?.annotations },
  };
}

/** spec.volumes entries the component's volumeMounts name, once each, in mount order. */
export function userVolumes(spec: JuiceFSRuntimeSpec, mounts: readonly VolumeMount[] | undefined): Volume[] {
  const byName = new Map((spec.volumes ?? []).map((vol) => [vol.name, vol]));
  const names = [...new Set((mounts ?? []).map((m) => m.name))];
  return names.flatMap((name) => (byName.has(name) ? [byName.get(name)!] : []));
}
