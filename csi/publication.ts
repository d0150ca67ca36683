// What NodePublishVolume does for a request, decided before anything is touched: bind-mount or symlink, from where,
// read-only or not. The same value, saved as a record, is what fuse recovery and NodeUnstageVolume read later.
import * as path from 'node:path';
import { invalidArgument } from './csi-error';
import type { AccessModeName, NodePublishVolumeRequest } from './proto/csi-messages';
import { PublishMethod, VolumeAttributes, volumeSource } from './volume-attributes';

export interface Publication {
  readonly volumeId: string;
  readonly targetPath: string;
  readonly method: PublishMethod;
  /** The runtime's fuse mount point. */
  readonly fluidPath: string;
  /** What the fuse mount shows as file system type or source ('' for any); recovery waits for a mount of it. */
  readonly mountType: string;
  /** Folder inside fluid_path the target shows ('' for all). */
  readonly subPath: string;
  readonly readOnly: boolean;
  /** The node label that keeps the fuse here: targets of other volumes on the same fuse keep it too. */
  readonly fuseLabelKey?: string;
}

/** Access modes under which Fluid publishes read-only (pkg/csi/plugins/nodeserver.go checks the multi-node one). */
const READ_ONLY_MODES: readonly AccessModeName[] = ['MULTI_NODE_READER_ONLY', 'SINGLE_NODE_READER_ONLY'];

export function planPublication(req: NodePublishVolumeRequest, attrs: VolumeAttributes, fuseLabelKey: string | undefined): Publication {
  const target = req.target_path;
  if (!target) throw invalidArgument(`NodePublishVolume ${req.volume_id}: target_path is not set`);
  if (!path.isAbsolute(target) || path.normalize(target) !== target) {
    throw invalidArgument(`NodePublishVolume ${req.volume_id}: target_path must be an absolute, normalized path, got "${target}"`);
  }
  if (req.volume_capability?.block) {
    throw invalidArgument(`NodePublishVolume ${req.volume_id}: volume_capability asks for a block device; a Fluid volume is a file system`);
  }
  const mode = req.volume_capability?.access_mode?.mode ?? 'UNKNOWN';
  return {
    volumeId: req.volume_id,
    targetPath: target,
    method: attrs.publishMethod,
    fluidPath: attrs.fluidPath,
    mountType: attrs.mountType,
    subPath: attrs.subPath,
    readOnly: req.readonly || READ_ONLY_MODES.includes(mode),
    ...(fuseLabelKey ? { fuseLabelKey } : {}),
  };
}

/** Where a publication's data comes from. */
export function publicationSource(p: Publication): string {
  return volumeSource(p);
}
