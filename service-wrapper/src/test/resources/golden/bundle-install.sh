#!/bin/sh
# Installs Relay Agent from this bundle on Debian or Ubuntu. Run as root: sudo sh install.sh
# The package makes the service account and /etc/relay-agent, /var/lib/relay-agent; then
# the site's files go in place, owned by that account, and the service starts. The host
# makes its own key and enrolls with the token at its first ASCI.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
user=relay-agent
state=/var/lib/relay-agent

apt-get install -y "$here/relay-agent_1.2.0_all.deb"
install -d -m 0750 -o "$user" -g "$user" "$state/trust"
# A policy or SiteList already there is the one the server sent last: keep it.
[ -e /etc/relay-agent/policy.xml ] ||
  install -m 0640 -o "$user" -g "$user" "$here/policy.xml" /etc/relay-agent/policy.xml
[ -e /etc/relay-agent/SiteList.xml ] ||
  install -m 0640 -o "$user" -g "$user" "$here/SiteList.xml" /etc/relay-agent/SiteList.xml
[ -e "$state/trust/ca.pem" ] ||
  install -m 0644 -o "$user" -g "$user" "$here/ca.pem" "$state/trust/ca.pem"
# The token is a secret, and needed only until the host has its certificate.
[ -e "$state/trust/agent.pem" ] ||
  install -m 0600 -o "$user" -g "$user" "$here/enrollment-token" "$state/trust/enrollment-token"

if [ -d /run/systemd/system ]; then
  systemctl restart relay-agent.service
  echo "relay-agent installed and started; check it with: relay-agent status --state-dir $state"
else
  echo "relay-agent installed; systemd is not running here, so start it yourself:"
  echo "  relay-agent run --policy /etc/relay-agent/policy.xml --sitelist /etc/relay-agent/SiteList.xml --state-dir $state"
fi
