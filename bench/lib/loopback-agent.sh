# Sourced by bench/idle.sh and bench/cds-classlist.sh: one agent and its reference server on
# loopback, made with the shipped CLI (RA, the launcher). The agent's policy gives it the direct
# path to the server, discovery on loopback only and relay capability off.
#
#   loopback_agent_prepare WORK      certificates, the server's directory, the agent's state
#   loopback_server_start WORK       starts `relay-agent server` (SERVER_PID), waits until it listens
#   loopback_agent_start WORK [OPTS] starts `relay-agent run` (AGENT_PID), with the JVM options
#                                    OPTS instead of the launcher's when given
#   loopback_agent_wait_asci WORK    waits until the agent logs its first "ASCI ok"; sets ASCI_AT
#   loopback_stop PID...             stops these processes (SIGTERM) and waits for them
#
# The caller sets RA and, on exit, stops SERVER_PID and AGENT_PID with loopback_stop.

# A port no socket on this host uses now, TCP or UDP, from 20000-29999: below the ephemeral range
# (where the kernel picks the ports of outgoing connections), so nothing takes it meanwhile but
# another program that picks a fixed port. Shell and /proc only: the build runs this
# (bench/cds-classlist.sh), and the build machine need not have more than a JDK.
free_port() {
  while :; do
    _port=$(($(od -An -N2 -tu2 /dev/urandom) % 10000 + 20000))
    if ! cat /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6 2>/dev/null |
      grep -q ":$(printf '%04X' "$_port") "; then
      echo "$_port"
      return
    fi
  done
}

loopback_agent_prepare() {
  _work=$1
  _server_port=$(free_port)
  _discovery_port=$(free_port)
  # Certificates: an organisation CA, the server (localhost), one agent.
  "$RA" cert init-ca --dir "$_work/ca" --subject "CN=Loopback bench CA,O=Relay Agent bench" >/dev/null
  "$RA" cert issue --dir "$_work/ca" --role server --name server --dns localhost --ip 127.0.0.1 >/dev/null
  "$RA" cert issue --dir "$_work/ca" --role agent --name agent-1 >/dev/null

  _server="$_work/server"
  mkdir -p "$_server/repo" "$_server/policies"
  cp -p "$_work/ca/ca.pem" "$_work/ca/server.pem" "$_work/ca/server-key.pem" "$_server/"
  _loopback_sitelist "$_server_port" >"$_server/SiteList.xml"
  _loopback_policy "$_discovery_port" >"$_server/policy.xml"
  head -c 262144 /dev/urandom >"$_server/repo/signatures-v1.dat"
  echo "$_server_port" >"$_work/server.port"

  _state="$_work/agent"
  mkdir -p "$_state/trust"
  cp -p "$_work/ca/ca.pem" "$_state/trust/ca.pem"
  cp -p "$_work/ca/agent-1.pem" "$_state/trust/agent.pem"
  cp -p "$_work/ca/agent-1-key.pem" "$_state/trust/agent-key.pem"
  _loopback_sitelist "$_server_port" >"$_state/SiteList.xml"
  _loopback_policy "$_discovery_port" >"$_state/policy.xml"
}

_loopback_sitelist() {
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<ns:SiteLists xmlns:ns="naSiteList" Type="Client" GlobalVersion="1" LocalVersion="1">
  <SiteList Default="1" Name="bench">
    <SpipeSite Type="master" Name="bench-server" Order="1" Server="localhost:$1" ServerIP="127.0.0.1:$1" Enabled="1" Local="0"/>
  </SiteList>
</ns:SiteLists>
XML
}

_loopback_policy() {
  cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<policy xmlns="urn:relay-agent:policy:1">
  <asci intervalMinutes="60"/>
  <relayServer enabled="false"/>
  <relayClient discoveryPort="$1">
    <discoveryInterfaces include="lo" exclude=""/>
  </relayClient>
</policy>
XML
}

loopback_server_start() {
  _work=$1
  "$RA" server --dir "$_work/server" --bind 127.0.0.1 --port "$(cat "$_work/server.port")" \
    >"$_work/server.log" 2>&1 &
  SERVER_PID=$!
  _deadline=$(($(date +%s) + 60))
  until grep -q "listening" "$_work/server.log" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$_deadline" ] || ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server did not start; log:" >&2
      cat "$_work/server.log" >&2
      return 1
    fi
    sleep 0.2
  done
}

loopback_agent_start() {
  _work=$1
  _state="$_work/agent"
  if [ -n "${2:-}" ]; then
    RELAY_AGENT_JAVA_OPTS=$2 "$RA" run --state-dir "$_state" \
      --policy "$_state/policy.xml" --sitelist "$_state/SiteList.xml" >"$_work/agent.log" 2>&1 &
  else
    "$RA" run --state-dir "$_state" \
      --policy "$_state/policy.xml" --sitelist "$_state/SiteList.xml" >"$_work/agent.log" 2>&1 &
  fi
  AGENT_PID=$! # the launcher execs the JVM: this is the agent's JVM
}

# The agent logs "ASCI ok (route) in N ms" as each ASCI ends, with its own clock's time: a shell
# loop waits for it (a `relay-agent status` per poll would start a JVM beside the agent's).
loopback_agent_wait_asci() {
  _work=$1
  _agent_log="$_work/agent/logs/agent.log"
  _deadline=$(($(date +%s) + 90))
  until grep -q ' - ASCI ok ' "$_agent_log" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$_deadline" ] || ! kill -0 "$AGENT_PID" 2>/dev/null; then
      echo "the agent did not complete an ASCI; logs:" >&2
      tail -n 20 "$_work/server.log" "$_work/agent.log" "$_agent_log" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.05
  done
  ASCI_AT=$(grep -m1 ' - ASCI ok ' "$_agent_log" | cut -d' ' -f1)
}

loopback_stop() {
  for _pid in "$@"; do
    kill "$_pid" 2>/dev/null || true
  done
  for _pid in "$@"; do
    wait "$_pid" 2>/dev/null || true
  done
}
