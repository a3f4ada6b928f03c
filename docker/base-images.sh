#!/usr/bin/env bash
# Makes sure this Docker engine has the base images that docker/Dockerfile and docker-compose.cluster.yml name.
# Each is pulled; where that fails (no image registry reachable), a stand-in is built from Debian packages and
# kept for later runs (rebuilt only when what it is made from changes):
#   - the JDK_IMAGE and JRE_IMAGE defaults of docker/Dockerfile: Debian's OpenJDK 17 (with Maven for the JDK),
#     tagged with those very names, so that the documented build runs unchanged;
#   - the demo backends' image (itzg/minecraft-server): gamma-stand-in/minecraft-backend, the project's test
#     server from src/test/node (not Minecraft), which docker/stand-in/compose.backends.yml swaps in.
# Prints on stdout the compose override file to add when the backend stand-in is used (nothing otherwise);
# progress goes to stderr. Building stand-ins needs root, debootstrap and npm.
#
#   docker/base-images.sh            pull each image, or build (or reuse) its stand-in
#   docker/base-images.sh --remove   remove the stand-ins from the engine
#
# Environment: DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR (default: the mirrors in this machine's apt sources,
# else deb.debian.org); PULL_TIMEOUT (seconds per pull, default 600).
set -euo pipefail
cd "$(dirname "$0")/.."

LABEL=dev.gamma.stand-in
BASE=gamma-stand-in/debian:bookworm
BACKEND=gamma-stand-in/minecraft-backend
OVERRIDE=docker/stand-in/compose.backends.yml
PULL_TIMEOUT=${PULL_TIMEOUT:-600}
BUILD_TIMEOUT=900

say() { echo "base-images: $*" >&2; }
die() { say "$*"; exit 1; }

dockerfile_default() { # the default of ARG $1 in docker/Dockerfile
  sed -n "s/^ARG $1=//p" docker/Dockerfile | head -n 1
}
compose_backend_image() {
  sed -n 's/^ *image: *\(itzg\/[^ #]*\).*/\1/p' docker-compose.cluster.yml | head -n 1
}

if [ "${1:-}" = "--remove" ]; then
  docker image ls --filter "label=$LABEL" --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>' \
    | xargs -r docker image rm >&2
  exit 0
