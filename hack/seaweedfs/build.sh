#!/usr/bin/env bash
# Builds `weed`, SeaweedFS's single binary (master, volume, filer, S3 gateway, shell and FUSE mount), from the Go
# module github.com/seaweedfs/seaweedfs. It is the cache engine the real-node images carry (README.md here).
#
# `go install module@version` refuses this module: its go.mod has replace directives (real-node.md, trap 6). So the
# module is downloaded into the module cache and built from its own folder, with its own go.mod and go.sum; that
# folder is read-only, which is fine because -mod=readonly never writes to it and -o puts the binary elsewhere.
#
# Output: ${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}/seaweedfs/<module version>/bin/weed. The bin dir is the LAST
# line of stdout; progress goes to stderr. A stamp makes re-runs free (well under a second, no `go` call).
#
# Environment: FLUID_CDK8S_CACHE, FLUID_CDK8S_SKIP_DISK_CHECK=1, FLUID_CDK8S_TICK_SECONDS (see hack/lib/build-steps.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODULE=github.com/seaweedfs/seaweedfs
# A pseudo-version of the master branch (weed 4.53): SeaweedFS tags its releases without a module-compatible tag.
VERSION=v0.0.0-20261109003541-7506e5f91cd6
# The `go` line of that version's go.mod; checked again after the download, in case VERSION is bumped alone.
GO_MIN=1.26.6
COMMIT=${VERSION##*-}

LOG_TAG=seaweedfs
# shellcheck source=../lib/build-steps.sh
. "$here/../lib/build-steps.sh"

cache_root=${FLUID_CDK8S_CACHE:-$HOME/.cache/fluid-cdk8s}
out="$cache_root/seaweedfs/$VERSION"
bin="$out/bin"
stamp="$out/.complete"
exit_if_built "$stamp" "$bin" "weed"

require_go "$GO_MIN"
# No go.work around us may take part in the download or the build.
export GOWORK=off
gomodcache=$(go env GOMODCACHE)
gocache=$(go env GOCACHE)
[ "$gocache" != "off" ] || die "GOCACHE=off is not supported"
# Measured on a cold build (README.md here): weed 157 MiB, GOMODCACHE +2.1 GiB, GOCACHE +1.8 GiB; about 50 % margin.
need_disk "$out" 250 "$gomodcache" 3200 "$gocache" 2800

lock_build "$out" "$VERSION"
exit_if_built "$stamp" "$bin" "weed"
rm -rf "$bin"
mkdir -p "$bin"
log "go $gover; building weed from $MODULE@$VERSION into $bin"

# Outside any module (cwd is the output folder), so the download does not touch a go.mod.
cd "$out"
run "download $MODULE@$VERSION" go mod download "$MODULE@$VERSION"
src=$(go mod download -json "$MODULE@$VERSION" | awk -F'"' '$2 == "Dir" { print $4 }')
[ -n "$src" ] && [ -f "$src/go.mod" ] || die "go mod download of $MODULE@$VERSION gave no module folder (got '$src')"
go_line=$(awk '$1 == "go" { print $2; exit }' "$src/go.mod")
ver_ge "$gover" "$go_line" || die "$MODULE@$VERSION wants go $go_line (its go.mod), this is go $gover: raise GO_MIN and install a newer Go"

list_deps() { go list -C "$src" -mod=readonly -deps ./weed >/dev/null; }
run "download modules for ./weed" list_deps
# The flags of the module's docker/Makefile (-s -w, static), plus the commit `weed version` prints.
run "build weed" go build -C "$src" -mod=readonly -trimpath \
  -ldflags "-s -w -X $MODULE/weed/util/version.COMMIT=$COMMIT" -o "$bin/weed" ./weed

got=$("$bin/weed" version 2>&1) || die "'$bin/weed version' failed: $got"
got=$(printf '%s\n' "$got" | head -n 1)   # the rest is an advertisement
case "$got" in *"$COMMIT"*) ;; *) die "'weed version' printed '$got', which lacks the commit $COMMIT";; esac
log "weed: $got"

{
  echo "module=$MODULE@$VERSION"
  echo "weed=$got"
  echo "go=$gover"
  echo "built_seconds=$(( $(date +%s) - build_started ))"
} > "$stamp.tmp"
mv "$stamp.tmp" "$stamp"
log "weed built and checked ($(du -sh "$bin/weed" | cut -f1)); stamp written"
echo "$bin"
