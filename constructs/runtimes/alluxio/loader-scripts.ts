// The two scripts of an Alluxio DataLoad pod (our own; Fluid's charts/fluid-dataloader/alluxio does the same steps).
// Keys and file names are Fluid's, so users who read the ConfigMap find what they know.

/** ConfigMap key → file name under /scripts. */
export const LOADER_SCRIPT_FILES = { 'dataloader.alluxio.init': 'alluxio_env_init.sh', 'dataloader.distributedLoad': 'alluxio_dataload.sh' } as const;

/** The Alluxio CLI reads alluxio-env.sh: hand it every ALLUXIO_* variable the pod got from the runtime's ConfigMap. */
const ENV_INIT = `#!/bin/sh
set -eu
conf=/opt/alluxio/conf/alluxio-env.sh
env | grep '^ALLUXIO_' | while IFS= read -r line; do
  printf 'export %s="%s"\\n' "\${line%%=*}" "\${line#*=}" >> "$conf"
done
`;

/**
 * For each path of DATA_PATH (':'-separated, replicas in PATH_REPLICAS at the same position): fail clearly when the
 * path is not in the dataset, sync its metadata when asked, set its replication, then load it into the cache.
 */
const DISTRIBUTED_LOAD = `#!/bin/sh
set -eu
i=1
old_ifs=$IFS
IFS=':'
for path in $DATA_PATH; do
  IFS=$old_ifs
  replicas=$(printf '%s' "$PATH_REPLICAS" | cut -d: -f"$i")
  i=$((i + 1))
  if ! timeout 30 alluxio fs ls "$path" > /dev/null; then
    echo "DataLoad: path $path does not exist in the dataset" >&2
    exit 1
  fi
  if [ "$NEED_LOAD_METADATA" = "true" ]; then
    alluxio fs ls -R -Dalluxio.user.file.metadata.sync.interval=0 "$path" > /dev/null
  fi
  alluxio fs setReplication --max "$replicas" -R "$path"
  alluxio fs distributedLoad --replication "$replicas" "$path"
  IFS=':'
done
echo "DataLoad: done"
`;

export const LOADER_SCRIPTS: Record<keyof typeof LOADER_SCRIPT_FILES, string> = {
  'dataloader.alluxio.init': ENV_INIT,
  'dataloader.distributedLoad': DISTRIBUTED_LOAD,
};
