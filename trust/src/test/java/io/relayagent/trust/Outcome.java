package io.relayagent.trust;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** How one side of a TLS handshake ended: its session, or the failure and all its causes. */
record Outcome(SSLSession session, Throwable failure) {

  boolean succeeded() {
    return failure == null;
  }

  /** The messages of the failure and of every cause, so that assertions find ours in the chain. */
  String failureMessages() {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.add(t.getClass().getSimpleName() + ": " + t.getMessage());
    }
    return String.join(" <- ", messages);
  }

  String peerSubject() throws SSLPeerUnverifiedException {
    return session.getPeerPrincipal().getName();
  }
}
