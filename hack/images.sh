#!/usr/bin/env bash
# Builds Klaxon's container images without a container engine or a registry: each image is a
# docker-save archive (layer tars, a config and a manifest) that `ctr images import` (or
# `docker load`) reads. src/main/docker/ has the equivalent Dockerfiles for people who build
# with an engine of their own.
#
#   hack/images.sh base        the JRE base: Debian bookworm, essential packages + ca-certificates
#                              + openjdk-17-jre-headless (mmdebstrap, from the host's apt sources)
#   hack/images.sh pause       registry.k8s.io/pause, built from the pause.c of the k8s.io/kubernetes
#                              module the control plane is built from
#   hack/images.sh step        the step image of the example playbooks: Debian's essential
#                              packages (a shell, coreutils) and ca-certificates, plus kubectl
#   hack/images.sh operator [QUARKUS_APP_DIR]
#                              the operator: the base, then the application's dependencies and the
#                              application itself as separate layers (default: target/quarkus-app)
#   hack/images.sh demo        the demo service of the tour (hack/demo/main.go): one static binary
#   hack/images.sh all         all of them
#
# Prints the path of each archive it wrote (or found cached) on stdout, one a line. Layers are
# tars with sorted names, zero times and root ownership, so the same inputs give the same digests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=$(dirname "$here")
CACHE="${KLAXON_CACHE:-$HOME/.cache/klaxon}"
OUT="$CACHE/images"
VERSION="${KLAXON_VERSION:-$(sed -n 's/^appVersion: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$project/helm/klaxon/Chart.yaml")}"
# The names the chart and the examples use; pods take them with imagePullPolicy IfNotPresent/Never.
OPERATOR_IMAGE="ghcr.io/klaxon-dev/klaxon-operator:$VERSION"
DEMO_IMAGE="ghcr.io/klaxon-dev/klaxon-demo:$VERSION"
STEP_IMAGE="registry.k8s.io/kubectl:v1.34.4"   # the upstream kubectl image, rebuilt from the same source
PAUSE_IMAGE="registry.k8s.io/pause:3.10"        # containerd's sandbox image
APP_UID=185                                     # the chart's runAsUser
export SOURCE_DATE_EPOCH=0

log() { printf '[images] %s\n' "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }
mkdir -p "$OUT"

# A reproducible tar of the contents of DIR (paths relative to it), written to FILE.
tar_dir() { # DIR FILE
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf "$2" .
}

# A docker-save archive of layer tars with an image config. Writes $OUT/NAME.tar atomically.
archive() { # NAME REF CONFIG_JSON_FRAGMENT LAYER.tar...
  local name=$1 ref=$2 config=$3; shift 3
  local work; work=$(mktemp -d "$OUT/.work.XXXXXX")
  local diff_ids=() layers=() layer sum
  for layer in "$@"; do
    sum=$(sha256sum "$layer" | cut -d' ' -f1)
    mkdir -p "$work/$sum"
    cp "$layer" "$work/$sum/layer.tar"
    diff_ids+=("\"sha256:$sum\""); layers+=("\"$sum/layer.tar\"")
  done
  local joined_ids joined_layers
  joined_ids=$(IFS=,; echo "${diff_ids[*]}"); joined_layers=$(IFS=,; echo "${layers[*]}")
  printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":[%s]}}' \
    "$config" "$joined_ids" > "$work/config.json"
  local config_sum; config_sum=$(sha256sum "$work/config.json" | cut -d' ' -f1)
  mv "$work/config.json" "$work/$config_sum.json"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":[%s]}]' "$config_sum" "$ref" "$joined_layers" > "$work/manifest.json"
  tar_dir "$work" "$OUT/$name.tar.tmp"
  mv "$OUT/$name.tar.tmp" "$OUT/$name.tar"
  rm -rf "$work"
  log "$ref: $OUT/$name.tar ($(du -m "$OUT/$name.tar" | cut -f1) MiB)"
  echo "$OUT/$name.tar"
}

# A root filesystem layer from mmdebstrap: Debian bookworm's essential packages plus PACKAGES.
debian_layer() { # NAME PACKAGES
  local tar="$OUT/$1-layer.tar"
  if [ ! -f "$tar" ]; then
    command -v mmdebstrap >/dev/null || die "mmdebstrap is missing: apt-get install -y mmdebstrap"
    log "$1: mmdebstrap bookworm (essential, $2), about a minute"
    # update-alternatives (openjdk's postinst) needs the man1 directory even with man pages excluded.
    mmdebstrap --quiet --variant=essential --include="$2" \
      --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
      --dpkgopt='path-exclude=/usr/share/locale/*' --skip=output/dev \
      --customize-hook='mkdir -p "$1/deployments" "$1/tmp" && chmod 1777 "$1/tmp"' \
      bookworm "${tar%.tar}.tmp.tar" - < <(apt_sources) >&2
    mv "${tar%.tar}.tmp.tar" "$tar"
  fi
  echo "$tar"
}
base_layer() { debian_layer base ca-certificates,openjdk-17-jre-headless; }
tools_layer() { debian_layer tools ca-certificates; }

# Whether archive NAME exists and is newer than every input file.
fresh() { # NAME INPUT...
  local archive="$OUT/$1.tar" input; shift
  [ -f "$archive" ] || return 1
  for input in "$@"; do [ "$archive" -nt "$input" ] || return 1; done
  echo "$archive"
}

control_plane_bin() {
  "$here/build-control-plane.sh" 2>/dev/null | tail -n 1 || die "hack/build-control-plane.sh failed: run it to see why"
}

# The host's apt sources (deb822 or one-line style), so the image comes from the mirror this
# machine is configured for.
apt_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && { cat "$f"; echo; }
  done
}