elif [ $# -gt 0 ]; then
  die "unknown argument: $1 (usage: docker/base-images.sh [--remove])"
fi

JDK_IMAGE=$(dockerfile_default JDK_IMAGE)
JRE_IMAGE=$(dockerfile_default JRE_IMAGE)
BACKEND_IMAGE=$(compose_backend_image)
[ -n "$JDK_IMAGE" ] && [ -n "$JRE_IMAGE" ] || die "docker/Dockerfile has no ARG JDK_IMAGE=… / ARG JRE_IMAGE=… default"
[ -n "$BACKEND_IMAGE" ] || die "docker-compose.cluster.yml names no itzg/minecraft-server image"
timeout 20 docker info >/dev/null 2>&1 || die "no Docker engine answers (docker info)"

work=$(mktemp -d)
cleanup() {
  # debootstrap mounts /proc and /sys in the new root while it works: never delete through a mount
  grep -o " $work/[^ ]*" /proc/mounts | sort -r | xargs -r umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The Debian mirror of this machine's apt sources (one-line or deb822 format), else $2.
apt_mirror() {
  local found
  found=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -oE "https?://[^ ]*/$1/?( |$)" | head -n 1 | tr -d ' ' || true)
  echo "${found%/}"
}
MIRROR=${DEBIAN_MIRROR:-$(apt_mirror debian)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${DEBIAN_SECURITY_MIRROR:-$(apt_mirror debian-security)}
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}

label_of() {
  docker image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true
}
image_id() {
  docker image inspect -f '{{.Id}}' "$1"
}
# A short digest of a base image id and some files: what a stand-in is made from.
recipe() {
  { echo "$1"; shift; for f in "$@"; do echo "== ${f##*/}"; cat "$f"; done; } | sha256sum | cut -c1-16
}

# Pulls $1; answers 0 when the engine then has a real (not stand-in) image of that name.
pulled() {
  local log=$work/pull.log
  if timeout "$PULL_TIMEOUT" docker pull -q "$1" >"$log" 2>&1; then
    say "$1: pulled"
    return 0
  fi
  say "$1: cannot pull ($(tail -n 1 "$log"))"
  if docker image inspect "$1" >/dev/null 2>&1 && [ -z "$(label_of "$1")" ]; then
    say "$1: using the copy already on this engine"
    return 0
  fi
  return 1
}

base_rootfs() {
  local want have rootfs=$work/rootfs
  want=$(echo "debootstrap minbase bookworm $MIRROR $SECURITY v2" | sha256sum | cut -c1-16)
  have=$(label_of "$BASE")
  if [ "$have" = "$want" ]; then
    return
  fi
  command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
  [ "$(id -u)" = 0 ] || die "building the stand-in base image needs root (debootstrap)"
  say "$BASE: debootstrap bookworm from $MIRROR"
  local started=$SECONDS
  timeout "$BUILD_TIMEOUT" debootstrap --variant=minbase bookworm "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb $SECURITY bookworm-security main
EOF
  # as in Debian's own images: apt keeps no package cache or downloaded packages in image layers
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  # and, as their slim variants, no documentation or translations, now or in later installs
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/locale/* \
    "$rootfs"/usr/share/info/*
  find "$rootfs/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  tar -C "$rootfs" -c . | timeout "$BUILD_TIMEOUT" docker import --change "LABEL $LABEL=$want" \
    --change 'CMD ["bash"]' - "$BASE" >/dev/null
  say "$BASE: made in $((SECONDS - started)) s"
  replaced "$have"
}

# build_standin TAG DOCKERFILE CONTEXT RECIPE: builds TAG from a Dockerfile of docker/stand-in on $BASE.
build_standin() {
  local tag=$1 dockerfile=$2 context=$3 want=$4 started=$SECONDS old
  old=$(label_of "$tag")
  say "$tag: building the stand-in ($dockerfile)"
  timeout "$BUILD_TIMEOUT" docker build -q --label "$LABEL=$want" --build-arg "BASE=$BASE" -t "$tag" \
    -f "$dockerfile" "$context" >/dev/null || die "$tag: the stand-in build failed"
  say "$tag: built in $((SECONDS - started)) s"
  replaced "$old"
}

# Remembers the label of a stand-in that was just replaced: at the end, what is left of it goes.
replaced() {
  if [ -n "$1" ]; then
    stale=("$1" "${stale[@]}")
  fi
}

# Java images: the JDK (with Maven) and the JRE, under the names docker/Dockerfile uses.
java_standin() {
  local tag=$1 dockerfile=$2 want certs=$work/java-context/certs
  mkdir -p "$certs"
  # an intercepting HTTPS proxy's CAs, which the JDK image needs to reach Maven Central through it
  find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' -exec cp {} "$certs/" \; 2>/dev/null || true
  # shellcheck disable=SC2046
  want=$(recipe "$(image_id "$BASE")" "$dockerfile" $(find "$certs" -type f | sort))
  if [ "$(label_of "$tag")" = "$want" ]; then
    say "$tag: stand-in up to date"
    return
  fi
  build_standin "$tag" "$dockerfile" "$work/java-context" "$want"
}

backend_standin() {
  local node=src/test/node context=$work/backend-context want
  want=$(recipe "$(image_id "$BASE")" docker/base-images.sh docker/stand-in/backend.Dockerfile docker/stand-in/mc-backend \
    docker/stand-in/mc-health "$node/package-lock.json" "$node/server.js" "$node/common.js")
  if [ "$(label_of "$BACKEND")" = "$want" ]; then
    say "$BACKEND: stand-in up to date"
    return
  fi
  command -v npm >/dev/null || die "npm is missing: it installs the backend stand-in's packages"
  mkdir -p "$context"
  cp "$node/package.json" "$node/package-lock.json" "$node/server.js" "$node/common.js" \
    docker/stand-in/mc-backend docker/stand-in/mc-health "$context/"
  (cd "$context" && timeout 600 npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >&2) \
    || die "npm ci for the backend stand-in failed"
  # Bedrock edition data (three quarters of minecraft-data): a Java edition server never reads it
  find "$context/node_modules/minecraft-data/minecraft-data/data/bedrock" -mindepth 1 -maxdepth 1 ! -name common \
    -exec rm -rf {} +
  build_standin "$BACKEND" docker/stand-in/backend.Dockerfile "$context" "$want"
}

stale=()
need_base() {
  if [ -z "${base_ready:-}" ]; then
    base_rootfs
    base_ready=1
  fi
}

pulled "$JDK_IMAGE" || { need_base; java_standin "$JDK_IMAGE" docker/stand-in/jdk.Dockerfile; }
pulled "$JRE_IMAGE" || { need_base; java_standin "$JRE_IMAGE" docker/stand-in/jre.Dockerfile; }
if ! pulled "$BACKEND_IMAGE"; then
  need_base
  backend_standin
  echo "$OVERRIDE"
fi
# Replaced stand-ins (newest first, so that the base goes after what was built on it), and build stages made on
# them, which no build can use any more. Stages made on the current ones stay: they are the builds' cache.
for label in "${stale[@]}"; do
  docker image prune -f --filter "label=$LABEL=$label" >/dev/null
done
