// Where a Dataset mount appears inside a cache system, by Fluid's rules shared by every engine
// (pkg/utils/ufs_path_builder.go, pkg/common/fluid_ufs_scheme.go).
import type { Mount } from '../../crds/schema/common/mount';

/** The mount's path in the cache's unified namespace: an absolute `path`, else `/<name>` (GenUFSPathInUnifiedNamespace). */
export function unifiedNamespacePath(mount: Mount): string {
  if (mount.path?.startsWith('/')) return mount.path;
  return `/${(mount.name ?? '').replace(/^\/+/, '')}`;
}

/** local:// and pvc:// are served by Kubernetes volumes in the cache's pods, not mounted by a command (IsFluidNativeScheme). */
export function isNativeMount(mountPoint: string): boolean {
  return mountPoint.startsWith('local://') || mountPoint.startsWith('pvc://');
}
