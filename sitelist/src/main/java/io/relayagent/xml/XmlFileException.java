package io.relayagent.xml;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An XML file that could not be read, or was read but is not valid; carries every problem found.
 */
public final class XmlFileException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final transient List<XmlProblem> problems;

  public XmlFileException(List<XmlProblem> problems) {
    super(problems.stream().map(XmlProblem::toString).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an XmlFileException needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public XmlFileException(XmlProblem problem) {
    this(List.of(problem));
  }

  /** Every problem, in the order found (document order for problems inside the file). */
  public List<XmlProblem> problems() {
    return problems;
  }
}
