package io.relayagent.config;

import io.relayagent.xml.XmlProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the schema validator's problems into words an administrator reads at a glance.
 *
 * <p>For a bad value the validator reports two messages at the same place: why the value is wrong
 * ({@code cvc-maxInclusive-valid: Value '70000' is not facet-valid with respect to maxInclusive
 * '65535' for type 'port'.}) and where it is ({@code cvc-attribute.3: The value '70000' of
 * attribute 'tunnelPort' on element 'relayServer' is not valid...}). They become one: {@code
 * relayServer: tunnelPort: '70000' is more than the maximum, 65535}. The wording of each message is
 * {@link SchemaMessages}'s; a message it does not know is kept, without its code.
 */
final class ProblemWording {
  private ProblemWording() {}

  static List<XmlProblem> clarify(List<XmlProblem> problems) {
    List<XmlProblem> clear = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      XmlProblem problem = problems.get(i);
      XmlProblem next = i + 1 < problems.size() ? problems.get(i + 1) : null;
      String reason = SchemaMessages.reason(problem.message());
      String where =
          next != null && samePlace(problem, next) ? SchemaMessages.where(next.message()) : null;
      if (reason != null && where != null) {
        clear.add(withMessage(problem, where + ": " + reason));
        i++;
      } else if (reason != null) {
        clear.add(withMessage(problem, reason));
      } else {
        clear.add(withMessage(problem, SchemaMessages.other(problem.message())));
      }
    }
    return clear;
  }

  private static boolean samePlace(XmlProblem a, XmlProblem b) {
    return a.line() == b.line() && a.column() == b.column();
  }

  private static XmlProblem withMessage(XmlProblem problem, String message) {
    return new XmlProblem(problem.source(), problem.line(), problem.column(), message);
  }
}
