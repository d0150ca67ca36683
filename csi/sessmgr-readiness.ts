// EFC's session manager on this node, as NodeStageVolume decides about it: a PV with efc_sessmgr_workdir needs the
// node's session manager serving its socket in that folder before the EFC fuse can mount (Fluid's prepareSessMgr,
// pkg/csi/plugins/nodeserver.go). The plugin labels the node so DaemonSet efc-system/efc-sessmgr (printed by
// `fluid-cdk8s install`) starts a pod here, then waits for the socket. Pure: sessmgr-wait.ts does the I/O.
import { SESSMGR_NAME, SESSMGR_NAMESPACE, SESSMGR_NODE_LABEL, SESSMGR_SOCKET } from '../constructs/runtimes/efc/defaults';
import { done, notYet, ProbeResult } from '../operator/kube/wait';
import { invalidArgument } from './csi-error';
import { PathProbe, probeTrouble } from './fuse-mount-state';
import { relativeInside } from './plugin-paths';
import { ATTR, VolumeAttributes } from './volume-attributes';

/** How long staging waits for the socket: Fluid's 30 tries a second apart. */
export const SESSMGR_TIMEOUT_MS = 30_000;

export interface SessMgrNeed {
  /** The host folder the session manager and the fuse pods share. */
  readonly workDir: string;
  /** The file whose existence says the session manager serves. */
  readonly socket: string;
  /** The node label that schedules the session manager, and its value. */
  readonly nodeLabel: { readonly key: string; readonly value: string };
}

/**
 * What the volume needs from the session manager; undefined when its PV names no work dir (every engine but EFC).
 * The plugin sees host folders only through its mount of the mount root, so a work dir elsewhere is refused.
 */
export function sessMgrNeed(mountRoot: string, volumeId: string, attrs: Pick<VolumeAttributes, 'sessMgrWorkDir'>): SessMgrNeed | undefined {
  const workDir = attrs.sessMgrWorkDir;
  if (workDir === undefined) return undefined;
  if (relativeInside(mountRoot, workDir) === undefined) {
    throw invalidArgument(`volume ${volumeId}: attribute ${ATTR.sessMgrWorkDir} ${workDir} is not under the plugin's mount root ${mountRoot} ` +
      '(its --mount-root, the MOUNT_ROOT the operator and the session manager DaemonSet were installed with)');
  }
  return { workDir, socket: `${workDir}/${SESSMGR_SOCKET}`, nodeLabel: { key: SESSMGR_NODE_LABEL, value: 'true' } };
}

/** Whether the socket is there yet, from one stat of it; anything that exists counts, as Fluid's os.Stat check. */
export function socketState(socket: string, probe: PathProbe): ProbeResult<true> {
  const trouble = probeTrouble(socket, probe);
  return trouble ? notYet(trouble) : done(true);
}

/** What a stage that ran out of time answers: the node, the work dir, and where to look. */
export function sessMgrTimeoutMessage(what: string, nodeId: string, need: SessMgrNeed, waitedMs: number, lastObserved: string): string {
  return `${what}: waited ${(waitedMs / 1000).toFixed(0)} s for EFC's session manager on node ${nodeId} to serve ${SESSMGR_SOCKET} in ` +
    `${need.workDir}; last seen: ${lastObserved}. Check DaemonSet ${SESSMGR_NAMESPACE}/${SESSMGR_NAME} (printed by \`fluid-cdk8s install\`, ` +
    `installed with the same --mount-root): its pod on ${nodeId}, which the label ${need.nodeLabel.key}=${need.nodeLabel.value} schedules there.`;
}
