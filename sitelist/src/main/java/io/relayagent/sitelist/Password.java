package io.relayagent.sitelist;

import org.w3c.dom.Element;

/** {@code <Password Encrypted="0|1">...</Password>}; kept for round trips, never shown. */
public final class Password {
  private final Element element;

  Password(Element element) {
    this.element = element;
  }

  public boolean isEncrypted() {
    return Flag.isSet(rawEncrypted(), false);
  }

  String rawEncrypted() {
    return element.hasAttribute("Encrypted") ? element.getAttribute("Encrypted") : null;
  }

  /** Whether a password is present at all (the value itself is never shown). */
  public boolean isPresent() {
    return !element.getTextContent().isEmpty();
  }
}
