#!/usr/bin/env bash
# Reproduces the tunnel benchmark (bench/README.md, issue 5), all on 127.0.0.1:
#   1. throughput: a 1 GiB file over HTTPS from nginx, directly, through the relay's TLS tunnel
#      and through Squid's https_port (TLS to the proxy, TLS inside), with each proxy's CPU
#      seconds per GiB; the plain listeners of both for reference;
#   2. tunnels held open at once (8,000 by default) and the relay's memory;
#   3. the content cache serving 200 concurrent downloads of one 64 MiB object.
#
#   bench/tunnel.sh [ROUNDS=3] [TUNNELS=8000] [CLIENTS=200]     (0 skips that part)
#
# LEGS=tls measures only direct and the two TLS listeners (the goals' legs); QUICK=true measures
# without waiting for a quiet machine (for profiles: CPU per GiB only); SKIP_BUILD=1 reuses
# the last build; RELAY_AGENT_JAVA_OPTS (bin/relay-agent) gives the relay other JVM options, a
# flight recording for one; HOLD_SECONDS (10) holds part 2's tunnels longer, to profile the
# relay while they are open (jcmd PID GC.class_histogram).
#
# Installs nginx, squid, curl and openssl with apt-get if they are missing (so it needs root then). nginx
# and Squid run in the foreground with their configuration, logs and pid files in a temporary
# directory; nothing under /etc or /var is read or written by them. Every process started here is
# stopped, and the temporary directory removed, on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROUNDS=${1:-3}
TUNNELS=${2:-8000}
CLIENTS=${3:-200}
export PATH="$PATH:/usr/sbin:/sbin"
# The set-up of BENCHMARKS.md: 20,000 open files per process (the relay holds two per tunnel).
ulimit -n 20000

# --- the peers ---------------------------------------------------------------------------------
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v squid >/dev/null || missing+=(squid)
command -v curl >/dev/null || missing+=(curl)
command -v openssl >/dev/null || missing+=(openssl)
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "tunnel.sh: ${missing[*]} missing; run as root to install them with apt-get" >&2
    exit 2
  fi
  # Debian starts a newly installed nginx or squid as a service (port 80, 3128); a temporary
  # policy-rc.d, the standard way to say "no", keeps the install from starting anything.
  added_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    added_policy=yes
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  if [ -n "$added_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# --- build ---------------------------------------------------------------------------------------
# bench depends on app (through tests), so this builds app/target/relay-agent.jar too.
. bench/lib/classpath.sh
bench_classpath

# --- processes and clean-up ----------------------------------------------------------------------
WORK=$(mktemp -d /tmp/relay-tunnel-bench.XXXXXX)
chmod 755 "$WORK" # nginx's worker and Squid drop root; they read their files below
pids=()
stop_all() {
  local status=$? pid i
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" != 0 ]; then
    # The relay's start is at the head of its log.
    [ -s "$WORK/relay.log" ] && { echo "--- first lines of $WORK/relay.log"; head -n 30 "$WORK/relay.log"; } >&2
    for log in "$WORK"/relay.log "$WORK"/nginx/error.log "$WORK"/squid/cache.log; do
      [ -s "$log" ] && { echo "--- last lines of $log"; tail -n 20 "$log"; } >&2
    done
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

wait_for() { # what, seconds, command...
  # By the clock, not by tries: one try of relay_serving starts a JVM.
  local what=$1 deadline=$((SECONDS + $2))
  shift 2
  while ((SECONDS < deadline)); do
    if "$@" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "tunnel.sh: $what did not start; see the logs below" >&2
  return 1
}
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- files, certificates, ports ------------------------------------------------------------------
echo "making the 1 GiB file, the 64 MiB object, the CA, the certificates and the relay's files in $WORK"
mkdir -p "$WORK/www" "$WORK/nginx/tmp" "$WORK/squid"
head -c 1073741824 /dev/urandom >"$WORK/www/big.bin"
head -c 67108864 /dev/urandom >"$WORK/obj64.bin"
PKI="$WORK/pki"
MAX_CONNECTIONS=$((TUNNELS + 1000)) # the relay's limit must not be what stops part 2
java -cp "$CP" io.relayagent.bench.tunnel.TunnelBenchSetup "$WORK" "$MAX_CONNECTIONS" >"$WORK/ports.env"
# shellcheck source=/dev/null # NGINX_PORT=..., SQUID_TLS_PORT=..., written just above
. "$WORK/ports.env"
# Debian's Squid is built with GnuTLS, which refuses the PKCS#8 form of an EC key ("The request
# is invalid"): it gets the same key in the SEC1 form. Its files belong to its effective user.
cp "$PKI/squid.pem" "$WORK/squid/"
openssl ec -in "$PKI/squid-key.pem" -out "$WORK/squid/squid-key.pem" 2>/dev/null
if [ "$(id -u)" = 0 ] && id proxy >/dev/null 2>&1; then chown -R proxy: "$WORK/squid"; fi

# --- nginx: one worker, sendfile, no access log, EC P-256 certificate ----------------------------
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
worker_rlimit_nofile 20000;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  sendfile on;
  default_type application/octet-stream;
  client_body_temp_path $WORK/nginx/tmp/body;
  proxy_temp_path $WORK/nginx/tmp/proxy;
  fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
  scgi_temp_path $WORK/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $PKI/nginx.pem;
    ssl_certificate_key $PKI/nginx-key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $WORK/www;
    # Only the held tunnels wait here without a ClientHello; 60 s (the default) would end them.
    client_header_timeout 300s;
  }
}
EOF
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
NGINX_PID=$!
wait_for nginx 10 curl -q -sf --noproxy '*' --cacert "$PKI/ca.pem" -o /dev/null -r 0-0 \
  "https://127.0.0.1:$NGINX_PORT/big.bin"

