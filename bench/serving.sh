#!/usr/bin/env bash
# Serving speed: wrk against a hot `medium` rendition of the archive and against the same file
# served by nginx, same connections and duration, then the same for 304 revalidations.
# Needs Debian's wrk and nginx. Usage: bench/serving.sh [seconds] [connections]
#
# What counting usage costs: `bench/serving.sh referer [seconds] [connections] [rounds]` measures
# the archive alone (no nginx), each round once without and once with a website's Referer on
# every request (the order alternating between rounds, so that a drift of the machine's load
# weighs on both), for 304 and for 200, and prints the medians, their ratio and the load average.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=nginx
if [[ ${1:-} == referer ]]; then
  mode=referer
  shift
fi
seconds=${1:-10}
connections=${2:-32}
rounds=${3:-5}
threads=2
nginx_static=${NGINX_STATIC:-$root/../shared/bench/nginx-static.sh}
work=$(mktemp -d /tmp/serving-bench.XXXXXX)
archive_port=${ARCHIVE_BENCH_PORT:-18080}
nginx_port=${NGINX_BENCH_PORT:-18081}
archive_pid=

cleanup() {
  [[ -n "$archive_pid" ]] && kill "$archive_pid" 2>/dev/null && wait "$archive_pid" 2>/dev/null || true
  [[ -f /tmp/nginx-bench/nginx.pid ]] && kill "$(cat /tmp/nginx-bench/nginx.pid)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

tools="wrk curl"; [[ $mode == nginx ]] && tools="wrk nginx curl"
for tool in $tools; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install $tools)" >&2; exit 1; }
done

echo "starting the archive on port $archive_port (data in $work/data) ..."
# Usage is published every 2 s in the referer mode, so that the run ends by showing what it counted.
[[ $mode == referer ]] && export API_USAGE_FLUSH_SECONDS=${API_USAGE_FLUSH_SECONDS:-2}
ARCHIVE_DATA_DIR=$work/data ARCHIVE_HTTP_PORT=$archive_port ARCHIVE_HTTP_HOST=127.0.0.1 \
  "$root/archive" run > "$work/archive.log" 2>&1 &
archive_pid=$!
base=http://127.0.0.1:$archive_port
for _ in $(seq 1 180); do
  curl -sf "$base/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "$base/health/ready" >/dev/null || { echo "the archive did not start; log:" >&2; cat "$work/archive.log" >&2; exit 1; }
admin=$(cat "$work/data/admin.key")

id=$(curl -sf "$base/v1/uploads" -H "Authorization: Bearer $admin" \
  -F file=@"$root/standalone/src/test/resources/photos/skater.jpg" | sed -E 's/.*"id":"([0-9a-f]{64})".*/\1/')
for _ in $(seq 1 120); do
  curl -sf "$base/v1/images/$id" -H "Authorization: Bearer $admin" | grep -q '"status":"ready"' && break
  sleep 0.5
done
# The URL websites get from the embed: the medium rendition with its rights version (?v=).
path=$(curl -sf "$base/v1/images/$id/embed?format=json" | grep -o '"url":"[^"]*/renditions/medium?v=[^"&]*"' | head -1 \
  | sed -E 's/^"url":"https?:\/\/[^\/]+//; s/"$//')
