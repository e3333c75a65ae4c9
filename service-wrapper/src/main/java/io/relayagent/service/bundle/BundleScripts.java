package io.relayagent.service.bundle;

import io.relayagent.service.ServiceLayout;

/**
 * The texts of an install bundle: the Linux and Windows install scripts and the README. The paths
 * are the service's (see {@link ServiceLayout}): on Linux the package's /etc/relay-agent and
 * /var/lib/relay-agent, on Windows %ProgramData%\relay-agent.
 */
final class BundleScripts {
  private BundleScripts() {}

  /** Linux: the package first (it makes the service account and directories), then the files. */
  static String installSh(String debName) {
    return """
        #!/bin/sh
        # Installs Relay Agent from this bundle on Debian or Ubuntu. Run as root: sudo sh install.sh
        # The package makes the service account and /etc/relay-agent, /var/lib/relay-agent; then
        # the site's files go in place, owned by that account, and the service starts. The host
        # makes its own key and enrolls with the token at its first ASCI.
        set -eu
        here=$(cd "$(dirname "$0")" && pwd)
        user=relay-agent
        state=/var/lib/relay-agent

        apt-get install -y "$here/%s"
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
        """
        .formatted(debName);
  }

  /** Windows: the zip under Program Files, the files under ProgramData, then the service. */
  static String installCmd(String zipName) {
    String root = zipName.substring(0, zipName.length() - "-windows.zip".length());
    return """
        @echo off
        rem Installs Relay Agent from this bundle on Windows. Run as an administrator: install.cmd
        rem Needs a Java 17 or later runtime (JAVA_HOME, or java on the PATH). The zip goes under
        rem %%ProgramFiles%%, the site's files under %%ProgramData%%\\relay-agent, then
        rem `relay-agent service install` installs and starts the service (procrun, Local Service).
        setlocal
        set "HERE=%%~dp0"
        set "DATA=%%ProgramData%%\\relay-agent"
        set "ROOT=%%ProgramFiles%%\\%s"
        powershell -NoProfile -ExecutionPolicy Bypass -Command "Expand-Archive -Force -LiteralPath '%%HERE%%%s' -DestinationPath '%%ProgramFiles%%'" || exit /b 1
        if not exist "%%DATA%%\\state\\trust" mkdir "%%DATA%%\\state\\trust" || exit /b 1
        rem A policy or SiteList already there is the one the server sent last: keep it.
        if not exist "%%DATA%%\\policy.xml" copy /Y "%%HERE%%policy.xml" "%%DATA%%\\policy.xml" >nul || exit /b 1
        if not exist "%%DATA%%\\SiteList.xml" copy /Y "%%HERE%%SiteList.xml" "%%DATA%%\\SiteList.xml" >nul || exit /b 1
        if not exist "%%DATA%%\\state\\trust\\ca.pem" copy /Y "%%HERE%%ca.pem" "%%DATA%%\\state\\trust\\ca.pem" >nul || exit /b 1
        rem The token is a secret, and needed only until the host has its certificate: Administrators,
        rem SYSTEM and the service's Local Service account only.
        if not exist "%%DATA%%\\state\\trust\\agent.pem" (
          copy /Y "%%HERE%%enrollment-token" "%%DATA%%\\state\\trust\\enrollment-token" >nul || exit /b 1
          icacls "%%DATA%%\\state\\trust\\enrollment-token" /inheritance:r /grant:r *S-1-5-32-544:F *S-1-5-18:F *S-1-5-19:M >nul || exit /b 1
        )
        call "%%ROOT%%\\bin\\relay-agent.cmd" service install || exit /b 1
        echo relay-agent installed and started; check it with: "%%ROOT%%\\bin\\relay-agent.cmd" status --state-dir "%%DATA%%\\state"
        """
        .formatted(root, zipName)
        .replace("\n", "\r\n");
  }

  static String readme(String debName, String zipName) {
    StringBuilder text = new StringBuilder();
    text.append(
        """
        # Relay Agent install bundle

        This bundle installs Relay Agent on a host and lets it enroll itself: the host makes its own
        key, sends a certificate request with the enrollment token at its first ASCI (directly, or
        through a relay on its LAN), and gets its certificate from the organisation's CA.

        | file | what it is |
        |---|---|
        | `ca.pem` | the organisation's root CA certificates (the trust bundle) |
        | `SiteList.xml` | the management servers |
        | `policy.xml` | the policy the agent starts with; the server's replaces it at the first ASCI |
        | `enrollment-token` | the token: **a secret** until it expires or its uses are spent |
        """);
    if (debName != null) {
      text.append("| `").append(debName).append("` | the Debian/Ubuntu package |\n");
    }
    if (zipName != null) {
      text.append("| `").append(zipName).append("` | the Windows distribution (with procrun) |\n");
    }
    text.append("\n## Install\n\n");
    if (debName != null) {
      text.append(
          "Linux (Debian, Ubuntu), as root, in this directory:\n\n    sudo sh install.sh\n\n");
    }
    if (zipName != null) {
      text.append(
          "Windows, in a command prompt run as an administrator, in this directory (needs a Java"
              + " 17+ runtime):\n\n    install.cmd\n\n");
    }
    text.append(
        """
        Then `relay-agent status` on the host shows `certificate.state enrolled` after its first
        ASCI. See docs/deployment.md in the project for the whole procedure.
        """);
    return text.toString();
  }
}
