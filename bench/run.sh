#!/usr/bin/env bash
# Gamma against a direct connection and HAProxy, measured interleaved in one run (see docs/benchmark.md).
#
#   bench/run.sh [--quick] [--rounds N] [--seconds S] [--warmup S] [--idle N] [--cluster-count K]
#                [--no-build] [--no-idle] [--no-cluster] [--keep] [--tag TAG] [--only M,..] [--targets T,..]
#
# Starts the load tool's upstream, five Gamma nodes (raw relay; the same on epoll; with splice; in a cluster of one;
# and in a cluster with the fleet's shared features on), a minimal login relay
# twice (on Vert.x NetServers, and on bare channels as Gamma's; bench/src/main/java/dev/gamma/bench/netserver),
# three HAProxy processes (plain, option splice-auto, and splice forced both ways), then a 3-node Gamma cluster;
# prints a table and writes it to bench/results/<date>[-TAG].md.
# --only keeps some measurements (up1,down1,up64,down64,connrate,latency), --targets some targets (direct is always
# measured); both are for quick A/Bs, and a report of such a run says which targets it left out.
# Only loopback addresses; everything it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

ROUNDS=3 MEASURE=2 WARMUP=0.5 IDLE=9000 CLUSTER_COUNT=50 BUILD=1 IDLE_ON=1 CLUSTER_ON=1 KEEP=0 QUICK=0 SETTLE_ROUNDS=8 TAG=
ONLY= ONLY_TARGETS=
usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }
names() { [[ ${2:-} =~ ^[a-z0-9-]+(,[a-z0-9-]+)*$ ]] || { echo "bench/run.sh: $1 takes names separated by commas" >&2; exit 2; }; }
value() { [ $# -ge 2 ] && [[ $2 =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "bench/run.sh: $1 takes a number" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ROUNDS=1 MEASURE=0.5 WARMUP=0.25 IDLE=2000 CLUSTER_COUNT=10 SETTLE_ROUNDS=1 ;;
    --rounds) value "$@"; ROUNDS=$2; shift ;;
    --seconds) value "$@"; MEASURE=$2; shift ;;
    --warmup) value "$@"; WARMUP=$2; shift ;;
    --idle) value "$@"; IDLE=$2; shift ;;
    --cluster-count) value "$@"; CLUSTER_COUNT=$2; shift ;;
    --no-build) BUILD=0 ;;
    --no-idle) IDLE_ON=0 ;;
    --no-cluster) CLUSTER_ON=0 ;;
    --keep) KEEP=1 ;;
    --tag) [[ ${2:-} =~ ^[A-Za-z0-9_-]+$ ]] || { echo "bench/run.sh: --tag takes letters, digits, - or _" >&2; exit 2; }
           TAG=-$2; shift ;;
    --only) names "$@"; ONLY=$2; shift ;;
    --targets) names "$@"; ONLY_TARGETS=$2; shift ;;
    -h|--help) usage 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; usage ;;
  esac
  shift
done

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/run.sh: $*"; exit 1; }

# --- ports (loopback only); BENCH_PORT_BASE moves them all ---------------------------------------------
# Below the ephemeral range (32768+ on Linux), so that the run's own outgoing connections never take them.
BASE=${BENCH_PORT_BASE:-27600}
UP_PORT=$BASE
declare -A PORT=([direct]=$BASE [gamma]=$((BASE + 1)) [gamma-splice]=$((BASE + 2)) [haproxy]=$((BASE + 3))
                 [haproxy-splice]=$((BASE + 4)) [gamma-framed]=$((BASE + 1)) [netserver]=$((BASE + 5))
                 [bare]=$((BASE + 6)) [gamma-fleet]=$((BASE + 7)) [gamma-clustered]=$((BASE + 8))
                 [haproxy-splice-forced]=$((BASE + 9)) [gamma-epoll]=$((BASE + 10)))
declare -A ADMIN=([gamma]=$((BASE + 11)) [gamma-splice]=$((BASE + 12)) [gamma-fleet]=$((BASE + 13)) [gamma-clustered]=$((BASE + 14))
                  [gamma-epoll]=$((BASE + 15)))
declare -A HOST=([direct]=bench.test [gamma]=bench.test [gamma-splice]=bench.test [haproxy]=bench.test
                 [haproxy-splice]=bench.test [gamma-framed]=framed.bench.test [netserver]=bench.test
                 [bare]=bench.test [gamma-fleet]=bench.test [gamma-clustered]=bench.test
                 [haproxy-splice-forced]=bench.test [gamma-epoll]=bench.test)
