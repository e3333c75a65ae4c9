package io.relayagent.protocol;

import io.relayagent.protocol.json.Fields;

/**
 * The body of every refusal and failure, from the server ({@code 4xx}, {@code 5xx}) and from the
 * agent's control channel: {@code {"error": "agentId \"a-2\" is not the agent of the client
 * certificate"}}. The message is for a person or a log, never parsed further.
 */
public record ErrorReply(String error) {

  public ErrorReply {
    error = Fields.text("error", error, 64 * 1024);
  }
}
