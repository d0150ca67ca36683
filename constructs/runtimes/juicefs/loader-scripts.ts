// The script of a JuiceFS DataLoad pod (our own; Fluid's charts/fluid-dataloader/juicefs takes the same steps). The
// loader holds no cache: it runs `juicefs warmup` inside the worker pods, which mount the file system at MOUNTPATH.
// The ConfigMap key and the file name are Fluid's.

/** ConfigMap key → file name under /scripts. */
export const LOADER_SCRIPT_FILES = { 'dataloader.distributedLoad': 'juicefs_dataload.sh' } as const;

/**
 * Fluid hands the script the worker pods it saw when rendering the Job; this one asks the cluster for the running
 * workers when it starts (WORKER_SELECTOR in POD_NAMESPACE), so the Job never names a pod that has since been
 * replaced. Every path of DATA_PATH (space-separated) is checked on the first worker before any warmup. The
 * community edition caches on each worker, so each one warms up; enterprise workers share one cache group, so one
 * warmup serves them all.
 */
const DISTRIBUTED_LOAD = `#!/bin/sh
set -eu
# Paths and flags are plain words: never expand them as globs.
set -f

kubectl=$(command -v kubectl || echo /usr/local/bin/kubectl)
pods=$("$kubectl" get pods -n "$POD_NAMESPACE" -l "$WORKER_SELECTOR" --field-selector=status.phase=Running -o jsonpath='{.items[*].metadata.name}')
if [ -z "$pods" ]; then
  echo "DataLoad: no running JuiceFS worker with labels $WORKER_SELECTOR in namespace $POD_NAMESPACE" >&2
  exit 1
fi
first=\${pods%% *}

targets=""
for path in $DATA_PATH; do
  if ! "$kubectl" exec -n "$POD_NAMESPACE" "$first" -- ls -d "$MOUNTPATH$path" > /dev/null; then
    echo "DataLoad: path $path does not exist in the dataset" >&2
    exit 1
  fi
  targets="$targets $MOUNTPATH$path"
done

case "$EDITION" in
  community)
    for pod in $pods; do
      echo "DataLoad: juicefs warmup on $pod"
      "$kubectl" exec -n "$POD_NAMESPACE" "$pod" -- timeout "$TIMEOUT" /usr/local/bin/juicefs warmup $targets $OPTION
    done
    ;;
  enterprise)
    echo "DataLoad: juicefs warmup on $first"
    "$kubectl" exec -n "$POD_NAMESPACE" "$first" -- timeout "$TIMEOUT" /usr/bin/juicefs warmup $targets $OPTION
    ;;
  *)
    echo "DataLoad: unknown JuiceFS edition '$EDITION'" >&2
    exit 1
    ;;
esac
echo "DataLoad: done"
`;

export const LOADER_SCRIPTS: Record<keyof typeof LOADER_SCRIPT_FILES, string> = {
  'dataloader.distributedLoad': DISTRIBUTED_LOAD,
};