k8s_module_dir() {
  local bin; bin=$(control_plane_bin)
  local version; version=$(basename "$bin"); version=${version%-linux-amd64}
  (cd "$CACHE/gowork/kubernetes-$version" && go mod download -json "k8s.io/kubernetes@v$version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
}

build_pause() {
  fresh pause "$here/images.sh" && return
  local dir; dir=$(mktemp -d); mkdir -p "$dir/rootfs"
  local src; src="$(k8s_module_dir)/build/pause/linux/pause.c"
  [ -f "$src" ] || die "pause.c not found at $src"
  gcc -Os -static -DVERSION=v3.10-klaxon -o "$dir/rootfs/pause" "$src"
  strip "$dir/rootfs/pause"
  tar_dir "$dir/rootfs" "$dir/layer.tar"
  archive pause "$PAUSE_IMAGE" '{"User":"65535:65535","Entrypoint":["/pause"]}' "$dir/layer.tar"
  rm -rf "$dir"
}

build_step() {
  local base; base=$(tools_layer)
  local bin; bin=$(control_plane_bin)
  [ -x "$bin/kubectl" ] || die "kubectl was not built into $bin"
  fresh step "$base" "$bin/kubectl" "$here/images.sh" && return
  # /usr/bin, not /bin: in Debian /bin is a symlink to usr/bin, which a bin/ directory in a layer would replace.
  local dir; dir=$(mktemp -d); mkdir -p "$dir/rootfs/usr/bin"
  cp "$bin/kubectl" "$dir/rootfs/usr/bin/kubectl"
  tar_dir "$dir/rootfs" "$dir/layer.tar"
  archive step "$STEP_IMAGE" '{"User":"65532:65532","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Entrypoint":["/usr/bin/kubectl"]}' \
    "$base" "$dir/layer.tar"
  rm -rf "$dir"
}

# The quarkus-app directory in two layers: lib/ (changes when dependencies do) and the rest.
app_layers() { # APP_DIR WORKDIR
  local app=$1 dir=$2
  [ -f "$app/quarkus-run.jar" ] || die "$app/quarkus-run.jar is missing: run mvn package first"
  mkdir -p "$dir/lib/deployments" "$dir/app/deployments"
  cp -r "$app/lib" "$dir/lib/deployments/lib"
  local entry
  for entry in "$app"/*; do
    case "$(basename "$entry")" in lib|app-cds.jsa) ;; *) cp -r "$entry" "$dir/app/deployments/" ;; esac
  done
  tar_dir "$dir/lib" "$dir/lib.tar"
  tar_dir "$dir/app" "$dir/app.tar"
}

# JVM settings for a small container (see the README's "Running in a container"): heap as a share
# of the memory limit, a GC fit for a small heap that gives memory back, no JIT compiler threads
# beyond what 1-2 cores use, and the class-data sharing archive built below. The jar is named
# relative to the working directory, as it was when the archive was dumped.
JAVA_ENTRYPOINT='"/usr/bin/java","-XX:MaxRAMPercentage=40","-XX:+UseSerialGC","-XX:MinHeapFreeRatio=10","-XX:MaxHeapFreeRatio=30","-XX:TieredStopAtLevel=1","-XX:ReservedCodeCacheSize=64m","-Xss512k","-XX:SharedArchiveFile=app-cds.jsa","-XX:+ExitOnOutOfMemoryError","-Djava.io.tmpdir=/tmp","-Dvertx.cacheDirBase=/tmp/vertx","-jar","quarkus-run.jar"'
# glibc keeps one malloc arena per thread that ever allocated; two are plenty for this process.
JAVA_ENV='"MALLOC_ARENA_MAX=2"'

# A class-data sharing archive of the classes the operator loads when it starts, dumped by the
# image's own JVM from the image's own files: a JVM takes an archive only from the same JDK build
# and the same jars (path, size and time). Started in a chroot of the layers, the application
# stops after its static initialisation (quarkus.appcds.generate) and the JVM writes the archive;
# a second start with -Xshare:on (which fails unless the archive maps) proves the image can use it.
# A dump is not byte-for-byte repeatable, so the layer is kept per digest of its input layers:
# the same build output gives the same image.
cds_layer() { # DIR LAYER.tar...
  local dir=$1; shift
  local key; key=$(cat "$@" | sha256sum | cut -c1-16)
  if [ -f "$OUT/cds-$key.tar" ]; then
    cp "$OUT/cds-$key.tar" "$dir/cds.tar"
    return
  fi
  rm -f "$OUT"/cds-*.tar
  local root="$dir/cds-root" layer
  mkdir -p "$root"
  for layer in "$@"; do tar -xf "$layer" -C "$root"; done
  mkdir -p "$root/dev" "$root/proc" "$dir/cds/deployments"
  local run="mount --rbind /dev '$root/dev' && mount -t proc proc '$root/proc' && chroot '$root' /bin/sh -c 'cd /deployments \
    && /usr/bin/java -XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar quarkus-run.jar \\
    && /usr/bin/java -Xshare:on -XX:SharedArchiveFile=app-cds.jsa -Dquarkus.appcds.generate=true -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar quarkus-run.jar'"
  if [ "$(id -u)" = 0 ]; then
    unshare --mount --pid --fork sh -c "$run" >&2
  else
    unshare --map-root-user --mount --pid --fork sh -c "$run" >&2
  fi
  [ -s "$root/deployments/app-cds.jsa" ] || die "the class-data sharing archive was not written (see above)"
  cp "$root/deployments/app-cds.jsa" "$dir/cds/deployments/app-cds.jsa"
  # /dev was bound only inside the namespace, gone with it; refuse to delete anything if it is not empty.
  rmdir "$root/dev" "$root/proc" || die "$root/dev or $root/proc is not empty: not deleting $root"
  rm -rf "$root"
  tar_dir "$dir/cds" "$dir/cds.tar"
  cp "$dir/cds.tar" "$OUT/cds-$key.tar"
}

build_operator() {
  local app=${1:-$project/target/quarkus-app}
  local base; base=$(base_layer)
  local dir; dir=$(mktemp -d)
  app_layers "$app" "$dir"
  cds_layer "$dir" "$base" "$dir/lib.tar" "$dir/app.tar"
  archive operator "$OPERATOR_IMAGE" "{\"User\":\"$APP_UID:$APP_UID\",\"WorkingDir\":\"/deployments\",\"Env\":[$JAVA_ENV],\"ExposedPorts\":{\"8080/tcp\":{}},\"Entrypoint\":[$JAVA_ENTRYPOINT]}" \
    "$base" "$dir/lib.tar" "$dir/app.tar" "$dir/cds.tar"
  rm -rf "$dir"
}

build_demo() {
  fresh demo "$here/demo/main.go" "$here/images.sh" && return
  local dir; dir=$(mktemp -d); mkdir -p "$dir/rootfs"
  (cd "$here/demo" && CGO_ENABLED=0 GOFLAGS=-buildvcs=false go build -trimpath -ldflags "-s -w" -o "$dir/rootfs/demo-api" .)
  tar_dir "$dir/rootfs" "$dir/layer.tar"
  archive demo "$DEMO_IMAGE" '{"User":"65532:65532","ExposedPorts":{"8080/tcp":{}},"Entrypoint":["/demo-api"]}' "$dir/layer.tar"
  rm -rf "$dir"
}

case "${1:-}" in
  base) base_layer; tools_layer ;;
  pause) build_pause ;;
  step) build_step ;;
  operator) build_operator "${2:-}" ;;
  demo) build_demo ;;
  all) build_pause; build_step; build_demo; build_operator "${2:-}" ;;
  *) echo "usage: $0 base|pause|step|operator [QUARKUS_APP_DIR]|demo|all" >&2; exit 2 ;;
esac
