package io.relayagent.protocol.control;

import io.relayagent.protocol.json.Fields;

/**
 * A relay's last failure, as {@code relays} shows it: why the relay is not the one in use.
 *
 * @param kind what went wrong: {@code refused} (403), {@code upstream-failed} (502, the relay
 *     cannot reach the server), {@code full} (503), {@code lacks-content} (404 for one file),
 *     {@code timed-out}, {@code tls}, {@code dropped}, {@code unreachable} or {@code failed}
 * @param detail the whole sentence for people, with the relay's reason or the real cause: "502:
 *     connection refused by epo.example.test:443", "TLS failure: certificate ... refused: has no IP
 *     SAN 10.0.0.7 ..."
 * @param at when, ISO-8601
 */
public record ControlRelayFailure(String kind, String detail, String at) {

  /** The longest detail carried. */
  public static final int MAX_DETAIL = 1024;

  public ControlRelayFailure {
    kind = Fields.text("kind", kind, 32);
    detail = Fields.text("detail", detail, MAX_DETAIL);
    at = Fields.offsetTime("at", at);
  }
}
