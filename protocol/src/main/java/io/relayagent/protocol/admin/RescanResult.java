package io.relayagent.protocol.admin;

import io.relayagent.protocol.json.Fields;

/** {@code POST /admin/v1/repo/rescan}: the catalog version after the scan. */
public record RescanResult(Long version) {

  public RescanResult {
    version = Fields.required("version", version, "a number");
  }
}
