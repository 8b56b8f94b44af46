#!/usr/bin/env bash
# Rendition speed, whole processes side by side: `./archive render` (one thread and all cores)
# against libvips (shared/bench/vips-renditions.sh) and against Thumbnailator called once per size,
# all making the four default renditions (2048, 1024, 512, 256 px) of the same images with a
# 512 MB heap. The programs take turns, round after round, so a busy machine slows them alike;
# medians and ratios are printed at the end.
#
# Usage: processor/bench/renditions.sh [ROUNDS] [IMAGE_DIR]   (defaults: 5, ../shared/corpus/large)
# Needs Debian's libvips-tools for the vips peer (skipped when vipsthumbnail is missing).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds=${1:-5}
dir=${2:-$root/../shared/corpus/large}
vips_script="$root/../shared/bench/vips-renditions.sh"
images=("$dir"/*.jpg)
cores=$(nproc)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cd "$root"
echo "building ..." >&2
./mvnw -q -B -DskipTests -pl standalone -am package >&2
./mvnw -q -B -pl processor test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
baseline_cp="processor/target/test-classes:processor/target/classes:$(cat processor/target/bench-classpath.txt)"

declare -A names=(
  [render1]="./archive render, 1 thread"
  [renderN]="./archive render, $cores threads"
  [vips]="vips-renditions.sh (vipsthumbnail)"
  [thumb1]="Thumbnails.of(file).size(s,s), 1 thread"
  [thumbN]="Thumbnails.of(file).size(s,s), $cores threads"
)
order=(render1 renderN vips thumb1 thumbN)
command -v vipsthumbnail >/dev/null || { echo "vipsthumbnail missing: the vips peer is skipped" >&2; order=(render1 renderN thumb1 thumbN); }

run() {
  case $1 in
    render1) ARCHIVE_JAVA_OPTS=-Xmx512m ./archive render --threads 1 --out "$out/r1" "${images[@]}" >/dev/null ;;
    renderN) ARCHIVE_JAVA_OPTS=-Xmx512m ./archive render --threads "$cores" --out "$out/rn" "${images[@]}" >/dev/null ;;
    vips) sh "$vips_script" "$out/v" "${images[@]}" >/dev/null 2>&1 ;;
    thumb1) java -Xmx512m -cp "$baseline_cp" media.archive.processor.ThumbnailatorBaseline "$out/t1" 1 "${images[@]}" ;;
    thumbN) java -Xmx512m -cp "$baseline_cp" media.archive.processor.ThumbnailatorBaseline "$out/tn" "$cores" "${images[@]}" ;;
  esac
}

declare -A times
for ((round = 1; round <= rounds; round++)); do
  for name in "${order[@]}"; do
    start=$(date +%s%N)
    run "$name"
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    times[$name]+="$ms "
    printf 'round %d  %-45s %6d ms\n' "$round" "${names[$name]}" "$ms"
  done
done

median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "${#images[@]} images from $dir, median of $rounds rounds, whole process, -Xmx512m, $cores cores"
declare -A med
for name in "${order[@]}"; do
  med[$name]=$(median "${times[$name]}")
  awk -v n="${names[$name]}" -v ms="${med[$name]}" -v k="${#images[@]}" \
    'BEGIN {printf "  %-45s %6d ms  %6.0f ms/image  %5.2f images/s\n", n, ms, ms / k, k * 1000 / ms}'
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo
if [[ -n ${med[vips]:-} ]]; then
  echo "  render ($cores threads) / vips:          $(ratio "${med[renderN]}" "${med[vips]}")   (target: at most 0.50)"
  echo "  render (1 thread) / vips:               $(ratio "${med[render1]}" "${med[vips]}")"
fi
echo "  Thumbnailator / render, 1 thread:       $(ratio "${med[thumb1]}" "${med[render1]}")x faster   (target: at least 3)"
echo "  Thumbnailator / render, $cores threads:      $(ratio "${med[thumbN]}" "${med[renderN]}")x faster"
