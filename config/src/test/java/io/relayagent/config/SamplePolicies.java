package io.relayagent.config;

import java.nio.file.Path;

/** A policy that sets every value, none to its default (the example of docs/policy.md). */
final class SamplePolicies {
  static final String FULL =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <policy xmlns="urn:relay-agent:policy:1">
        <asci intervalMinutes="30"/>
        <relayServer enabled="true" tunnelPort="9443" maxConnections="200" idleTimeoutSeconds="120">
          <contentCache enabled="false" quotaMiB="512"/>
          <plainProxy enabled="true" port="3128">
            <allowedNetwork cidr="10.20.0.0/16"/>
            <allowedNetwork cidr="FD00::/8"/>
          </plainProxy>
          <discoveryAnswers loadDelayMillis="300" busyCpuPercent="90" busyOnBattery="false"
                            answerWhenBusy="true"/>
        </relayServer>
        <relayClient discoveryEnabled="false" discoveryPort="9082" multicastGroup="ff05::1:3"
                     collectWindowMillis="250" cachedRelays="3" cacheExpiryAscis="2">
          <discoveryInterfaces include="eth* en0" exclude=""/>
          <staticRelay host="Edge.Example.COM." port="443"/>
          <staticRelay host="2001:db8::7"/>
        </relayClient>
        <proxy mode="manual" host="proxy.corp.example" port="8080" allowUserOverride="true">
          <credentials user="svc-relay" passwordFile="/etc/relay-agent/proxy.password"/>
          <bypass destination="*.corp.example"/>
          <bypass destination="10.0.0.0/8"/>
          <bypass destination="::1"/>
        </proxy>
        <eventQueue maxEvents="5000" maxMiB="64" batchSize="100"/>
        <trust>
          <caCertificate file="/etc/relay-agent/ca-2025.pem"/>
          <caCertificate file="/etc/relay-agent/ca-2026.pem"/>
          <certificateChain file="/etc/relay-agent/host-chain.pem"/>
          <privateKey file="/etc/relay-agent/host-key.pem"
                      passwordFile="/etc/relay-agent/host-key.password"/>
          <crl file="/etc/relay-agent/ca.crl"/>
        </trust>
      </policy>
      """;

  private SamplePolicies() {}

  static Path writeFull(Path dir) {
    return PolicyFiles.writeRaw(dir, "full.xml", FULL);
  }
}