# wanted LABEL: the target is to be measured (--targets)
wanted() { [ -z "$ONLY_TARGETS" ] || [[ ",$ONLY_TARGETS," == *",${1%-framed},"* ]]; }
CLUSTER_PROXY=$((BASE + 21)) CLUSTER_ADMIN=$((BASE + 31)) CLUSTER_PORT=$((BASE + 41)) FLEET_PORT=$((BASE + 51))

# --- prerequisites ---------------------------------------------------------------------------------------
command -v java >/dev/null || die "java (JDK 17) is required"
command -v jcmd >/dev/null || die "jcmd (from the JDK) is required"
if [ "$BUILD" = 1 ]; then command -v mvn >/dev/null || die "Maven (mvn) is required to build; or pass --no-build"; fi
HAPROXY=$(command -v haproxy || { [ -x /usr/sbin/haproxy ] && echo /usr/sbin/haproxy; } || true)
if [ -z "$HAPROXY" ]; then
  [ "$(id -u)" = 0 ] || die "HAProxy is missing: install it (apt-get install haproxy) or run this as root"
  say "Installing HAProxy..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq haproxy >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
  HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
fi

if [ "$BUILD" = 1 ]; then
  say "Building (mvn -B -q -DskipTests package)..."
  mvn -B -q -DskipTests package >&2
fi
GAMMA_JAR=$ROOT/target/gamma.jar BENCH_JAR=$ROOT/target/gamma-bench.jar
[ -f "$GAMMA_JAR" ] && [ -f "$BENCH_JAR" ] || die "target/gamma.jar or target/gamma-bench.jar is missing"

ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
if [ "$IDLE" -gt $(((NOFILE - 1000) / 2)) ]; then
  IDLE=$(((NOFILE - 1000) / 2))
  say "Open-file limit is $NOFILE: idle connections reduced to $IDLE"
fi

# Client and upstream on one core, the proxy under test on another.
# LOAD and PROXY prefix a command (taskset execs it, so a background job's $! is the program's pid).
PIN=0 LOAD=() PROXY=() CORES=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  PIN=1 LOAD_CPUS=${BENCH_LOAD_CPUS:-0} PROXY_CPUS=${BENCH_PROXY_CPUS:-1}
  LOAD=(taskset -c "$LOAD_CPUS") PROXY=(taskset -c "$PROXY_CPUS")
  # how busy the two cores were in all, where each is a single CPU
  if [[ $LOAD_CPUS =~ ^[0-9]+$ && $PROXY_CPUS =~ ^[0-9]+$ ]]; then CORES=(--cores "load=$LOAD_CPUS,proxy=$PROXY_CPUS"); fi
else
  say "Fewer than 2 cores (or no taskset): nothing is pinned, figures are not comparable with pinned runs"
fi

CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
CLIENT_JAVA=(java -XX:+UseSerialGC -Xmx512m -XX:+PerfDisableSharedMem)
# The options a node ships with (conf/jvm.options, as ./gamma run and the Docker image start it): among them a
# fixed, pre-touched heap, whose pages are all resident from the start, so that the growth of the resident set with
# idle connections is native memory alone and the heap is weighed separately (live after a full GC).
GAMMA_JAVA_OPTS=${GAMMA_JAVA_OPTS-"@$ROOT/conf/jvm.options"}
read -r -a GAMMA_JAVA <<< "java $GAMMA_JAVA_OPTS"
# the options themselves, for the report
jvm_options() { # WORDS...: each @file as the options it holds
  local word
  for word in "$@"; do
    if [[ $word == @* ]]; then sed 's/#.*//' "${word#@}" | xargs; else echo "$word"; fi
  done | xargs
}

WORK=$(mktemp -d /tmp/gamma-bench.XXXXXX)
RESULTS=$WORK/results.jsonl
: > "$RESULTS"

# --- process bookkeeping: everything started here is stopped on exit --------------------------------------
PIDS=()
declare -A PID
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ "$KEEP" = 1 ] || [ $code != 0 ]; then say "Logs and raw results kept in $WORK"; else rm -rf "$WORK"; fi
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: runs in the background, output to $WORK/NAME.log
start() {
  local name=$1; shift
  "$@" > "$WORK/$name.log" 2>&1 &
  PID[$name]=$!
  PIDS+=($!)
}
stop() {
  local pid=${PID[$1]:-}
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  unset "PID[$1]"
}
# wait_for NAME PATTERN SECONDS: until the process's log shows PATTERN; fails if it exits or time runs out
wait_for() {
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$WORK/$1.log" 2>/dev/null; do
    kill -0 "${PID[$1]}" 2>/dev/null || return 1
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
  local deadline=$((SECONDS + $2))
  until port_open "$1"; do [ $SECONDS -lt $deadline ] || return 1; sleep 0.1; done
}

