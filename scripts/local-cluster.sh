#!/usr/bin/env bash
# Starts N clustered Gamma nodes on 127.0.0.1 from conf/gamma.yaml (or --config FILE): players on
# 25665.., admin on 8081.., cluster on 5701... Ctrl-C stops them all. Same as `./gamma local-cluster N`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$here/gamma" local-cluster "${@:-3}"