mkdir -p "$work/static"
curl -sf -o "$work/static/medium.jpg" "$base$path"
chmod 755 "$work" "$work/static"; chmod 644 "$work/static/medium.jpg"   # nginx's workers run as another user
for _ in 1 2 3; do curl -sf -o /dev/null "$base$path"; done   # hot: in the archive's memory from now on
archive_etag=$(curl -sI "$base$path" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

if [[ $mode == referer ]]; then
  # A story page of a website, as browsers send it with every picture of the page.
  referer="Referer: https://www.news.example/2026/12/03/harbour-at-dawn.html"
  revalidate="If-None-Match: $archive_etag"
  ticks=$(getconf CLK_TCK)
  cpu() { awk '{print $14 + $15}' "/proc/$archive_pid/stat"; }   # the archive's processor time, in ticks
  # url [header] [header] -> "requests/s microseconds-of-the-archive's-processor-per-request"
  measure() {
    local args=(-t$threads -c$connections -d${seconds}s) before after out
    [[ -n "${2:-}" ]] && args+=(-H "$2")
    [[ -n "${3:-}" ]] && args+=(-H "$3")
    before=$(cpu)
    out=$(wrk "${args[@]}" "$1")
    after=$(cpu)
    echo "$out" >> "$work/wrk.log"
    awk -v used=$((after - before)) -v tck="$ticks" '/requests in/ {n=$1} /Requests\/sec/ {r=$2}
      END {printf "%s %.1f\n", r, used / tck * 1e6 / n}' <<< "$out"
  }
  wrk -t$threads -c$connections -d5s -H "$referer" "$base$path" >/dev/null
  wrk -t$threads -c$connections -d3s -H "$revalidate" "$base$path" >/dev/null
  echo "file: medium rendition, $(curl -s -o /dev/null -w '%{size_download}' "$base$path") bytes; wrk -t$threads -c$connections -d${seconds}s, $rounds rounds"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  declare -A rate=() cost=()
  record() { # kind url headers... : runs one measurement into rate[kind] and cost[kind]
    local kind=$1; shift
    read -r r c < <(measure "$@")
    rate[$kind]+="$r "; cost[$kind]+="$c "
    printf ' %s %s r/s %s us' "$kind" "$r" "$c"
  }
  for round in $(seq 1 "$rounds"); do
    printf 'round %s:' "$round"
    if (( round % 2 )); then
      record 304 "$base$path" "$revalidate"; record 304ref "$base$path" "$revalidate" "$referer"
      record 200 "$base$path"; record 200ref "$base$path" "$referer"
    else
      record 304ref "$base$path" "$revalidate" "$referer"; record 304 "$base$path" "$revalidate"
      record 200ref "$base$path" "$referer"; record 200 "$base$path"
    fi
    echo " (load $(cut -d' ' -f1 /proc/loadavg))"
  done
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  # Each round's two runs are back to back: the median of their ratios cancels most of a busy
  # machine's drift. Processor time per request is the steadier figure on a shared machine: it
  # does not depend on how much of the processors the other programs took meanwhile.
  ratios() { paste -d' ' <(tr ' ' '\n' <<< "$1" | grep .) <(tr ' ' '\n' <<< "$2" | grep .) | awk '{print $2 / $1}' | tr '\n' ' '; }
  printf '%-5s %12s %12s %10s %12s %12s %12s %10s\n' "" "r/s without" "r/s with" "ratio" "round ratio" "us without" "us with" "ratio"
  for kind in 304 200; do
    a=$(median <<< "${rate[$kind]}"); b=$(median <<< "${rate[${kind}ref]}")
    c=$(median <<< "${cost[$kind]}"); d=$(median <<< "${cost[${kind}ref]}")
    q=$(ratios "${rate[$kind]}" "${rate[${kind}ref]}" | median)
    printf '%-5s %12s %12s %10.3f %12.3f %12s %12s %10.3f\n' "$kind" "$a" "$b" "$(awk "BEGIN{print $b/$a}")" "$q" "$c" "$d" \
      "$(awk "BEGIN{print $d/$c}")"
  done
  # The counts reached the usage view: the run measured counting, not a route that skipped it.
  sleep "$API_USAGE_FLUSH_SECONDS"; sleep 1
  echo "usages of the picture: $(curl -sf "$base/v1/images/$id/usages" -H "Authorization: Bearer $admin")"
  exit 0
fi

sh "$nginx_static" "$work/static" "$nginx_port" >/dev/null
rps() { # url [header] -> requests per second
  local args=(-t$threads -c$connections -d${seconds}s)
  [[ -n "${2:-}" ]] && args+=(-H "$2")
  wrk "${args[@]}" "$1" | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print $2}'
}
nginx_url=http://127.0.0.1:$nginx_port/medium.jpg
nginx_etag=$(curl -sI "$nginx_url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
bytes=$(stat -c %s "$work/static/medium.jpg")

status() { curl -s -o /dev/null -w '%{http_code}' ${2:+-H "$2"} "$1"; }

# The JVM compiles its hot paths in the first seconds: warm it up before measuring (nginx needs none).
wrk -t$threads -c$connections -d5s "$base$path" >/dev/null
wrk -t$threads -c$connections -d3s -H "If-None-Match: $archive_etag" "$base$path" >/dev/null
echo "file: medium rendition, $bytes bytes; wrk -t$threads -c$connections -d${seconds}s, one run each"
echo "check: archive $(status "$base$path") / $(status "$base$path" "If-None-Match: $archive_etag"), nginx $(status "$nginx_url") / $(status "$nginx_url" "If-None-Match: $nginx_etag")"
a200=$(rps "$base$path"); n200=$(rps "$nginx_url")
a304=$(rps "$base$path" "If-None-Match: $archive_etag"); n304=$(rps "$nginx_url" "If-None-Match: $nginx_etag")
printf '%-22s %12s %12s %8s\n' "" "archive" "nginx" "ratio"
printf '%-22s %12s %12s %8s\n' "200 (requests/s)" "$a200" "$n200" "$(awk "BEGIN{printf \"%.2f\", $a200/$n200}")"
printf '%-22s %12s %12s %8s\n' "304 (requests/s)" "$a304" "$n304" "$(awk "BEGIN{printf \"%.2f\", $a304/$n304}")"
echo "archive 304 vs its own 200: $(awk "BEGIN{printf \"%.2f\", $a304/$a200}")x"
