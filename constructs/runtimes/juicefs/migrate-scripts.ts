// The script of a JuiceFS DataMigrate pod (our own; Fluid's charts/fluid-datamigrate/juicefs takes the same steps for
// one pod): authenticate an enterprise volume when a token is given, then `juicefs sync FROM TO` within TIMEOUT.
// The ConfigMap key and the file name are Fluid's.

/** ConfigMap key → file name under /scripts. */
export const MIGRATE_SCRIPT_FILES = { 'datamigrate.sh': 'juicefs_datamigrate.sh' } as const;

/**
 * FROM and TO may hold credentials (the kubelet expands $(EXTERNAL_ACCESS_KEY) and the like into them), so the
 * script never prints them. OPTION is split into words on purpose: it holds one --flag per word.
 */
const DATA_MIGRATE = `#!/bin/sh
set -eu
# Flags are plain words: never expand them as globs.
set -f

case "$EDITION" in
  community)
    juicefs=/usr/local/bin/juicefs
    ;;
  enterprise)
    juicefs=/usr/bin/juicefs
    if [ -n "\${TOKEN:-}" ]; then
      set -- --token="$TOKEN"
      if [ -n "\${ACCESS_KEY:-}" ]; then set -- "$@" --accesskey="$ACCESS_KEY"; fi
      if [ -n "\${SECRET_KEY:-}" ]; then set -- "$@" --secretkey="$SECRET_KEY"; fi
      if [ -n "\${JFS_BUCKET:-}" ]; then set -- "$@" --bucket="$JFS_BUCKET"; fi
      "$juicefs" auth "$JFS_NAME" "$@"
    fi
    ;;
  *)
    echo "DataMigrate: unknown JuiceFS edition '$EDITION'" >&2
    exit 1
    ;;
esac

echo "DataMigrate: juicefs sync starts"
timeout "$TIMEOUT" "$juicefs" sync "$FROM" "$TO" $OPTION
echo "DataMigrate: done"
`;

export const MIGRATE_SCRIPTS: Record<keyof typeof MIGRATE_SCRIPT_FILES, string> = {
  'datamigrate.sh': DATA_MIGRATE,
};
