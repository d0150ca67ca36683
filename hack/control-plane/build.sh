#!/usr/bin/env bash
# Build the local control-plane binaries (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, kwok) from Go modules.
#
# Output: a version-keyed folder under ${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}/control-plane/.
# The bin dir is printed as the LAST line of stdout; everything else goes to stderr.
# Re-runs are free once the stamp file exists. See README.md beside this file.
#
# Environment:
#   FLUID_CDK8S_CACHE          cache root (default: $HOME/.cache/fluid-cdk8s)
#   FLUID_CDK8S_SKIP_DISK_CHECK=1  skip the free-disk check
#   FLUID_CDK8S_TICK_SECONDS   interval of the "still building" lines (default 30)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
gomod="$here/go.mod"

# kwok is installed with `go install ...@version` (its own go.mod/go.sum),
# not as a tool of this module: see README.md ("Why kwok is built apart").
KWOK_VERSION=v0.8.0

LOG_TAG=control-plane
# shellcheck source=../lib/build-steps.sh
. "$here/../lib/build-steps.sh"

[ -f "$gomod" ] || die "missing $gomod"

# Versions come from go.mod itself (no go command needed, so the cached path stays fast).
modver() { awk -v m="$1" '$1 == m && $2 ~ /^v/ { print $2; exit }' "$gomod"; }
K8S_VERSION=$(modver k8s.io/kubernetes)
ETCD_VERSION=$(modver go.etcd.io/etcd/server/v3)
GO_LINE=$(awk '$1 == "go" { print $2; exit }' "$gomod")
[ -n "$K8S_VERSION" ] || die "k8s.io/kubernetes not found in $gomod"
[ -n "$ETCD_VERSION" ] || die "go.etcd.io/etcd/server/v3 not found in $gomod"

cache_root=${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}
key="k8s-${K8S_VERSION}_etcd-${ETCD_VERSION}_kwok-${KWOK_VERSION}"
out="$cache_root/control-plane/$key"
bin="$out/bin"
stamp="$out/.complete"

exit_if_built "$stamp" "$bin" "control plane binaries"

# ---- go present and new enough -------------------------------------------
require_go "$GO_LINE"
log "go $gover ($(command -v go)); building $key"

gomodcache=$(go env GOMODCACHE)
gocache=$(go env GOCACHE)
[ "$gocache" != "off" ] || die "GOCACHE=off is not supported"

# ---- free disk ---------------------------------------------------------------
# Measured on a cold build (README.md): bin 405 MiB, GOMODCACHE +848 MiB, GOCACHE +3.6 GiB.
# The needs below carry a margin of about 50% on top of that.
need_bin_mb=600
need_modcache_mb=1300
need_gocache_mb=5500
if [ -d "$gomodcache/k8s.io/kubernetes@$K8S_VERSION" ] && [ -d "$gomodcache/sigs.k8s.io/kwok@$KWOK_VERSION" ]; then
  need_modcache_mb=300   # the big modules are already extracted
fi
need_disk "$out" "$need_bin_mb" "$gomodcache" "$need_modcache_mb" "$gocache" "$need_gocache_mb"

# ---- one builder at a time per key ----------------------------------------------
lock_build "$out" "$key"
exit_if_built "$stamp" "$bin" "control plane binaries"
rm -rf "$bin"
mkdir -p "$bin"

k8s_ldflags=$(k8s_ldflags_for "$K8S_VERSION")

cd "$here"
gobuild=(go build -mod=readonly -trimpath)

# Resolving the dependency packages downloads exactly the modules the builds need.
list_deps() { go list -mod=readonly -deps "$@" >/dev/null; }
run "download modules" list_deps \
  k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl go.etcd.io/etcd/server/v3

for c in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  run "build $c $K8S_VERSION" "${gobuild[@]}" -ldflags "$k8s_ldflags" -o "$bin/$c" "k8s.io/kubernetes/cmd/$c"
done
# `-o dir/` would name it "server": give the file name.
run "build etcd $ETCD_VERSION" "${gobuild[@]}" -ldflags "-s -w" -o "$bin/etcd" go.etcd.io/etcd/server/v3
# `go install pkg@version` ignores the current module; run it from a neutral directory.
run "build kwok $KWOK_VERSION" env -C / GOBIN="$bin" GOFLAGS= go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"

# ---- check every binary runs ---------------------------------------------------
check() { # name expected-substring cmd...
  local name=$1 want=$2; shift 2
  local got
  got=$("$@" 2>&1) || die "$name: '$*' failed: $got"
  case "$got" in *"$want"*) ;; *) die "$name: version output '$got' lacks '$want'";; esac
  log "$name: $(printf '%s' "$got" | head -n 1)"
}
check kube-apiserver "Kubernetes $K8S_VERSION" "$bin/kube-apiserver" --version
check kube-controller-manager "Kubernetes $K8S_VERSION" "$bin/kube-controller-manager" --version
check kube-scheduler "Kubernetes $K8S_VERSION" "$bin/kube-scheduler" --version
check kubectl "$K8S_VERSION" "$bin/kubectl" version --client
check etcd "${ETCD_VERSION#v}" "$bin/etcd" --version
check kwok "${KWOK_VERSION#v}" "$bin/kwok" --version

{
  echo "k8s=$K8S_VERSION"
  echo "etcd=$ETCD_VERSION"
  echo "kwok=$KWOK_VERSION"
  echo "go=$gover"
  echo "built_seconds=$(( $(date +%s) - build_started ))"
} > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
log "all binaries built and checked ($(du -sh "$bin" | cut -f1)); stamp written"
echo "$bin"
