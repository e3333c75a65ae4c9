package io.relayagent.config;

import io.relayagent.xml.HardenedXmlReader;
import io.relayagent.xml.ParsedXml;
import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads policy files as if they were hostile: no DTDs or entities (see {@link HardenedXmlReader}),
 * at most {@link #MAX_FILE_BYTES}, validated against {@code policy-1.xsd} while reading, then
 * checked value by value and rule by rule. Every problem is reported at once, each as {@code
 * FILE:LINE:COLUMN: message}.
 *
 * <pre>{@code
 * try {
 *   Policy policy = PolicyReader.read(Path.of("policy.xml"));
 * } catch (XmlFileException e) {
 *   e.problems().forEach(System.err::println);
 * }
 * }</pre>
 */
public final class PolicyReader {

  /** A full policy is a few KiB; this bounds memory whatever arrives. */
  public static final long MAX_FILE_BYTES = 1L << 20;

  /** A policy nests four elements deep; anything much deeper is an attack or a mistake. */
  static final int MAX_ELEMENT_DEPTH = 16;

  private static final JAXBContext CONTEXT = newContext();
  private static final HardenedXmlReader<PolicyXml> READER =
      new HardenedXmlReader<>(
          CONTEXT, PolicyXml.class, PolicySchema.schema(), MAX_FILE_BYTES, MAX_ELEMENT_DEPTH);

  private PolicyReader() {}

  /** Reads and checks a policy file. */
  public static Policy read(Path file) throws XmlFileException {
    ParsedXml<PolicyXml> parsed;
    try {
      parsed = READER.read(file);
    } catch (XmlFileException e) {
      throw new XmlFileException(ProblemWording.clarify(e.problems()));
    }
    return check(parsed);
  }

  /** Reads and checks a policy from elsewhere (a server's answer), named {@code source}. */
  public static Policy parse(String source, byte[] content) throws XmlFileException {
    ParsedXml<PolicyXml> parsed;
    try {
      parsed = READER.parse(source, content);
    } catch (XmlFileException e) {
      throw new XmlFileException(ProblemWording.clarify(e.problems()));
    }
    return check(parsed);
  }

  static JAXBContext context() {
    return CONTEXT;
  }

  private static Policy check(ParsedXml<PolicyXml> parsed) throws XmlFileException {
    List<XmlProblem> problems = new ArrayList<>();
    Policy policy = new PolicyConverter(parsed, problems).convert();
    if (problems.isEmpty()) {
      PolicyRules.check(policy, parsed, problems);
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(XmlProblem::line).thenComparingInt(XmlProblem::column));
      throw new XmlFileException(problems);
    }
    return policy;
  }

  private static JAXBContext newContext() {
    try {
      return JAXBContext.newInstance(PolicyXml.class);
    } catch (JAXBException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
