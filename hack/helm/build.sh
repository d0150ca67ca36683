#!/usr/bin/env bash
# Build `helm` from its Go module, for the CLI benchmark (bench/cli.ts compares `synth` with `helm template` of
# Fluid's own chart). Nothing in the project runs helm otherwise.
#
# Output: ${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}/helm/<version>/bin/helm.
# The bin dir is printed as the LAST line of stdout; everything else goes to stderr.
# Re-runs are free once the stamp file exists.
#
# Environment:
#   FLUID_CDK8S_CACHE          cache root (default: $HOME/.cache/fluid-cdk8s)
#   FLUID_CDK8S_HELM_VERSION   helm.sh/helm/v3 version (default below)
#   FLUID_CDK8S_SKIP_DISK_CHECK=1  skip the free-disk check
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
HELM_VERSION=${FLUID_CDK8S_HELM_VERSION:-v3.21.4}
# helm 3's go.mod asks for this Go (its `go` line; check it when bumping the version).
GO_MIN=1.26

LOG_TAG=helm
# shellcheck source=../lib/build-steps.sh
. "$here/../lib/build-steps.sh"

cache_root=${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}
out="$cache_root/helm/$HELM_VERSION"
bin="$out/bin"
stamp="$out/.complete"

exit_if_built "$stamp" "$bin" "helm $HELM_VERSION"
require_go "$GO_MIN"
# A cold build: about 200 MiB of modules and 1 GiB of build cache; the binary is about 60 MiB.
need_disk "$out" 150 "$(go env GOMODCACHE)" 400 "$(go env GOCACHE)" 1500
lock_build "$out" "helm $HELM_VERSION"
exit_if_built "$stamp" "$bin" "helm $HELM_VERSION"
rm -rf "$bin"
mkdir -p "$bin"

# `go install pkg@version` uses the module's own go.mod; run it from a neutral directory. The version is stamped the
# way helm's Makefile does, so `helm version` names it.
run "build helm $HELM_VERSION" env -C / GOBIN="$bin" GOFLAGS= go install -trimpath \
  -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"

got=$("$bin/helm" version --short 2>&1) || die "'helm version' failed: $got"
case "$got" in "$HELM_VERSION"*) ;; *) die "helm version printed '$got', expected $HELM_VERSION";; esac
log "helm: $got"
{
  echo "helm=$HELM_VERSION"
  echo "go=$gover"
  echo "built_seconds=$(( $(date +%s) - build_started ))"
} > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
echo "$bin"
