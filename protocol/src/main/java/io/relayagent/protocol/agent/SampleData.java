package io.relayagent.protocol.agent;

import io.relayagent.protocol.json.Fields;

/**
 * The {@code data} of a {@link EventType#SAMPLE sample} event: a file as it was when queued.
 *
 * @param name the file's name, without its directory
 * @param size its length in bytes
 * @param sha256 its SHA-256, lower-case hex
 * @param content its bytes, base64
 */
public record SampleData(String name, long size, String sha256, String content) {

  public SampleData {
    name = Fields.text("name", name, Fields.MAX_TEXT);
    sha256 = Fields.text("sha256", sha256, 64);
    content = Fields.required("content", content, "base64");
  }
}
