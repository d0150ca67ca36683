# Shared by the build scripts under hack/: progress lines, a ticker for long steps, version and disk checks.
# Source it after setting LOG_TAG (the name in brackets on every line).
#
#   log "text"              [tag  12s] text, on stderr
#   die "text"              [tag] ERROR: text, exit 1
#   run "label" cmd...      runs cmd (its output to stderr), logs start, end and a line every
#                           ${FLUID_CDK8S_TICK_SECONDS:-30} s meanwhile; dies naming the label when it fails
#   ver_ge A B              true when dotted version A >= B
#   need_disk PATH MIB...   dies when a filesystem lacks the MiB summed over the paths on it
#                           (FLUID_CDK8S_SKIP_DISK_CHECK=1 skips)

build_started=$(date +%s)
log() { printf '[%s %4ds] %s\n' "$LOG_TAG" "$(( $(date +%s) - build_started ))" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2; exit 1; }

ticker_pid=
stop_ticker() {
  if [ -n "$ticker_pid" ]; then kill "$ticker_pid" 2>/dev/null || true; wait "$ticker_pid" 2>/dev/null || true; ticker_pid=; fi
}
trap stop_ticker EXIT
run() {
  local label=$1; shift
  local t0; t0=$(date +%s)
  log "$label: started"
  ( while sleep "${FLUID_CDK8S_TICK_SECONDS:-30}"; do log "$label: still running ($(( $(date +%s) - t0 ))s)"; done ) &
  ticker_pid=$!
  local rc=0
  "$@" >&2 || rc=$?
  stop_ticker
  if (( rc != 0 )); then die "$label failed (exit $rc) after $(( $(date +%s) - t0 ))s"; fi
  log "$label: done in $(( $(date +%s) - t0 ))s"
}

ver_ge() {
  local IFS=.
  local -a a=($1) b=($2)
  local i
  for i in 0 1 2; do
    local x=${a[i]:-0} y=${b[i]:-0}
    x=${x%%[!0-9]*}; y=${y%%[!0-9]*}
    x=${x:-0}; y=${y:-0}
    if (( x > y )); then return 0; fi
    if (( x < y )); then return 1; fi
  done
  return 0
}

# need_disk path1 mib1 path2 mib2 ...: paths on one filesystem add up.
need_disk() {
  [ "${FLUID_CDK8S_SKIP_DISK_CHECK:-0}" != 1 ] || return 0
  local -A need=() avail=() paths=()
  while (( $# >= 2 )); do
    local p=$1 mb=$2 q=$1; shift 2
    while [ ! -d "$q" ]; do q=$(dirname "$q"); done
    local line; line=$(df -Pk "$q" | awk 'NR == 2 { print $6, $4 }')
    local mnt=${line% *} avail_kb=${line##* }
    need[$mnt]=$(( ${need[$mnt]:-0} + mb ))
    avail[$mnt]=$(( avail_kb / 1024 ))
    paths[$mnt]="${paths[$mnt]:-}${paths[$mnt]:+, }$p"
  done
  local mnt
  for mnt in "${!need[@]}"; do
    if (( ${avail[$mnt]} < ${need[$mnt]} )); then
      die "not enough free disk on $mnt: ${avail[$mnt]} MiB free, about ${need[$mnt]} MiB needed for ${paths[$mnt]}. Free some space, or point FLUID_CDK8S_CACHE / GOMODCACHE / GOCACHE elsewhere (FLUID_CDK8S_SKIP_DISK_CHECK=1 skips this check)."
    fi
    log "disk ok on $mnt: ${avail[$mnt]} MiB free, ~${need[$mnt]} MiB needed"
  done
}

# The Kubernetes binaries' version stamping (hack/control-plane/README.md, "Version stamping").
k8s_ldflags_for() { # version
  local v=$1 minor=${1#v1.}; minor=${minor%%.*}
  local flags="-s -w" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    flags+=" -X $p.gitVersion=$v -X $p.gitMajor=1 -X $p.gitMinor=$minor"
    flags+=" -X $p.gitTreeState=clean -X $p.gitCommit= -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  printf '%s' "$flags"
}

# exit_if_built STAMP BIN WHAT: when the stamp exists, print the bin dir (the scripts' output) and exit.
exit_if_built() {
  if [ -f "$1" ]; then
    log "$3 cached at $2"
    echo "$2"
    exit 0
  fi
}

# require_go MIN: go on PATH and at least MIN, never downloading a toolchain; sets gover.
require_go() {
  export GOTOOLCHAIN=local CGO_ENABLED=0
  command -v go >/dev/null 2>&1 || die "'go' not found on PATH. Install Go >= $1 (e.g. /usr/local/go/bin) and retry."
  gover=$(go env GOVERSION 2>/dev/null || true)
  gover=${gover#go}
  [ -n "$gover" ] || die "could not read the Go version from 'go env GOVERSION'"
  ver_ge "$gover" "$1" || die "Go $gover is too old: go >= $1 is needed (GOTOOLCHAIN=local, no toolchain download). Install a newer Go."
}

# lock_build OUT KEY: one builder per key; a second one waits for the first (then finds its stamp).
lock_build() {
  mkdir -p "$1"
  exec 9>"$1.lock"
  if ! flock -n 9; then
    log "another build of $2 is running; waiting for it"
    flock 9
  fi
}
