package io.relayagent.config;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import io.relayagent.xml.XmlFileException;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link Policy} as a policy file with every value explicit: what {@code relay-agent
 * policy show} prints and what a server hands its agents.
 *
 * <p>Whatever it writes reads back as an equal policy; a policy that would not (one that breaks a
 * rule of {@link PolicyReader}, built in code) is refused, so nothing ever hands an agent a policy
 * it rejects.
 */
public final class PolicyWriter {
  private PolicyWriter() {}

  /**
   * The policy file's text.
   *
   * @throws IllegalArgumentException if the policy would not read back as itself, naming why
   */
  public static String toXml(Policy policy) {
    String xml = marshal(policy);
    Policy readBack;
    try {
      readBack = PolicyReader.parse("policy", xml.getBytes(StandardCharsets.UTF_8));
    } catch (XmlFileException e) {
      throw new IllegalArgumentException("not a valid policy:\n" + e.getMessage(), e);
    }
    if (!readBack.equals(policy)) {
      throw new IllegalArgumentException(
          "the policy cannot be written exactly: " + policy + " reads back as " + readBack);
    }
    return xml;
  }

  /** Writes the policy file whole or not at all ({@link AtomicFile}). */
  public static void write(Policy policy, Path file) throws IOException {
    AtomicFile.replace(file, toXml(policy).getBytes(StandardCharsets.UTF_8), FileAccess.PRIVATE);
  }

  private static String marshal(Policy policy) {
    try {
      Marshaller marshaller = PolicyReader.context().createMarshaller();
      marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, Boolean.TRUE);
      marshaller.setProperty(Marshaller.JAXB_ENCODING, StandardCharsets.UTF_8.name());
      StringWriter out = new StringWriter();
      marshaller.marshal(PolicyToXml.of(policy), out);
      return out.toString();
    } catch (JAXBException e) {
      throw new IllegalStateException("cannot write a policy: " + e.getMessage(), e);
    }
  }
}
