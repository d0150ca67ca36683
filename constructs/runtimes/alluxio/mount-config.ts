// `<name>-mount-config`: how the master mounts the Dataset's non-native sources itself, so the operator never
// execs into pods nor reads Secrets (Fluid's "configmap" mount mode, ALLUXIO_MOUNT_CONFIG_STORAGE; keys from
// charts/alluxio/templates/config/alluxio-mount-conf.yaml). The scripts are ours; they keep Fluid's contract:
// mount.info holds `alluxio fs mount` arguments, one mount per line, with Secret-backed options given as the
// path of the mounted Secret key, which the scripts read only when they run.
import { PATHS } from './defaults';
import { mountInfoLines } from './ufs-mounts';
import type { AlluxioValues } from './values';

/** Matches `<secrets dir>/<secret>/<key>`, the only form a Secret-backed option takes. */
const SECRET_FILE = `${PATHS.secrets}/[-._a-zA-Z0-9]+/[-._a-zA-Z0-9]+`;

/** Shell function replacing each Secret file path in its argument with the file's content. */
const READ_SECRETS = `with_secrets() {
  local text="$1" file
  for file in $(grep -oE '${SECRET_FILE}' <<<"$text" | sort -u); do
    text="\${text//"$file"/"$(cat "$file")"}"
  done
  printf '%s' "$text"
}`;

/** The master's entrypoint: resolves Secret paths in ALLUXIO_JAVA_OPTS (a root mount's options), then starts Alluxio. */
const ENTRYPOINT = `#!/usr/bin/env bash
set -e
${READ_SECRETS}
ALLUXIO_JAVA_OPTS="$(with_secrets "$ALLUXIO_JAVA_OPTS")"
export ALLUXIO_JAVA_OPTS
exec /entrypoint.sh "$@"
`;

/**
 * The master's startup probe: fails until the master answers, then makes Alluxio's mount table match mount.info
 * (unmounts paths no longer listed, mounts the missing ones). "/" is the root UFS, set by property, never remounted.
 * No tracing and no globbing: the resolved lines hold secret values.
 */
const MOUNT = `#!/usr/bin/env bash
set -ef
${READ_SECRETS}
info="$(cd "$(dirname "$0")" && pwd)/mount.info"
alluxio fsadmin report >/dev/null
mounted="$(alluxio fs mount | awk '{print $3}' | grep -vx / || true)"
wanted="$(awk 'NF {print $1}' "$info" | grep -vx / || true)"
for path in $mounted; do
  if ! grep -qxF "$path" <<<"$wanted"; then
    alluxio fs unmount "$path"
    echo "unmounted $path"
  fi
done
while read -r line || [ -n "$line" ]; do
  path="\${line%% *}"
  if [ -z "$line" ] || [ "$path" = / ] || grep -qxF "$path" <<<"$mounted"; then continue; fi
  # Unquoted on purpose: the line is the argument list of alluxio fs mount.
  alluxio fs mount $(with_secrets "$line")
  echo "mounted $path"
done <"$info"
`;

export function mountConfigData(v: AlluxioValues): Record<string, string> {
  const lines = mountInfoLines(v.dataset);
  return {
    'mount.info': lines.map((l) => `${l}\n`).join(''),
    'entrypoint.script': ENTRYPOINT,
    'mount.script': MOUNT,
  };
}