# --- Squid: CONNECT proxy on an https_port (and an http_port for reference) ----------------------
cat >"$WORK/squid/squid.conf" <<EOF
http_port 127.0.0.1:$SQUID_HTTP_PORT
https_port 127.0.0.1:$SQUID_TLS_PORT tls-cert=$WORK/squid/squid.pem tls-key=$WORK/squid/squid-key.pem
acl SSL_ports port $NGINX_PORT
acl CONNECT method CONNECT
acl bench_target dst 127.0.0.1
http_access allow CONNECT SSL_ports bench_target
http_access deny all
cache deny all
access_log none
cache_log $WORK/squid/cache.log
pid_filename $WORK/squid/squid.pid
coredump_dir $WORK/squid
netdb_filename none
pinger_enable off
logfile_rotate 0
shutdown_lifetime 1 seconds
EOF
# -N: no daemon and no kid processes, so this pid is the process that does the work.
squid -N -f "$WORK/squid/squid.conf" &
pids+=($!)
SQUID_PID=$!
wait_for squid 15 listening "$SQUID_TLS_PORT"

# --- the relay: the shipped relay-agent, relay capability on by its policy -----------------------
# bin/relay-agent execs the JVM with the options it runs agents with, so $! is the relay's JVM.
RELAY=(bin/relay-agent run --state-dir "$WORK/relay" --policy "$WORK/relay/policy.xml"
  --sitelist "$WORK/relay/SiteList.xml")
"${RELAY[@]}" >"$WORK/relay.log" 2>&1 &
pids+=($!)
RELAY_PID=$!
relay_serving() {
  bin/relay-agent status --json --state-dir "$WORK/relay" | grep -q '"upstreamReachable":true'
}
wait_for relay 60 relay_serving
grep -E 'serving tunnels on|tunnel listener on' "$WORK/relay.log" | sed 's/^.* - /relay: /'
echo "nginx $NGINX_PORT (pid $NGINX_PID), Squid https $SQUID_TLS_PORT http $SQUID_HTTP_PORT" \
  "(pid $SQUID_PID), relay TLS $RELAY_TLS_PORT plain $RELAY_PLAIN_PORT (pid $RELAY_PID);" \
  "$(nproc) cores"

if ((ROUNDS > 0)); then
  echo
  echo "## 1. Throughput: 1 GiB over HTTPS, $ROUNDS rounds"
  java -cp "$CP" io.relayagent.bench.tunnel.ThroughputBenchmark \
    pki="$PKI" nginx="$NGINX_PORT" relayTls="$RELAY_TLS_PORT" relayPlain="$RELAY_PLAIN_PORT" \
    squidTls="$SQUID_TLS_PORT" squidHttp="$SQUID_HTTP_PORT" \
    nginxPid="$NGINX_PID" relayPid="$RELAY_PID" squidPid="$SQUID_PID" rounds="$ROUNDS" \
    legs="${LEGS:-all}" quick="${QUICK:-false}"
fi

if ((TUNNELS > 0)); then
  echo
  echo "## 2. Tunnels held open at once (goal: 8,000)"
  java -cp "$CP" io.relayagent.bench.tunnel.HoldTunnels \
    pki="$PKI" relayTls="$RELAY_TLS_PORT" target="127.0.0.1:$NGINX_PORT" \
    relayPid="$RELAY_PID" maxConnections="$MAX_CONNECTIONS" count="$TUNNELS" \
    hold="${HOLD_SECONDS:-10}"
fi

if ((CLIENTS > 0)); then
  echo
  echo "## 3. Content cache: $CLIENTS concurrent downloads of one 64 MiB object"
  java -cp "$CP" io.relayagent.bench.tunnel.CacheDownloads \
    pki="$PKI" object="$WORK/obj64.bin" upstream="$UPSTREAM_PORT" relayTls="$RELAY_TLS_PORT" \
    relayPid="$RELAY_PID" clients="$CLIENTS"
fi

if grep -E ' (WARN|ERROR) ' "$WORK/relay.log" >/dev/null; then
  echo
  echo "relay warnings and errors (first 10):"
  grep -E ' (WARN|ERROR) ' "$WORK/relay.log" | head -n 10
fi
