// The URI schemes Alluxio has an under file system for. Fluid passes an Alluxio Dataset's mount points to the master
// as they are (pkg/ddc/alluxio/ufs_internal.go), so an unknown scheme such as gopher:// is only refused by Alluxio
// when the master mounts it, after the runtime has been set up; here it is a field error before anything is created.
import type { DatasetSpec } from '../../../crds/schema/dataset';
import type { EngineError } from '../runtime-engine';

/**
 * Alluxio 2.x's under-storage modules (each UnderFileSystemFactory's supportsPath) and Fluid's own native schemes.
 * A mount point without a scheme is a local path to Alluxio and is left alone.
 */
export const ALLUXIO_SCHEMES: readonly string[] = [
  'local', 'pvc', // Fluid native: a volume in the Alluxio pods (pkg/common/fluid_ufs_scheme.go)
  'file', 'hdfs', 'glusterfs', 'viewfs', 's3', 's3a', 'oss', 'gs', 'cos', 'cosn', 'obs', 'swift', 'wasb', 'wasbs',
  'abfs', 'abfss', 'adl', 'http', 'https', 'o3fs', 'ofs', 'cephfs', 'ceph', 'kodo', 'bos', 'tos',
];

/** The scheme of `mountPoint` in lower case ("s3" for s3://bucket), or undefined when it has none. */
function schemeOf(mountPoint: string): string | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(mountPoint);
  return m ? m[1].toLowerCase() : undefined;
}

export function unsupportedSchemeErrors(dataset: DatasetSpec): EngineError[] {
  return (dataset.mounts ?? []).flatMap((m, i) => {
    const scheme = schemeOf(m.mountPoint);
    if (scheme === undefined || ALLUXIO_SCHEMES.includes(scheme)) return [];
    const known = ALLUXIO_SCHEMES.map((s) => `${s}://`).join(', ');
    return [{ object: 'dataset', path: `spec.mounts[${i}].mountPoint`, message: `"${m.mountPoint}": AlluxioRuntime has no under file system for ${scheme}://; use one of ${known}` }];
  });
}
