#!/usr/bin/env bash
# Uploads every image of a directory through POST /v1/uploads of a fresh `./archive run` and
# prints, per file, what the archive made of it: `ready` with its renditions, `failed` with the
# reason, or the HTTP answer when ingest refused it. Needs curl and jq.
#
# Usage: processor/bench/corpus-uploads.sh [IMAGE_DIR]   (default ../shared/corpus/images)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=${1:-$root/../shared/corpus/images}
data=$(mktemp -d)
port=${PORT:-18090}
admin="corpus-run-admin-key-$(date +%s)"
log="$data/archive.log"

ARCHIVE_DATA_DIR="$data" ARCHIVE_HTTP_PORT=$port ARCHIVE_ADMIN_KEY=$admin "$root/archive" run >"$log" 2>&1 &
archive_pid=$!
trap 'kill $archive_pid 2>/dev/null; wait $archive_pid 2>/dev/null; rm -rf "$data"' EXIT

base=http://localhost:$port
until curl -sf "$base/health/ready" >/dev/null; do
  kill -0 $archive_pid 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done
key() {
  curl -sf -X POST "$base/v1/keys" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"name\":\"corpus run\",\"role\":\"$1\"}" | jq -r .key
}
photographer=$(key photographer)
editor=$(key editor)

declare -A ids
for f in "$dir"/*; do
  case "$f" in *.txt|*.json|*.md) continue ;; esac
  answer=$(curl -s -w '\n%{http_code}' "$base/v1/uploads" -H "Authorization: Bearer $photographer" -F "file=@$f")
  code=$(tail -n1 <<<"$answer")
  body=$(sed '$d' <<<"$answer")
  if [[ $code == 202 || $code == 200 ]]; then
    ids[$f]=$(jq -r .id <<<"$body")
  else
    printf '%-60s refused %s %s\n' "$(basename "$f")" "$code" "$(jq -r '.error + ": " + .message' <<<"$body" 2>/dev/null || echo "$body")"
  fi
done

for f in "${!ids[@]}"; do
  id=${ids[$f]}
  for _ in $(seq 1 120); do
    record=$(curl -s "$base/v1/images/$id" -H "Authorization: Bearer $editor")
    status=$(jq -r .status <<<"$record")
    [[ $status != processing ]] && break
    sleep 0.5
  done
  if [[ $status == ready ]]; then

    printf '%-60s ready   %s\n' "$(basename "$f")" \
      "$(jq -r '[.renditions[] | "\(.name) \(.width)x\(.height)"] | join(", ")' <<<"$record")"
  else

    printf '%-60s %-7s %s\n' "$(basename "$f")" "$status" "$(jq -r '(.failure.reason // "") + ": " + (.failure.message // "")' <<<"$record")"
  fi
done | sort -k2,2 -k1,1
