// Which images the pods run and which pull secrets they use: the runtime's choice, else the controller's
// environment, else the chart default (pkg/ddc/alluxio/utils.go parseRuntimeImage/parseFuseImage,
// pkg/utils/docker/image.go).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { LocalObjectReference } from '../../../crds/schema/k8s/core.generated';
import { imageFromEnv, imagePullSecretsFromEnv } from '../fluid-switches';
import type { EngineSettings } from '../runtime-engine';
import { DEFAULT_FUSE_IMAGE, DEFAULT_IMAGE, DEFAULT_INIT_IMAGE, DEFAULT_PULL_POLICY, FUSE_IMAGE_ENV, IMAGE_ENV, INIT_IMAGE_ENV } from './defaults';

export interface ImageChoice {
  /** Image repository, e.g. alluxio/alluxio-dev. */
  readonly repository: string;
  /** Image tag, e.g. 2.9.0. */
  readonly tag: string;
  /** Pull policy. @default 'IfNotPresent' */
  readonly pullPolicy: string;
}

interface ImageSource {
  readonly image?: string;
  readonly imageTag?: string;
  readonly imagePullPolicy?: string;
}

/** Repository and tag are chosen independently: a runtime may set only the tag. */
function chooseImage(own: ImageSource | undefined, fromEnv: string | undefined, fallback: string): ImageChoice {
  const env = imageFromEnv(fromEnv);
  const chart = imageFromEnv(fallback)!;
  return {
    repository: own?.image || env?.image || chart.image,
    tag: own?.imageTag || env?.tag || chart.tag,
    pullPolicy: own?.imagePullPolicy || DEFAULT_PULL_POLICY,
  };
}

export function serverImage(spec: AlluxioRuntimeSpec, settings: EngineSettings): ImageChoice {
  return chooseImage(spec.alluxioVersion, settings.env[IMAGE_ENV], DEFAULT_IMAGE);
}

export function fuseImage(spec: AlluxioRuntimeSpec, settings: EngineSettings): ImageChoice {
  return chooseImage(spec.fuse, settings.env[FUSE_IMAGE_ENV], DEFAULT_FUSE_IMAGE);
}

export function initUsersImage(spec: AlluxioRuntimeSpec, settings: EngineSettings): ImageChoice {
  return chooseImage(spec.initUsers, settings.env[INIT_IMAGE_ENV], DEFAULT_INIT_IMAGE);
}

export function imageRef(choice: ImageChoice): string {
  return `${choice.repository}:${choice.tag}`;
}

/**
 * Pull secrets of a component's pods: the component's own, else the runtime's, else the controller's
 * IMAGE_PULL_SECRETS. The fuse checks the controller's list before the runtime's (parseFuseImage).
 */
export function pullSecrets(spec: AlluxioRuntimeSpec, component: 'master' | 'worker' | 'fuse', settings: EngineSettings): LocalObjectReference[] {
  const own = spec[component]?.imagePullSecrets ?? [];
  const runtime = spec.imagePullSecrets ?? [];
  const env = imagePullSecretsFromEnv(settings.env);
  const order = component === 'fuse' ? [own, env, runtime] : [own, runtime, env];
  return order.find((list) => list.length > 0) ?? [];
}

/**
 * Fuse images from Alluxio 2.8.0 on take the mount point as an argument (Alluxio PR 15318); older ones read env
 * MOUNT_POINT. Fluid compares the tag as a version (pkg/utils/version); undefined when the tag is no version.
 */
export function compareVersion(tag: string, other: readonly number[]): number | undefined {
  const match = /^\s*v?([0-9]+(?:\.[0-9]+)*)/.exec(tag.toLowerCase().replace(/^release-/, ''));
  if (!match) return undefined;
  const parts = match[1].split('.');
  if (parts.length < 2 || (parts[0].length > 1 && parts[0].startsWith('0'))) return undefined;
  const numbers = parts.map(Number);
  for (let i = 0; i < Math.max(numbers.length, other.length); i++) {
    const diff = (numbers[i] ?? 0) - (other[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
