// The CSI volume attributes of a Fluid PV (pkg/common/volume.go, pkg/utils/dataset/volume/create.go), parsed once
// into what the node plugin acts on. Errors name the volume and the attribute, and say what is accepted.
import * as path from 'node:path';
import { fuseLabelKey } from '../constructs/object-names';
import { SESSMGR_ATTRIBUTE } from '../constructs/runtimes/efc/defaults';
import { invalidArgument } from './csi-error';

/** Attribute keys as Fluid writes them on the PV's spec.csi.volumeAttributes. */
export const ATTR = {
  fluidPath: 'fluid_path',
  subPath: 'fluid_sub_path',
  mountType: 'mount_type',
  runtimeNamespace: 'runtime_namespace',
  runtimeName: 'runtime_name',
  fuseLabelKey: 'mount_pod_node_selector_key',
  publishMethod: 'node_publish_method',
  skipCheckMountReady: 'fluid.io/skip-check-mount-ready-target',
  sessMgrWorkDir: SESSMGR_ATTRIBUTE,
} as const;

export type PublishMethod = 'bind' | 'symlink';

export interface VolumeAttributes {
  /** Host folder where the runtime's fuse mounts the dataset. */
  readonly fluidPath: string;
  /** Folder inside fluid_path the volume exposes ('' for all of it); reference datasets set it. */
  readonly subPath: string;
  /** What the fuse mount must show in /proc/self/mountinfo (file system type or source); '' accepts any. */
  readonly mountType: string;
  /** The runtime (= Dataset) the volume serves; undefined when the PV predates these attributes. */
  readonly runtime?: { readonly namespace: string; readonly name: string };
  /** Node label that schedules the fuse pod; undefined when the PV predates the attribute. */
  readonly fuseLabelKey?: string;
  readonly publishMethod: PublishMethod;
  /** The runtime asked not to wait for the fuse mount (skip-check-mount-ready-target selects MountPod). */
  readonly skipMountCheck: boolean;
  /** EFC: the host folder where the node's session manager serves its socket; undefined for other engines. */
  readonly sessMgrWorkDir?: string;
}

/** Fluid falls back to the Dataset UID for label keys this long or longer (pkg/utils/label.go). */
const MAX_LABEL_KEY_LENGTH = 63;

/** Fluid's mount modes for skip-check-mount-ready-target (pkg/ddc/base/mount_mode.go); "All" selects both. */
const MOUNT_MODES = ['MountPod', 'Sidecar'] as const;

export function parseVolumeAttributes(volumeId: string, context: Readonly<Record<string, string>>): VolumeAttributes {
  const where = (key: string) => `volume ${volumeId}: attribute ${key}`;
  const fluidPath = parseHostFolder(where(ATTR.fluidPath), context[ATTR.fluidPath] ?? '', '/runtime-mnt/thin/ns/name/thin-fuse');
  if (!fluidPath) throw invalidArgument(`${where(ATTR.fluidPath)} is not set; a Fluid PV names the host folder its fuse mounts`);
  const sessMgrWorkDir = parseHostFolder(where(ATTR.sessMgrWorkDir), context[ATTR.sessMgrWorkDir] ?? '', '/runtime-mnt/efc-sock');
  const runtimeNamespace = context[ATTR.runtimeNamespace] ?? '';
  const runtimeName = context[ATTR.runtimeName] ?? '';
  if (!runtimeNamespace !== !runtimeName) {
    const missing = runtimeNamespace ? ATTR.runtimeName : ATTR.runtimeNamespace;
    throw invalidArgument(`${where(missing)} is not set while its pair is; set both or neither`);
  }
  return {
    fluidPath,
    subPath: parseSubPath(where(ATTR.subPath), context[ATTR.subPath] ?? ''),
    mountType: context[ATTR.mountType] ?? '',
    ...(runtimeName ? { runtime: { namespace: runtimeNamespace, name: runtimeName } } : {}),
    ...(context[ATTR.fuseLabelKey] ? { fuseLabelKey: context[ATTR.fuseLabelKey] } : {}),
    publishMethod: parsePublishMethod(where(ATTR.publishMethod), context[ATTR.publishMethod] ?? ''),
    skipMountCheck: parseSkipCheck(where(ATTR.skipCheckMountReady), context[ATTR.skipCheckMountReady] ?? ''),
    ...(sessMgrWorkDir ? { sessMgrWorkDir } : {}),
  };
}

/** An optional host folder: absolute and normalized, a trailing slash dropped; undefined when unset. */
function parseHostFolder(where: string, value: string, example: string): string | undefined {
  if (value === '') return undefined;
  const folder = value.replace(/(.)\/+$/, '$1');
  if (!path.isAbsolute(folder) || path.normalize(folder) !== folder || folder === '/') {
    throw invalidArgument(`${where}: expected an absolute, normalized path such as ${example}, got "${value}"`);
  }
  return folder;
}

/** A relative folder that stays inside fluid_path; surrounding slashes are dropped, as Fluid joins with "/". */
function parseSubPath(where: string, value: string): string {
  const trimmed = value.replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  if (trimmed.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw invalidArgument(`${where}: expected a folder inside fluid_path such as "sub/dir", got "${value}"`);
  }
  return trimmed;
}

function parsePublishMethod(where: string, value: string): PublishMethod {
  // Fluid publishes by symlink only for "symlink"; its chart calls the default "bindMount".
  if (value === 'symlink') return 'symlink';
  if (value === '' || value === 'bindMount') return 'bind';
  throw invalidArgument(`${where}: expected "symlink", "bindMount" or unset, got "${value}"`);
}

function parseSkipCheck(where: string, value: string): boolean {
  if (value === '') return false;
  const selected = new Set<string>();
  for (const mode of value.split(',')) {
    if (mode === 'All') return true;
    if (mode === 'None') return false;
    if (!(MOUNT_MODES as readonly string[]).includes(mode)) {
      throw invalidArgument(`${where}: expected a comma-separated list of ${MOUNT_MODES.join(', ')}, or All or None, got "${value}"`);
    }
    selected.add(mode);
  }
  return selected.has('MountPod');
}

/** Where a published volume's data is: fluid_path, or the sub-folder the volume exposes. */
export function volumeSource(attrs: { readonly fluidPath: string; readonly subPath: string }): string {
  return attrs.subPath ? `${attrs.fluidPath}/${attrs.subPath}` : attrs.fluidPath;
}

/**
 * The node label that schedules the volume's fuse: the PV's mount_pod_node_selector_key, else Fluid's
 * `fluid.io/f-<ns>-<name>`. Fluid replaces a key of 63 characters or more with one built from the Dataset UID,
 * which a PV without the attribute does not carry.
 */
export function fuseLabelKeyOf(volumeId: string, attrs: VolumeAttributes, runtime: { namespace: string; name: string }): string {
  if (attrs.fuseLabelKey) return attrs.fuseLabelKey;
  const key = fuseLabelKey(runtime);
  if (key.length >= MAX_LABEL_KEY_LENGTH) {
    throw invalidArgument(`volume ${volumeId}: attribute ${ATTR.fuseLabelKey} is not set, and ${key} is ${key.length} characters, ` +
      `which Fluid replaces with a key built from the Dataset UID; set the attribute on the PV`);
  }
  return key;
}
