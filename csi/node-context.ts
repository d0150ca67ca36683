// What the Node service's calls and fuse recovery share: this node, its folders, and the I/O edges.
import type { Logger } from 'pino';
import type { CsiKube } from './kube/csi-kube';
import type { KeyLocks } from './key-locks';
import type { MountIo } from './mount-io';
import type { PathProber } from './path-probe';
import type { PluginPaths } from './plugin-paths';
import type { PublicationStore } from './publication-store';

export interface NodeContext {
  /** The node's name: its CSI node id, and the Node object whose fuse labels the plugin sets. */
  readonly nodeId: string;
  readonly kubeletDir: string;
  /** Where fuse mounts live (Fluid's MOUNT_ROOT); the plugin sees them through a mount of this folder. */
  readonly mountRoot: string;
  readonly paths: PluginPaths;
  readonly kube: CsiKube;
  readonly mounts: MountIo;
  readonly prober: PathProber;
  readonly publications: PublicationStore;
  /** Volume ids and target paths with a call in progress; recovery takes target paths too. */
  readonly locks: KeyLocks;
  readonly logger: Logger;
  /** How long NodeStageVolume and NodePublishVolume wait for the fuse mount. */
  readonly mountTimeoutMs: number;
  /** Pause between two looks at the fuse mount while waiting. */
  readonly pollMs: number;
}
