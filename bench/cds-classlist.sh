#!/bin/sh
# The class list of the agent's class-data archive (AppCDS): the classes an agent loads from its
# start to the end of its first ASCI, in the order it loads them. The build runs this after it
# makes app/target/relay-agent.jar (app's pom, `package`); the list ships beside the jar, and
# `relay-agent --make-class-archive` turns it into the archive the launcher uses (bench/README.md,
# "Idle footprint": the start and memory it saves).
#
#   bench/cds-classlist.sh OUT      e.g. bench/cds-classlist.sh app/target/relay-agent.classlist
#
# The training is a real agent, `relay-agent run` through bin/relay-agent, against a reference
# server, both on loopback (bench/lib/loopback-agent.sh); the agent's JVM writes the list as it
# loads each class and is stopped after its first ASCI. Everything it starts is stopped on exit.
set -eu
out=${1:?usage: bench/cds-classlist.sh OUT}
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/relay-agent-cds.XXXXXX")
SERVER_PID=""
AGENT_PID=""
. "$root/bench/lib/loopback-agent.sh"
cleanup() {
  # shellcheck disable=SC2086 # the unset ones are meant to vanish
  loopback_stop $AGENT_PID $SERVER_PID
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

RA="$root/bin/relay-agent"
# The CLI runs of the set-up and the server use no archive (an older one is left alone: the
# launcher uses an archive only while it is newer than the jar).
loopback_agent_prepare "$work"
loopback_server_start "$work"
# The launcher's JVM options, with the list written as the classes load. The collector and heap
# sizes decide no class of the list; they are the launcher's so that the run is a typical one.
options=$(grep -v '^#' "$root/bin/jvm.options" | tr '\n' ' ')
loopback_agent_start "$work" "$options -XX:DumpLoadedClassList=$work/classlist"
loopback_agent_wait_asci "$work"
# A normal stop (SIGTERM) lets the JVM finish writing the list.
loopback_stop "$AGENT_PID"
AGENT_PID=""
classes=$(grep -vc '^[#@]' "$work/classlist" || true)
if [ "$classes" -lt 1000 ]; then
  echo "cds-classlist: the training agent listed only $classes classes; log:" >&2
  tail -n 20 "$work/agent.log" >&2
  exit 1
fi
mv "$work/classlist" "$out"
echo "cds-classlist: $classes classes listed in $out"
