#!/usr/bin/env bash
# Serving speed: wrk against a hot `medium` rendition of the archive and against the same file
# served by nginx, same connections and duration, then the same for 304 revalidations.
# Needs Debian's wrk and nginx. Usage: bench/serving.sh [seconds] [connections]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=${1:-10}
connections=${2:-32}
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

for tool in wrk nginx curl; do
  command -v $tool >/dev/null || { echo "needs $tool (apt-get install wrk nginx curl)" >&2; exit 1; }
done

echo "starting the archive on port $archive_port (data in $work/data) ..."
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

sh "$nginx_static" "$work/static" "$nginx_port" >/dev/null
nginx_url=http://127.0.0.1:$nginx_port/medium.jpg
nginx_etag=$(curl -sI "$nginx_url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
bytes=$(stat -c %s "$work/static/medium.jpg")

rps() { # url [header] -> requests per second
  if [[ -n "${2:-}" ]]; then
    wrk -t$threads -c$connections -d${seconds}s -H "$2" "$1"
  else
    wrk -t$threads -c$connections -d${seconds}s "$1"
  fi | tee -a "$work/wrk.log" | awk '/Requests\/sec/ {print $2}'
}
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
