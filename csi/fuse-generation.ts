// OnFuseChanged compares the fuse generation recorded on the PVC with the one of the fuse running on the node,
// which Fluid's fuse pods leave in `<root>/<type>/<ns>/<name>/.meta/fuse/labels` (the downward API's label file:
// one `key="value"` per line) (pkg/utils/metadata.go).

/** Label carrying the fuse DaemonSet's generation, on the PVC and on fuse pods (pkg/common/label.go). */
export const FUSE_GENERATION_LABEL = 'fuse.runtime.fluid.io/generation';

export function fuseMetadataLabelsFile(mountRoot: string, runtimeType: string, runtime: { namespace: string; name: string }): string {
  return `${mountRoot.replace(/\/+$/, '')}/${runtimeType}/${runtime.namespace}/${runtime.name}/.meta/fuse/labels`;
}

/** The generation in a downward-API labels file, or undefined when it has none. */
export function fuseGenerationOf(labelsFile: string): string | undefined {
  for (const line of labelsFile.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0 || line.slice(0, eq).trim() !== FUSE_GENERATION_LABEL) continue;
    return line.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return undefined;
}
