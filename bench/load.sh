#!/usr/bin/env bash
# The archive under a newsroom's load: photographers upload real photographs while editors
# search and websites fetch thumbnails, all against one `./archive run` on this machine.
# Usage: bench/load.sh [photos dir=../shared/corpus/images] [uploads=2000] [uploaders=20]
#        [searchers=10] [fetchers=50] [timeout seconds=900] [uploads per second=0: unpaced]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos=$(cd "${1:-$root/../shared/corpus/images}" && pwd)
shift || true
cd "$root"
./mvnw -q -B -DskipTests -pl standalone -am package
./mvnw -q -B -pl standalone -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test
cd standalone
exec java -Xmx1g -Dbenchmark.root="$root" -cp "target/classes:target/test-classes:$(cat target/classpath.txt)" \
  media.archive.standalone.LoadBenchmark "$photos" "$@"
