// The script of a JindoCache DataLoad pod (our own; Fluid's charts/fluid-dataloader/jindocache takes the same steps).
// The ConfigMap key and the file name are Fluid's, so users who read the ConfigMap find what they know. Fluid also
// ships jindo_env_init.sh, which only re-exports STORAGE_ADDRESS, already in the environment; we leave it out.

/** ConfigMap key → file name under /scripts. */
export const LOADER_SCRIPT_FILES = { 'dataloader.distributedLoad': 'jindo_dataload.sh' } as const;

/**
 * Checks every path of DATA_PATH (':'-separated, replicas in PATH_REPLICAS at the same position) before loading any,
 * so a typo fails the Job without warming half the list. Then, with a complete cache list (access key id, secret,
 * endpoint and URL), loads the listed files once; otherwise loads each path, through CACHE_FILTER when given.
 * The switches are the option variables the builder sets; unset means off.
 */
const DISTRIBUTED_LOAD = `#!/bin/sh
set -eu
# Paths and flags are plain words: never expand them as globs.
set -f

on() { [ "\${1:-false}" = "true" ]; }

exists() {
  out=$(timeout 30 jindo fs -ls "jindo://$1" 2>&1) || return 1
  case "$out" in *"No such file or directory"*) return 1 ;; esac
}

old_ifs=$IFS
IFS=':'
for path in $DATA_PATH; do
  if ! exists "$path"; then
    echo "DataLoad: path $path does not exist in the dataset" >&2
    exit 1
  fi
done
IFS=$old_ifs

flags="-load"
if on "$NEED_LOAD_METADATA"; then flags="$flags -meta"; fi
if ! on "\${LOAD_METADATA_ONLY:-}"; then flags="$flags -data"; fi
if on "\${ENABLE_ATOMIC_CACHE:-}"; then flags="$flags -atomic"; fi
if on "\${LOAD_MEMORY_DATA:-}"; then flags="$flags -m"; fi
if on "\${DRY_RUN_ENABLE:-}"; then flags="$flags -dryrun"; fi
if on "\${FORCE_LOAD_ENABLE:-}"; then flags="$flags -f"; fi
threads="\${CACHE_LIST_THREAD:-10}"

if [ -n "\${CACHE_LIST_ACCESSKEYID:-}" ] && [ -n "\${CACHE_LIST_ACCESSKEYSECRET:-}" ] && [ -n "\${CACHE_LIST_ENDPOINT:-}" ] && [ -n "\${CACHE_LIST_URL:-}" ]; then
  ossutil=$(command -v ossutil64 || true)
  if [ -z "$ossutil" ] && [ -x ./ossutil64 ]; then ossutil=./ossutil64; fi
  if [ -z "$ossutil" ]; then
    echo "DataLoad: downloading ossutil64 to fetch the cache list"
    url=https://gosspublic.alicdn.com/ossutil/1.7.5/ossutil64
    if command -v curl > /dev/null; then curl -fsSL -o /tmp/ossutil64 "$url"; else wget -q -O /tmp/ossutil64 "$url"; fi
    chmod 755 /tmp/ossutil64
    ossutil=/tmp/ossutil64
  fi
  "$ossutil" -e "$CACHE_LIST_ENDPOINT" -i "$CACHE_LIST_ACCESSKEYID" -k "$CACHE_LIST_ACCESSKEYSECRET" cp "$CACHE_LIST_URL" /cachelist.txt
  echo "DataLoad: loading the files of the cache list"
  jindocache $flags -R -replica "\${CACHE_LIST_REPLICA:-1}" -cachelist /cachelist.txt -thread "$threads" jindo:///
else
  i=1
  IFS=':'
  for path in $DATA_PATH; do
    IFS=$old_ifs
    replicas=$(printf '%s' "$PATH_REPLICAS" | cut -d: -f"$i")
    i=$((i + 1))
    echo "DataLoad: loading $path"
    if [ -n "\${CACHE_FILTER:-}" ]; then
      jindocache $flags -s -R -replica "$replicas" -filter "$CACHE_FILTER" -thread "$threads" "jindo://$path"
    else
      jindocache $flags -s -R -replica "$replicas" "jindo://$path"
    fi
    IFS=':'
  done
  IFS=$old_ifs
fi
echo "DataLoad: done"
`;

export const LOADER_SCRIPTS: Record<keyof typeof LOADER_SCRIPT_FILES, string> = {
  'dataloader.distributedLoad': DISTRIBUTED_LOAD,
};
