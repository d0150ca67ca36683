#!/usr/bin/env bash
# What a real node needs beside the control plane (../../shared/docs/real-node.md turned into a script):
#   - kubelet, built from hack/control-plane's wrapper module, so it is the control plane's Kubernetes version;
#   - pause, the pod sandbox process, compiled static from that module's build/pause/linux/pause.c;
#   - Debian packages: containerd and runc (the container runtime), containernetworking-plugins (bridge, host-local,
#     loopback), mmdebstrap (Debian root filesystems for images) and busybox-static (the busybox image).
#
# Output: a version-keyed folder under ${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}/real-node/. The bin dir is the
# LAST line of stdout; progress goes to stderr. Re-runs only check the packages and the stamp (well under a second).
#
# Environment: FLUID_CDK8S_CACHE, FLUID_CDK8S_SKIP_DISK_CHECK=1, FLUID_CDK8S_TICK_SECONDS (see hack/lib/build-steps.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
module="$here/../control-plane"
LOG_TAG=real-node
# shellcheck source=../lib/build-steps.sh
. "$here/../lib/build-steps.sh"

[ "$(uname -s)" = Linux ] || die "a real node needs Linux (kubelet, containerd, cgroups); this is $(uname -s)"
K8S_VERSION=$(awk '$1 == "k8s.io/kubernetes" && $2 ~ /^v/ { print $2; exit }' "$module/go.mod")
GO_LINE=$(awk '$1 == "go" { print $2; exit }' "$module/go.mod")
[ -n "$K8S_VERSION" ] || die "k8s.io/kubernetes not found in $module/go.mod"

# ---- Debian packages ----------------------------------------------------------------------------------------
# package: a file it must provide (checked after installing, so a half-installed package is caught)
declare -A PACKAGE_FILES=(
  [containerd]=/usr/bin/containerd
  [runc]=/usr/sbin/runc
  [containernetworking-plugins]=/usr/lib/cni/bridge
  [mmdebstrap]=/usr/bin/mmdebstrap
  [busybox-static]=/bin/busybox
)
missing=()
for p in "${!PACKAGE_FILES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} > 0 )); then
  command -v apt-get >/dev/null 2>&1 || die "missing packages ${missing[*]}, and there is no apt-get: a real node needs Debian (or Ubuntu) with them installed"
  [ "$(id -u)" = 0 ] || die "missing packages ${missing[*]}; install them as root: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  run "apt-get update" apt-get update -q
  run "apt-get install ${missing[*]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
for p in "${!PACKAGE_FILES[@]}"; do
  [ -x "${PACKAGE_FILES[$p]}" ] || die "package $p is installed but ${PACKAGE_FILES[$p]} is missing; reinstall it (apt-get install --reinstall $p)"
done
for f in /usr/bin/containerd-shim-runc-v2 /usr/bin/ctr /usr/lib/cni/host-local /usr/lib/cni/loopback; do
  [ -x "$f" ] || die "$f is missing; the containerd and containernetworking-plugins packages should provide it"
done

# ---- kubelet and pause ----------------------------------------------------------------------------------------
cache_root=${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}
key="k8s-${K8S_VERSION}"
out="$cache_root/real-node/$key"
bin="$out/bin"
stamp="$out/.complete"
exit_if_built "$stamp" "$bin" "node binaries"

require_go "$GO_LINE"
command -v gcc >/dev/null 2>&1 || die "'gcc' not found: it compiles the static pause binary (apt-get install gcc libc6-dev)"
# Measured (README.md here): kubelet 84 MB; GOCACHE 2.0 GiB when the control plane's build has not filled it first.
need_disk "$out" 200 "$(go env GOCACHE)" 3000

lock_build "$out" "$key"
exit_if_built "$stamp" "$bin" "node binaries"
rm -rf "$bin"
mkdir -p "$bin"
log "go $gover; building kubelet $K8S_VERSION into $bin"

cd "$module"
list_deps() { go list -mod=readonly -deps "$@" >/dev/null; }
run "download modules" list_deps k8s.io/kubernetes/cmd/kubelet
run "build kubelet $K8S_VERSION" go build -mod=readonly -trimpath -ldflags "$(k8s_ldflags_for "$K8S_VERSION")" \
  -o "$bin/kubelet" k8s.io/kubernetes/cmd/kubelet
pause_src="$(go list -mod=readonly -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux/pause.c"
[ -f "$pause_src" ] || die "pause.c not found at $pause_src"
# Flags of the module's build/pause/Makefile; the version names where it came from.
run "build pause" gcc -Os -Wall -Werror -static "-DVERSION=fluid-cdk8s-$K8S_VERSION" -o "$bin/pause" "$pause_src"
strip "$bin/pause"

got=$("$bin/kubelet" --version 2>&1) || die "kubelet --version failed: $got"
case "$got" in *"Kubernetes $K8S_VERSION"*) ;; *) die "kubelet --version printed '$got', not $K8S_VERSION";; esac
log "kubelet: $got"
got=$("$bin/pause" -v 2>&1) || die "pause -v failed: $got"
log "pause: $got"

{
  echo "k8s=$K8S_VERSION"
  echo "go=$gover"
  echo "built_seconds=$(( $(date +%s) - build_started ))"
} > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
log "node binaries built and checked ($(du -sh "$bin" | cut -f1)); stamp written"
echo "$bin"
