// Restoring master metadata from a backup: spec.dataRestoreLocation of the Dataset makes the master mount the
// backup (a PVC at /pvc, or a host folder at /host on the named node) and point JOURNAL_BACKUP at the file
// DataBackup wrote (pkg/ddc/alluxio/transform.go transformMasters, utils.go GetMetadataFileName,
// pkg/utils/databackup.go ParseBackupRestorePath). A location Fluid cannot parse is ignored, as Fluid ignores it.
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { Volume, VolumeMount } from '../../../crds/schema/k8s/core.generated';
import type { DatasetRef } from '../../object-names';

export interface Restore {
  /** The backup: PVC `pvc` or host folder `host`. */
  readonly volume: Volume;
  /** Where the master sees it: /pvc or /host. */
  readonly mount: VolumeMount;
  /** JOURNAL_BACKUP: the backup file as the master sees it. */
  readonly journalBackup: string;
  /** Node selector pinning the master to the node holding a local backup. */
  readonly nodeSelector: Record<string, string>;
}

/** The folder part of a restore path, with a leading and trailing slash. */
function folderOf(path: string): string {
  const withLead = path.startsWith('/') ? path : `/${path}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

export function restoreOf(dataset: DatasetSpec, ds: DatasetRef): Restore | undefined {
  const location = dataset.dataRestoreLocation;
  const file = `metadata-backup-${ds.name}-${ds.namespace}.gz`;
  const path = location?.path ?? '';
  if (path.startsWith('pvc://')) {
    const [claimName, ...rest] = path.slice('pvc://'.length).split('/');
    return {
      volume: { name: 'pvc', persistentVolumeClaim: { claimName } },
      mount: { name: 'pvc', mountPath: '/pvc' },
      journalBackup: `/pvc${folderOf(rest.join('/'))}${file}`,
      nodeSelector: {},
    };
  }
  if (path.startsWith('local://') && location?.nodeName) {
    return {
      volume: { name: 'host', hostPath: { path: folderOf(path.slice('local://'.length)), type: 'DirectoryOrCreate' } },
      mount: { name: 'host', mountPath: '/host' },
      journalBackup: `/host/${file}`,
      nodeSelector: { 'kubernetes.io/hostname': location.nodeName },
    };
  }
  return undefined;
}
