// Arguments of the fuse container: `fuse --fuse-opts=...` plus, for Alluxio 2.8.0 and later, the mount point and
// the Alluxio path to expose (pkg/ddc/alluxio/transform_fuse.go, transform_optimization.go optimizeDefaultFuse).
import type { AlluxioRuntimeSpec } from '../../../crds/schema/alluxio-runtime';
import type { DatasetSpec } from '../../../crds/schema/dataset';
import { FUSE_OPTS, HTTP_FUSE_OPTION } from './defaults';

export interface FuseArgsInput {
  /** The runtime's spec. */
  readonly spec: AlluxioRuntimeSpec;
  /** The Dataset's spec: access modes and owner. */
  readonly dataset: DatasetSpec;
  /** Properties of runtime and components together, where Fluid looks up the libfuse version. */
  readonly mergedProperties: Record<string, string>;
  /** The fuse image takes the mount point as arguments (tag 2.8.0 or later). */
  readonly mountPointAsArgs: boolean;
  /** `<root>/alluxio/<ns>/<name>/alluxio-fuse`. */
  readonly mountPath: string;
  /** Every Dataset mount is http(s)://. */
  readonly allHttp: boolean;
}

export interface FuseArgs {
  /** The container args. */
  readonly args: string[];
  /** uid/gid of the Dataset owner went into the fuse options; otherwise Alluxio translates users itself. */
  readonly ownerInArgs: boolean;
}

/** A Dataset readable by many (ReadOnlyMany, the default) gets a read-only, kernel-cached mount. */
export function isReadOnlyDataset(dataset: DatasetSpec): boolean {
  const modes = dataset.accessModes?.length ? dataset.accessModes : ['ReadOnlyMany'];
  return modes.includes('ReadOnlyMany');
}

function defaultArgs(input: FuseArgsInput): string[] {
  const libfuse2 = input.mergedProperties['alluxio.fuse.jnifuse.libfuse.version'] === '2';
  if (isReadOnlyDataset(input.dataset)) return ['fuse', libfuse2 ? FUSE_OPTS.readOnlyLibfuse2 : FUSE_OPTS.readOnly];
  return ['fuse', libfuse2 ? FUSE_OPTS.readWriteLibfuse2 : FUSE_OPTS.readWrite];
}

/**
 * The fuse arguments. The second argument (the fuse options) collects, in Fluid's order: the Dataset owner's
 * uid/gid, allow_other unless an allow_* option is there, and max_readahead=0 for all-HTTP datasets with
 * default options.
 */
export function fuseArgs(input: FuseArgsInput): FuseArgs {
  const own = input.spec.fuse?.args ?? [];
  const args = own.length ? [...own] : defaultArgs(input);
  if (input.mountPointAsArgs) args.push(input.mountPath, '/');
  const owner = input.dataset.owner;
  const ownerInArgs = args.length > 1 && owner !== undefined;
  if (ownerInArgs) args[1] = `${args[1]},uid=${owner.uid},gid=${owner.gid}`;
  if (args.length > 1 && !args[1].includes('allow_')) args[1] = `${args[1]},allow_other`;
  if (input.allHttp && !own.length) args[1] = `${args[1]},${HTTP_FUSE_OPTION}`;
  return { args, ownerInArgs };
}
