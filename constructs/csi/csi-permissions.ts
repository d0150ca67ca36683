// Every API call the CSI node plugin makes (csi/kube/csi-kube.ts), and why: the single source of its ClusterRole.
// Fluid's chart grants more (list/watch on runtimes, status, events); these are only the verbs the plugin uses.
import type { Permission } from '../operator/permission';

/** Fluid's runtime kinds, as csi/runtime-clean-policy.ts reads them for their fuse clean policy. */
const RUNTIMES = ['alluxioruntimes', 'jindoruntimes', 'juicefsruntimes', 'thinruntimes', 'efcruntimes', 'vineyardruntimes', 'cacheruntimes'];

export const CSI_PERMISSIONS: readonly Permission[] = [
  { apiGroup: '', resources: ['nodes'], verbs: ['patch'], why: 'sets the fuse label fluid.io/f-<ns>-<name> on its node at NodeStageVolume and removes it at NodeUnstageVolume; sets fluid.io/efc-sessmgr=true there for an EFC volume (csi/sessmgr-wait.ts)' },
  { apiGroup: '', resources: ['persistentvolumes'], verbs: ['get'], why: 'NodeUnstageVolume carries no volume attributes: reads them, and the claim, from the PV' },
  { apiGroup: '', resources: ['persistentvolumeclaims'], verbs: ['get'], why: 'clean policy OnFuseChanged compares the fuse generation recorded on the PVC' },
  { apiGroup: '', resources: ['pods'], verbs: ['list'], why: 'lists the pods on its node (field selector spec.nodeName) to keep the fuse while one still mounts the claim' },
  { apiGroup: 'data.fluid.io', resources: ['datasets'], verbs: ['get'], why: "the Dataset's status.runtimes names the runtime's kind" },
  { apiGroup: 'data.fluid.io', resources: RUNTIMES, verbs: ['get'], why: "the runtime's fuse clean policy decides whether NodeUnstageVolume removes the fuse label" },
];
