// The labels and annotations on application pods that steer Fluid's webhook, with Fluid's names
// (pkg/common/constants.go, pkg/common/label.go, pkg/utils/annotations.go).

/** Label: run the serverless plugins (fuse sidecar). */
export const INJECT_SERVERLESS = 'serverless.fluid.io/inject';
/** Label, deprecated by Fluid in favour of INJECT_SERVERLESS and still honoured by it. */
export const INJECT_FUSE_SIDECAR_DEPRECATED = 'fuse.sidecar.fluid.io/inject';
/** Label: run the serverful plugins (scheduling, mount propagation) for a pod on a node with the CSI plugin. */
export const INJECT_SERVERFUL_FUSE = 'fuse.serverful.fluid.io/inject';
/** Label the fuse sidecar sets once done, so a reinvocation leaves the pod alone. */
export const INJECT_SIDECAR_DONE = 'done.sidecar.fluid.io/inject';
/** Label: "false" turns the webhook off for this pod. */
export const ENABLE_INJECTION = 'fluid.io/enable-injection';
/** Label: a privileged fuse sidecar is not allowed here (Fluid's unprivileged platform). */
export const INJECT_UNPRIVILEGED = 'unprivileged.sidecar.fluid.io/inject';
/** Label: keep the fuse's cache-dir volumes in the sidecar. */
export const INJECT_CACHE_DIR = 'cachedir.sidecar.fluid.io/inject';
/** Label: "false" leaves out the fuse sidecar's postStart mount check. */
export const INJECT_SIDECAR_POST_START = 'fuse.sidecar.poststart.fluid.io/inject';
/** Annotation: "true" admits a pod whose Dataset is not bound yet. */
export const SKIP_PRECHECK = 'sidecar.fluid.io/skip-precheck';
/** Annotation listing the Datasets the pod uses, comma-separated and sorted. */
export const DATASETS_IN_USE = 'fluid.io/datasets-in-use';
/** Label Fluid sets on pods whose sidecar it injected. */
export const MANAGED_BY = 'fluid.io/managed-by';
/** Label `fluid.io/dataset.<dataset>.sched: required` makes the cache placement required for that dataset. */
export const DATASET_SCHED = /^fluid\.io\/dataset\.([A-Za-z0-9.-]*)\.sched$/;
/** Label prefixes naming the Dataset each injected fuse container serves (key suffix: the container name). */
export const CONTAINER_DATASET_NAMESPACE = 'dataset-namespace.sidecar.fluid.io/';
export const CONTAINER_DATASET_NAME = 'dataset-name.sidecar.fluid.io/';
/** Node label counting the datasets cached on a node (the operator writes it). */
export const DATASET_NUM = 'fluid.io/dataset-num';

/** Fluid's test for a switch: present and exactly "true". */
export function enabled(map: Readonly<Record<string, string>> | undefined, key: string): boolean {
  return map?.[key] === 'true';
}

/** The pod asks for the fuse sidecar (Fluid's utils.ServerlessEnabled, without the deprecated platform env). */
export function serverlessEnabled(labels: Readonly<Record<string, string>> | undefined): boolean {
  return enabled(labels, INJECT_SERVERLESS) || enabled(labels, INJECT_FUSE_SIDECAR_DEPRECATED);
}
