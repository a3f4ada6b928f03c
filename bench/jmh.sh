#!/usr/bin/env bash
# JMH microbenchmarks: VarInt, handshake decode, hostname normalization, route lookup, the access-list check,
# and sealing a cluster entry or a command.
#
#   bench/jmh.sh                         every benchmark, 1 fork, 3 warm-up and 5 measured iterations of 1 s
#   bench/jmh.sh -prof gc                the same, with allocation per operation (gc.alloc.rate.norm)
#   bench/jmh.sh RouteLookup -i 10       a first argument not starting with '-' picks benchmarks by name;
#                                        JMH options follow and override the defaults
#
# The result table is printed and written to bench/results/jmh-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests test-compile
classpath_file=target/jmh-classpath.txt
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >/dev/null

include='dev\.gamma\..*Benchmark\.'
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  include="dev\.gamma\..*$1"
  shift
fi
# JMH refuses a repeated option, so a default goes in only when that option was not passed.
options=()
for default in "-f 1" "-wi 3" "-i 5" "-w 1s" "-r 1s"; do
  name=${default%% *}
  case " $* " in
    *" $name "*) ;;
    *) options+=("$name" "${default#* }") ;;
  esac
done
options+=("$@")

mkdir -p bench/results
result=bench/results/jmh-$(date +%F).txt
table=$(mktemp)
trap 'rm -f "$table"' EXIT

java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main \
  "$include" "${options[@]}" -rf text -rff "$table"

{
  echo "# Gamma JMH microbenchmarks, $(date -u '+%F %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "# $(java -version 2>&1 | sed -n 2p), $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "# options: ${options[*]}"
  echo
  cat "$table"
} >"$result"
echo
cat "$result"
echo "written to $result"
