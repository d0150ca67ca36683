// The scripts of a JuiceFS DataMigrate (our own; Fluid's charts/fluid-datamigrate/juicefs takes the same steps):
// authenticate an enterprise volume when a token is given, then `juicefs sync FROM TO` within TIMEOUT. A parallel
// migration (PARALLELISM > 1) first starts sshd in the launcher, waits until every worker answers over SSH, and
// hands the workers to `juicefs sync --worker`. The ConfigMap keys and the file names are Fluid's.

/**
 * FROM and TO may hold credentials (the kubelet expands $(EXTERNAL_ACCESS_KEY) and the like into them), so the
 * script never prints them. OPTION is split into words on purpose: it holds one --flag per word, as does PARALLEL.
 * The SSH keys are mounted read-only, so the client settings go to the system-wide ssh_config, in front of what
 * the image has there (ssh takes the first value it reads).
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

PARALLEL=""
if [ "\${PARALLELISM:-1}" -gt 1 ]; then
  { printf 'Host *\\n  Port %s\\n  StrictHostKeyChecking no\\n  UserKnownHostsFile /dev/null\\n' "$TARGET_SSH_PORT"; cat /etc/ssh/ssh_config 2>/dev/null || true; } > /tmp/ssh_config
  cat /tmp/ssh_config > /etc/ssh/ssh_config
  /usr/sbin/sshd -p "$TARGET_SSH_PORT"
  workers=""
  i=0
  while [ "$i" -lt $((PARALLELISM - 1)) ]; do
    workers="$workers $(echo "$WORKER_NAME_FORMAT" | sed "s/{}/$i/g")"
    i=$((i + 1))
  done
  timeout "$SSH_READY_TIMEOUT" /scripts/check_ssh.sh $workers
  PARALLEL="--worker localhost$(echo "$workers" | tr ' ' ',') --manager-addr $POD_IP"
  echo "DataMigrate: $PARALLELISM workers: $PARALLEL"
fi

echo "DataMigrate: juicefs sync starts"
timeout "$TIMEOUT" "$juicefs" sync $PARALLEL "$FROM" "$TO" $OPTION
echo "DataMigrate: done"
`;

/** Waits until each host named as an argument accepts an SSH session; the caller bounds the wait. */
const CHECK_SSH = `#!/bin/sh
for host in "$@"; do
  until ssh -o ConnectTimeout=2 "$host" true; do
    echo "DataMigrate: worker $host does not answer over SSH yet"
    sleep 1
  done
  echo "DataMigrate: worker $host answers over SSH"
done
`;

/** A worker is ready once its own sshd lets the shared key in. */
const SSH_READINESS = `#!/bin/sh
set -eu
ssh -p "$TARGET_SSH_PORT" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null localhost true
`;

/** ConfigMap key → file name under /scripts in the launcher. */
export const MIGRATE_SCRIPT_FILES = { 'datamigrate.sh': 'juicefs_datamigrate.sh' } as const;
/** The launcher of a parallel migration also waits for its workers. */
export const PARALLEL_SCRIPT_FILES = { ...MIGRATE_SCRIPT_FILES, 'check_ssh.sh': 'check_ssh.sh' } as const;
/** ConfigMap key and file name of the workers' readiness check, under /etc/fluid/scripts. */
export const WORKER_READINESS = { key: 'ssh.readiness', path: 'check.sh' } as const;

export const MIGRATE_SCRIPTS: Readonly<Record<string, string>> = { 'datamigrate.sh': DATA_MIGRATE };
export const PARALLEL_SCRIPTS: Readonly<Record<string, string>> = { ...MIGRATE_SCRIPTS, 'check_ssh.sh': CHECK_SSH, [WORKER_READINESS.key]: SSH_READINESS };