for p in "${PORT[@]}" "${ADMIN[@]}" $CLUSTER_PROXY $((CLUSTER_PROXY + 1)) $((CLUSTER_PROXY + 2)) \
         $CLUSTER_ADMIN $((CLUSTER_ADMIN + 1)) $((CLUSTER_ADMIN + 2)) \
         $CLUSTER_PORT $((CLUSTER_PORT + 1)) $((CLUSTER_PORT + 2)); do
  port_open "$p" && die "port $p is in use; set BENCH_PORT_BASE to move the benchmark's ports"
done

# --- the machine --------------------------------------------------------------------------------------------
{
  echo "date:        $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu:         $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel:      $(uname -sr)"
  echo "java:        $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "haproxy:     $("$HAPROXY" -v 2>&1 | head -1)"
  echo "gamma:       $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with local changes)')"
  echo "pinning:     $([ "$PIN" = 1 ] && echo "client + upstream on CPU $LOAD_CPUS, proxy on CPU $PROXY_CPUS" || echo none)"
  echo "settings:    $ROUNDS round(s) x ${MEASURE}s measured after ${WARMUP}s warm-up; $IDLE idle connections; $CLUSTER_COUNT cluster samples; gamma JVM options: ${GAMMA_JAVA_OPTS:-JVM defaults}${GAMMA_JAVA_OPTS:+ = $(jvm_options $GAMMA_JAVA_OPTS)}" \
    | sed "s|@$ROOT/|@|g"
  if [ -n "$ONLY$ONLY_TARGETS" ]; then
    echo "partial:     measurements ${ONLY:-all}; targets ${ONLY_TARGETS:-all} (direct always)"
  fi
} > "$WORK/machine.txt"
cat "$WORK/machine.txt" >&2

# --- upstream ------------------------------------------------------------------------------------------------
start upstream "${LOAD[@]}" "${CLIENT_JAVA[@]}" -jar "$BENCH_JAR" upstream --port "$UP_PORT"
wait_for upstream '"event":"ready"' 30 || die "the upstream did not start: $(tail -3 "$WORK/upstream.log")"

# --- Gamma ------------------------------------------------------------------------------------------------
gamma_config() { # FILE LABEL [splice|epoll]
  local dir=$WORK/$2
  mkdir -p "$dir"
  cat > "$1" <<EOF
bind: 127.0.0.1:${PORT[$2]}
limits:
  per-ip-rate: 1000000
  per-ip-burst: 1000000
  max-greeting-per-ip: 1000000   # the load comes from one address
  max-greeting: 1000000
routes:
  - host: bench.test
    backend: 127.0.0.1:$UP_PORT
  - host: framed.bench.test
    backend: 127.0.0.1:$UP_PORT
    handlers: [packet-stats]
admin:
  bind: 127.0.0.1:${ADMIN[$2]}
cluster:
  enabled: false
data-dir: $dir/data
plugins-dir: $dir/plugins
EOF
  case ${3:-} in
    splice) printf 'relay:\n  splice: true\n' >> "$1" ;;
    epoll) printf 'relay:\n  transport: epoll\n' >> "$1" ;;
  esac
}
# gamma-clustered: the same node in a cluster (of one), so that its players are in the shared registry;
# gamma-fleet: that, with what else the fleet shares switched on: the network's player count in the server list and
# anti-bot watching the login rate (its trigger out of reach, so it refuses no one)
clustered_config() { # FILE LABEL PORT [fleet]
  gamma_config "$1" "$2"
  sed -i '/^cluster:/,$d' "$1"
  if [ "${4:-}" = fleet ]; then
    sed -i 's|^    backend: 127.0.0.1:'"$UP_PORT"'$|&\n    status: {players: network}|' "$1"
    printf 'anti-bot:\n  enabled: true\n  trigger: 1000000/s\n' >> "$1"
  fi
  cat >> "$1" <<EOF
cluster:
  enabled: true
  name: gamma-bench-$2-$$
  secret: "$(head -c 32 /dev/urandom | base64)"
  bind: 127.0.0.1:$3
  members: [127.0.0.1:$3]
data-dir: $WORK/$2/data
plugins-dir: $WORK/$2/plugins
EOF
}
TARGETS=(direct)
declare -A SKIPPED
GAMMAS=() TRANSPORTS=()
for label in gamma gamma-epoll gamma-splice gamma-clustered gamma-fleet; do
  wanted "$label" || continue
  case $label in
    gamma-clustered) clustered_config "$WORK/$label.yaml" "$label" "$FLEET_PORT" ;;
    gamma-fleet) clustered_config "$WORK/$label.yaml" "$label" "$((FLEET_PORT + 1))" fleet ;;
    gamma-splice) gamma_config "$WORK/$label.yaml" "$label" splice ;;
    gamma-epoll) gamma_config "$WORK/$label.yaml" "$label" epoll ;;
    *) gamma_config "$WORK/$label.yaml" "$label" ;;
  esac
  start "$label" "${PROXY[@]}" "${GAMMA_JAVA[@]}" -jar "$GAMMA_JAR" run --config "$WORK/$label.yaml"
  GAMMAS+=("$label")
