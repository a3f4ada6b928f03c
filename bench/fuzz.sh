#!/usr/bin/env bash
# Fuzzes the decoders with Jazzer, one target of DecoderFuzzTargets at a time (docs/fuzzing.md).
#
#   bench/fuzz.sh                      every target in turn, 60 s each
#   bench/fuzz.sh 600 handshake frames those targets, 600 s each
#
# A finding stops that target, is saved under
# src/test/resources/dev/gamma/protocol/DecoderFuzzTargetsInputs/<target>/ (replayed by every build from then
# on) and makes the script exit 1 once every target has run.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
[ $# -gt 0 ] && shift
targets_source=src/test/java/dev/gamma/protocol/DecoderFuzzTargets.java
if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(grep -oP '(?<=    void )\w+(?=\(byte\[\] data\))' "$targets_source" | grep -vx allDecoders)
fi
inputs=dev/gamma/protocol/DecoderFuzzTargetsInputs

failed=()
for target in "${targets[@]}"; do
  echo "== $target: ${seconds}s"
  # Jazzer saves a finding next to the target's inputs only if that directory exists, on the test classpath too.
  mkdir -p "src/test/resources/$inputs/$target" "target/test-classes/$inputs/$target"
  if ! mvn -B -q test -Pfuzz -Dgamma.fuzz.target="$target" -Dgamma.fuzz.seconds="$seconds"; then
    failed+=("$target")
  fi
  rmdir --ignore-fail-on-non-empty "src/test/resources/$inputs/$target"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "findings in: ${failed[*]} (inputs under src/test/resources/$inputs/)"
  exit 1
fi
echo "no findings in ${#targets[@]} targets, ${seconds}s each"
