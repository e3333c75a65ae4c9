package io.relayagent.sitelist;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;

/** {@code <Password Encrypted="0|1">...</Password>}; kept for round trips, never shown. */
public final class Password {
  @XmlAttribute(name = "Encrypted")
  private String encrypted;

  @XmlValue private String value;

  @XmlAnyAttribute private Map<QName, String> otherAttributes = new HashMap<>();

  public boolean isEncrypted() {
    return Flag.isSet(encrypted, false);
  }

  String rawEncrypted() {
    return encrypted;
  }

  /** Whether a password is present at all (the value itself is never shown). */
  public boolean isPresent() {
    return value != null && !value.isEmpty();
  }
}