done
for label in "${GAMMAS[@]}"; do
  if wait_for "$label" 'Gamma ready' 90; then
    TRANSPORTS+=("$label $(grep -o 'transport .*' "$WORK/$label.log" | head -1 | cut -d' ' -f2-)")
    TARGETS+=("$label")
  else
    why=$(grep -m1 -i 'relay\|error' "$WORK/$label.log" || tail -1 "$WORK/$label.log")
    if [ "$label" = gamma ]; then die "Gamma did not start: $why"; fi
    say "$label skipped: $why"
    SKIPPED[$label]=$why
    stop "$label"
  fi
done

joined=$(IFS=';'; echo "${TRANSPORTS[*]:-}")
echo "transports:  ${joined//;/; } (the event loops of each Gamma node)" >> "$WORK/machine.txt"

# --- the listener A/B: one minimal login relay on Vert.x NetServers, and on bare channels as Gamma's ------------
# Bench code (compiled with the tests), run on gamma.jar's classes with Gamma's JVM options and the module
# openings gamma.jar's manifest gives; on Gamma's CPU.
AB_OPENS=(--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED
          --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED)
for label in netserver bare; do
  wanted "$label" || continue
  if [ ! -f "$ROOT/target/test-classes/dev/gamma/bench/netserver/RelayServer.class" ]; then
    SKIPPED[$label]="target/test-classes has no RelayServer (built with -Dmaven.test.skip?)"
    say "$label skipped: ${SKIPPED[$label]}"
    continue
  fi
  start "$label" "${PROXY[@]}" "${GAMMA_JAVA[@]}" "${AB_OPENS[@]}" -cp "$GAMMA_JAR:$ROOT/target/test-classes" \
    dev.gamma.bench.netserver.RelayServer --listener "$label" --bind "127.0.0.1:${PORT[$label]}" \
    --route "bench.test=127.0.0.1:$UP_PORT"
