// MOUNT_OPTIONS of the fuse container (pkg/ddc/thin/transform_fuse.go parseFuseOptions).

/** The effective access modes of a Dataset: Fluid reads an empty list as ReadOnlyMany (pkg/utils/dataset.go). */
export function effectiveAccessModes(accessModes: readonly string[] | undefined): string[] {
  return accessModes?.length ? [...accessModes] : ['ReadOnlyMany'];
}

/**
 * `ro` for a ReadOnlyMany dataset; profile fuse.options, when set, replace that; runtime fuse.options keys override.
 * Rendered `k=v`, or a bare `k` for an empty value, comma-joined. Keys are sorted: Fluid walks a Go map, so its order
 * changes from run to run, and a fixed order keeps the DaemonSet from changing on every sync.
 * @returns undefined when there is no option (Fluid then sets no MOUNT_OPTIONS)
 */
export function fuseMountOptions(
  accessModes: readonly string[],
  profileOptions: Readonly<Record<string, string>> | undefined,
  runtimeOptions: Readonly<Record<string, string>> | undefined,
): string | undefined {
  const base: Record<string, string> = accessModes.includes('ReadOnlyMany') ? { ro: '' } : {};
  const options: Record<string, string> = { ...(profileOptions ?? base), ...runtimeOptions };
  const rendered = Object.keys(options)
    .sort()
    .map((k) => (options[k] ? `${k}=${options[k]}` : k));
  return rendered.length ? rendered.join(',') : undefined;
}
