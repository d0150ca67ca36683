// Switches Fluid's runtime controllers read from their environment (EngineSettings.env, by Fluid's variable names)
// and from runtime annotations. Each function falls back to what Fluid's chart (charts/fluid/fluid) deploys.
import type { LocalObjectReference } from '../../crds/schema/k8s/core.generated';

/** An image repository and tag, as Fluid keeps them apart in its values. */
export interface ImageRef {
  readonly image: string;
  readonly tag: string;
}

/** Go's strconv.ParseBool, which Fluid uses for every switch; undefined when the text is not a boolean. */
export function parseGoBool(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  return undefined;
}

/**
 * An image override such as JINDO_FUSE_IMAGE_ENV=`<repo>:<tag>`; the tag follows the last colon, and a value without
 * one is ignored, as Fluid ignores it (pkg/utils/docker/image.go GetImageRepoFromEnv).
 */
export function imageFromEnv(value: string | undefined): ImageRef | undefined {
  if (!value || !/^\S+:\S+$/.test(value)) return undefined;
  const at = value.lastIndexOf(':');
  return { image: value.slice(0, at), tag: value.slice(at + 1) };
}

/** A component's image as Fluid's charts take it: repository, tag and pull policy. */
export interface ComponentImage extends ImageRef {
  readonly pullPolicy: string;
}

/** The image fields of a runtime component (VersionSpec). */
export interface OwnImage {
  readonly image?: string;
  readonly imageTag?: string;
  readonly imagePullPolicy?: string;
}

/**
 * A component's image: the runtime's own fields one by one, else the controller's image variable, else Fluid's
 * default; the pull policy IfNotPresent unless set (the parse*Image functions of Fluid's engines).
 */
export function componentImage(env: Readonly<Record<string, string | undefined>>, variable: string, fallback: ImageRef, own: OwnImage | undefined): ComponentImage {
  const base = imageFromEnv(env[variable]) ?? fallback;
  return { image: own?.image || base.image, tag: own?.imageTag || base.tag, pullPolicy: own?.imagePullPolicy || 'IfNotPresent' };
}

/**
 * CRITICAL_FUSE_POD: fuse pods get priorityClassName system-node-critical. Fluid's chart sets it to "true" on
 * Kubernetes 1.16 and later (charts/fluid/fluid/templates/controller/*), so it is on unless switched off.
 */
export function criticalFusePod(env: Readonly<Record<string, string | undefined>>): boolean {
  return parseGoBool(env.CRITICAL_FUSE_POD) ?? true;
}

/** IMAGE_PULL_SECRETS: comma-separated Secret names for runtime pods (pkg/utils/docker/image.go). */
export function imagePullSecretsFromEnv(env: Readonly<Record<string, string | undefined>>): LocalObjectReference[] {
  return (env.IMAGE_PULL_SECRETS ?? '')
    .split(',')
    .filter((name) => name !== '')
    .map((name) => ({ name }));
}

/** Runtime annotation runtime.fluid.io/fuse.hostpid: run fuse pods in the host PID namespace (pkg/common/hostpid.go). */
export function fuseHostPid(annotations: Readonly<Record<string, string>> | undefined): boolean {
  return parseGoBool(annotations?.['runtime.fluid.io/fuse.hostpid']) ?? false;
}