done
AB_TRANSPORTS=()
for label in netserver bare; do
  [ -n "${PID[$label]:-}" ] || continue
  if wait_for "$label" '"event":"ready"' 60; then
    AB_TRANSPORTS+=("$label $(grep -o '"transport":"[a-z_]*"' "$WORK/$label.log" | head -1 | cut -d'"' -f4)")
    TARGETS+=("$label")
  else
    SKIPPED[$label]=$(tail -1 "$WORK/$label.log")
    say "$label skipped: ${SKIPPED[$label]}"
    stop "$label"
  fi
done
if [ ${#AB_TRANSPORTS[@]} -gt 0 ]; then
  joined=$(IFS=';'; echo "${AB_TRANSPORTS[*]}")
  echo "listener A/B: ${joined//;/; } (a Gamma node's auto transport)" >> "$WORK/machine.txt"
fi

# --- HAProxy ---------------------------------------------------------------------------------------------
haproxy_config() { # FILE LABEL MAXCONN [splice|splice-forced]
  cat > "$1" <<EOF
global
  maxconn $3
  nbthread 1
defaults
  mode tcp
  maxconn $3
  timeout connect 5s
  timeout client 1h
  timeout server 1h
$(case ${4:-} in
    splice) echo "  option splice-auto" ;;
    # every transfer both ways through a pipe, where splice-auto leaves out what it guesses is better copied
    splice-forced) printf '  option splice-request\n  option splice-response\n' ;;
  esac)
listen bench
  bind 127.0.0.1:${PORT[$2]}
  server upstream 127.0.0.1:$UP_PORT
EOF
}
haproxy_config "$WORK/haproxy.cfg" haproxy $((IDLE + 500))
haproxy_config "$WORK/haproxy-splice.cfg" haproxy-splice 2000 splice
haproxy_config "$WORK/haproxy-splice-forced.cfg" haproxy-splice-forced 2000 splice-forced
for label in haproxy haproxy-splice haproxy-splice-forced; do
  wanted "$label" || continue
  start "$label" "${PROXY[@]}" "$HAPROXY" -db -f "$WORK/$label.cfg"
  wait_port "${PORT[$label]}" 20 || die "HAProxy ($label) did not start: $(tail -3 "$WORK/$label.log")"
  TARGETS+=("$label")
done

# --- measurements ------------------------------------------------------------------------------------------
# measure NAME LABEL ROUND TOOL-ARGS...: one run of the load tool against LABEL, its JSON line kept
proxy_ticks() { # CPU ticks used so far by every proxy process (all but the upstream)
  local sum=0 name f
  for name in "${!PID[@]}"; do
    [ "$name" = upstream ] && continue
    read -r -a f < <(sed 's/.*) //' "/proc/${PID[$name]}/stat" 2>/dev/null || echo)
    sum=$((sum + ${f[11]:-0} + ${f[12]:-0}))
  done
  echo $sum
}
# Work a proxy still does after its measurement (a clustered node's registry removals) must not be measured as
# the next target's: wait, up to 10 s, until the proxies together use under 10 % of the core for half a second.
# A measurement that starts without that is named in the report, as its figures may be another proxy's too.
UNSETTLED=()
quiesce() { # WHAT is about to be measured
  local deadline=$((SECONDS + 10)) before after
  while [ $SECONDS -lt $deadline ]; do
    before=$(proxy_ticks); sleep 0.5; after=$(proxy_ticks)
    if [ $(((after - before) * 100)) -le $((CLK_TCK * 5)) ]; then return; fi
  done
  UNSETTLED+=("$1")
  say "  the proxies still used $(((after - before) * 200 / CLK_TCK)) % of a core after 10 s; measuring $1 anyway"
}
measure() {
  local name=$1 label=$2 round=$3; shift 3
  quiesce "$name $label (round $round)"
  local watch="upstream=${PID[upstream]}" line extra=()
  # bulk upload counts what reached the upstream, asked of the upstream itself
  if [ "$1" = throughput ]; then extra=(--upstream "127.0.0.1:$UP_PORT"); fi
  if [ "$label" != direct ]; then watch="proxy=${PID[${label%-framed}]},$watch"; fi
  if line=$("${LOAD[@]}" "${CLIENT_JAVA[@]}" -jar "$BENCH_JAR" "$@" \
      --target "127.0.0.1:${PORT[$label]}" --host "${HOST[$label]}" --seconds "$MEASURE" --warmup "$WARMUP" \
      "${extra[@]}" \
      --watch "$watch" "${CORES[@]}" --clk-tck "$CLK_TCK" --timeout 120 --label "$label" --name "$name" --round "$round" \
      2>>"$WORK/client.err"); then
    echo "$line" >> "$RESULTS"
    say "$(printf '  %-8s %-15s %s' "$name" "$label" "$(echo "$line" | grep -o '"\(mbps\|cps\|p99Us\|cpuProxy\|coreProxy\)":[0-9.]*' | tr '\n' ' ')")"
  else
    local why
    why=$(tail -1 "$WORK/client.err" | tr -d '"\\' | cut -c1-200)
    echo "{\"label\":\"$label\",\"name\":\"$name\",\"round\":$round,\"error\":\"$why\"}" >> "$RESULTS"
    say "  $name $label: failed: $why"
  fi
}

# each measurement: NAME and the load tool's arguments
MEASUREMENTS=(
  "up1|throughput --direction up --streams 1"
  "down1|throughput --direction down --streams 1"
  "up64|throughput --direction up --streams 64"
  "down64|throughput --direction down --streams 64"
  "connrate|connrate --inflight 32"
  "latency|latency --size 64"
)
# Gamma's JIT compiler shares the one core with the event loops: without a warm-up the first round would
# measure compilation. Every path gets traffic: bulk both ways, raw and framed, and logins.
warm=3
if [ "$QUICK" = 1 ]; then warm=0.5; fi
warm_up() { # LABEL HOST MODE ARGS...
  local label=$1 host=$2; shift 2
  "${LOAD[@]}" "${CLIENT_JAVA[@]}" -jar "$BENCH_JAR" "$@" --target "127.0.0.1:${PORT[$label]}" --host "$host" \
    --seconds "$warm" --warmup 0 --timeout 60 >/dev/null 2>>"$WORK/client.err" || true
}
say "Warming up every proxy (${warm}s each of upload, download and logins; Gamma also framed)..."
for label in "${TARGETS[@]}"; do
  if [ "$label" = direct ]; then continue; fi
  warm_up "$label" bench.test throughput --direction up
  warm_up "$label" bench.test throughput --direction down
  warm_up "$label" bench.test connrate
  if [ "$label" = gamma ]; then
    warm_up "$label" framed.bench.test throughput --direction up
    warm_up "$label" framed.bench.test throughput --direction down
  fi
done

# The JIT compiler goes on compiling long after the first seconds, on the proxy's one core: more warm-up rounds
# until it used under 2 % of the core in a round, so that the rounds measure the proxy and not its compiler.
jit_ticks() { # PID: CPU ticks used so far by the JVM's compiler threads
  local sum=0 t f
  for t in /proc/"$1"/task/*; do
    case $(cat "$t/comm" 2>/dev/null) in
      C1\ *|C2\ *) read -r -a f < <(sed 's/.*) //' "$t/stat"); sum=$((sum + f[11] + f[12])) ;;
    esac
  done
  echo $sum
}
warm_all() { # LABEL: one round of every kind of traffic
  warm_up "$1" bench.test connrate
  warm_up "$1" bench.test throughput --direction up
  warm_up "$1" bench.test throughput --direction down
  if [ "$1" = gamma ]; then
    warm_up "$1" framed.bench.test throughput --direction up
    warm_up "$1" framed.bench.test throughput --direction down
  fi
}
warm_logins() { # LABEL: one round of logins
  warm_up "$1" bench.test connrate
}
settle() { # LABEL WARMER LEAST: WARMER rounds, at least LEAST, until the JIT compiler used < 2 % of the core in one
  local label=$1 warmer=$2 least=$3 pid=${PID[$1]} rounds=0 before after start=$SECONDS
  while [ $rounds -lt "$SETTLE_ROUNDS" ]; do
    before=$(jit_ticks "$pid") rounds=$((rounds + 1))
    local t0=$SECONDS
    "$warmer" "$label"
    after=$(jit_ticks "$pid")
    if [ $rounds -ge "$least" ] && [ $((after - before)) -le $(((SECONDS - t0 + 1) * CLK_TCK * 2 / 100)) ]; then break; fi
  done
  say "  $label: $((SECONDS - start)) s more warm-up; its JIT compiler used $((after - before)) tick(s) in the last round"
  SETTLED+=("$label $((SECONDS - start)) s ($rounds round(s), last $((after - before)) tick(s) of JIT)")
}
SETTLED=()
for label in gamma gamma-epoll gamma-splice gamma-clustered gamma-fleet netserver bare; do
  if [[ " ${TARGETS[*]} " == *" $label "* ]]; then settle "$label" warm_all 1; fi
done
echo "jit warm-up: more warm-up rounds until the JIT compiler used < 2 % of the core in one: $(IFS=';'; echo "${SETTLED[*]}" | sed 's/;/; /g')" >> "$WORK/machine.txt"

run_rounds() { # PHASE MEASUREMENT...: every round of these measurements, on every target in turn
  local phase=$1 round m name n i; shift
  for round in $(seq "$ROUNDS"); do
    say "$phase: round $round of $ROUNDS"
    for m in "$@"; do
      name=${m%%|*}
      read -r -a args <<< "${m#*|}"
      labels=("${TARGETS[@]}")
      if [[ $name == up1 || $name == down1 ]] && [[ " ${TARGETS[*]} " == *" gamma "* ]]; then labels+=(gamma-framed); fi
      # a different target goes first in each round
      n=${#labels[@]}
      for i in $(seq 0 $((n - 1))); do
        measure "$name" "${labels[$(((i + round - 1) % n))]}" "$round" "${args[@]}"
      done
    done
  done
}
chosen() { # NAME: whether --only keeps this measurement
  [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]
}
RELAYED=() LOGINS=()
for m in "${MEASUREMENTS[@]}"; do
  if ! chosen "${m%%|*}"; then continue; fi
  if [ "${m%%|*}" = connrate ]; then LOGINS+=("$m"); else RELAYED+=("$m"); fi
done
if [ ${#RELAYED[@]} -gt 0 ]; then run_rounds "Relayed traffic" "${RELAYED[@]}"; fi

# Logins run last, after a warm-up on logins alone. A JVM relay fresh from bulk transfers has its login path
# compiled for that traffic and takes some 20 s of logins to settle again (docs/architecture.md, "Where a
# login's CPU goes"); a node sees logins all day, so the rounds measure it settled, as they do the relayed traffic.
LOGIN_ROUNDS=3 # at least, for a JVM relay
if [ "$QUICK" = 1 ]; then LOGIN_ROUNDS=1; fi
if [ ${#LOGINS[@]} -gt 0 ]; then
  say "Warming every proxy up on logins alone..."
  SETTLED=()
  for label in "${TARGETS[@]}"; do
    case $label in
      direct) ;;
      gamma*|netserver|bare) settle "$label" warm_logins "$LOGIN_ROUNDS" ;;
      *) warm_up "$label" bench.test connrate ;;
    esac
  done
  echo "login warm-up: ${warm}s of logins for every proxy, and for each JVM relay at least $LOGIN_ROUNDS such rounds, until the JIT compiler used < 2 % of the core in one: $(IFS=';'; echo "${SETTLED[*]}" | sed 's/;/; /g')" >> "$WORK/machine.txt"
  run_rounds "Logins" "${LOGINS[@]}"
fi

# --- memory with idle relayed connections -------------------------------------------------------------------
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
heap_kib() { # used heap after a full collection, KiB
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  { jcmd "$1" GC.heap_info 2>/dev/null || true; } | { grep -o 'total [0-9]*K, used [0-9]*K' || true; } \
    | awk '{gsub(/[K,]/, "", $4); s += $4} END {print s + 0}'
}
node_players() { # ADMIN_PORT: the players a Gamma node relays, from its metrics
  local n
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" >&3
  n=$(awk '/^gamma_players\{/ {n += $2} END {print n + 0}' <&3)
  exec 3<&-
  echo "$n"
}

idle_memory() { # LABEL (gamma-framed: gamma's node, its framed route)
  local label=$1 pid=${PID[${1%-framed}]} jvm=0 heap0=0 heap1=0
  if [[ $label == gamma* || $label == netserver || $label == bare ]]; then jvm=1; fi
  if [[ $label == gamma* ]]; then # the last measurement's players gone first, so that they are not in the baseline
    local until=$((SECONDS + 60))
    while [ "$(node_players "${ADMIN[${label%-framed}]}" 2>/dev/null)" != 0 ] && ((SECONDS < until)); do sleep 0.5; done
  fi
  local release=$WORK/release-$label out=$WORK/idle-$label.out
  if [ $jvm = 1 ]; then heap0=$(heap_kib "$pid"); fi
  local rss0
  rss0=$(rss_kib "$pid")
  "${LOAD[@]}" "${CLIENT_JAVA[@]}" -jar "$BENCH_JAR" idle --target "127.0.0.1:${PORT[$label]}" \
    --host "${HOST[$label]}" --connections "$IDLE" --hold 180 --release "$release" --timeout 300 > "$out" 2>>"$WORK/client.err" &
  local client=$!
  PIDS+=($client)
  local deadline=$((SECONDS + 150))
  until grep -q '"event":"ready"' "$out" 2>/dev/null; do
    if ! kill -0 $client 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      why=$(tail -1 "$WORK/client.err" | tr -d '"\\' | cut -c1-200)
      echo "{\"label\":\"$label\",\"name\":\"idle\",\"round\":1,\"error\":\"$why\"}" >> "$RESULTS"
      say "  idle $label: failed: $why"
      touch "$release"; wait $client 2>/dev/null || true
      return
    fi
    sleep 0.2
  done
  sleep 1
  local rss1 n
  if [ $jvm = 1 ]; then heap1=$(heap_kib "$pid"); fi
  rss1=$(rss_kib "$pid")
  n=$(grep -o '"connections":[0-9]*' "$out" | head -1 | cut -d: -f2)
  touch "$release"
  wait $client || true
  local line
  line=$(awk -v l="$label" -v n="$n" -v r0="$rss0" -v r1="$rss1" -v h0="$heap0" -v h1="$heap1" -v jvm=$jvm 'BEGIN {
    printf "{\"label\":\"%s\",\"name\":\"idle\",\"round\":1,\"connections\":%d,\"rssKiB\":%.3f,\"rssDeltaKiB\":%d", l, n, (r1 - r0) / n, r1 - r0
    if (jvm == 1) printf ",\"heapKiB\":%.3f,\"heapDeltaKiB\":%d", (h1 - h0) / n, h1 - h0
    # a resident set that shrank (the allocator gave memory back meanwhile) counts as no growth
    printf ",\"totalKiB\":%.3f", ((r1 > r0 ? r1 - r0 : 0) + h1 - h0) / n
    printf "}\n" }')
  echo "$line" >> "$RESULTS"
  say "  idle     $(printf '%-15s' "$label") $line"
}
if [ "$IDLE_ON" = 1 ]; then
  say "Memory with $IDLE idle relayed connections"
  for label in gamma gamma-framed haproxy netserver bare gamma-splice; do
    if [[ " ${TARGETS[*]} " == *" ${label%-framed} "* ]]; then idle_memory "$label"; fi
  done
fi

# --- 3-node cluster ----------------------------------------------------------------------------------------------
if [ "$CLUSTER_ON" = 1 ] && wanted gamma-cluster; then
  for label in "${TARGETS[@]}"; do stop "$label"; done  # direct has no process: stop passes it by
  say "Cluster: 3 Gamma nodes on loopback"
  members="127.0.0.1:$CLUSTER_PORT, 127.0.0.1:$((CLUSTER_PORT + 1)), 127.0.0.1:$((CLUSTER_PORT + 2))"
  cluster_secret=$(head -c 32 /dev/urandom | base64)
  for i in 0 1 2; do
    mkdir -p "$WORK/node-$i"
    cat > "$WORK/node-$i.yaml" <<EOF
bind: 127.0.0.1:$((CLUSTER_PROXY + i))
limits:
  per-ip-rate: 1000000
  per-ip-burst: 1000000
  max-greeting-per-ip: 1000000   # the load comes from one address
  max-greeting: 1000000
routes:
  - host: bench.test
    backend: 127.0.0.1:$UP_PORT
admin:
  bind: 127.0.0.1:$((CLUSTER_ADMIN + i))
cluster:
  enabled: true
  name: gamma-bench-$$
  secret: "$cluster_secret"
  bind: 127.0.0.1:$((CLUSTER_PORT + i))
  members: [$members]
data-dir: $WORK/node-$i/data
plugins-dir: $WORK/node-$i/plugins
EOF
  done
  # the first node founds the cluster; the others join it
  cluster_ok=1
  start node-0 "${PROXY[@]}" "${GAMMA_JAVA[@]}" -jar "$GAMMA_JAR" run --config "$WORK/node-0.yaml"
  wait_for node-0 'Gamma ready' 120 || cluster_ok=0
  if [ $cluster_ok = 1 ]; then
    for i in 1 2; do start "node-$i" "${PROXY[@]}" "${GAMMA_JAVA[@]}" -jar "$GAMMA_JAR" run --config "$WORK/node-$i.yaml"; done
    for i in 1 2; do wait_for "node-$i" 'Gamma ready' 120 || cluster_ok=0; done
  fi
  if [ $cluster_ok = 1 ]; then
    for mode in cluster-login cluster-kick; do
      if line=$("${LOAD[@]}" "${CLIENT_JAVA[@]}" -jar "$BENCH_JAR" "$mode" \
          --target "127.0.0.1:$CLUSTER_PROXY" --admin "http://127.0.0.1:$((CLUSTER_ADMIN + 1))" \
          --nodes 3 --count "$CLUSTER_COUNT" --timeout 300 --label gamma-cluster --name "$mode" --round 1 2>>"$WORK/client.err"); then
        echo "$line" >> "$RESULTS"
        say "  $mode $line"
      else
        why=$(tail -1 "$WORK/client.err" | tr -d '"\\' | cut -c1-200)
        echo "{\"label\":\"gamma-cluster\",\"name\":\"$mode\",\"round\":1,\"error\":\"$why\"}" >> "$RESULTS"
        say "  $mode failed: $why"
      fi
    done
  else
    echo "{\"label\":\"gamma-cluster\",\"name\":\"cluster\",\"round\":1,\"error\":\"the 3 nodes did not form a cluster; see node-*.log\"}" >> "$RESULTS"
    say "  the cluster did not form: $(tail -q -n 2 "$WORK"/node-*.log | tr '\n' ' ' | cut -c1-300)"
  fi
fi

# --- report --------------------------------------------------------------------------------------------------------
if [ ${#UNSETTLED[@]} -gt 0 ]; then
  echo "not settled: the proxies were still busy when these began: $(IFS=';'; echo "${UNSETTLED[*]}" | sed 's/;/; /g')" \
    >> "$WORK/machine.txt"
fi
for label in "${!SKIPPED[@]}"; do
  echo "{\"label\":\"$label\",\"name\":\"start\",\"round\":1,\"error\":\"not started: $(echo "${SKIPPED[$label]}" | tr -d '"\\' | cut -c1-200)\"}" >> "$RESULTS"
done
DATE=$(date -u +%Y-%m-%d)
REPORT=$ROOT/bench/results/$DATE$TAG.md
if [ "$QUICK" = 1 ]; then REPORT=$ROOT/bench/results/$DATE$TAG-quick.md; fi
mkdir -p "$ROOT/bench/results"
cp "$RESULTS" "${REPORT%.md}.jsonl"
java -jar "$BENCH_JAR" report --results "$RESULTS" --machine "$WORK/machine.txt" --out "$REPORT" --date "$DATE" \
  | grep -v '^{"mode":"report"'
say "Report written to ${REPORT#"$ROOT"/}"
