package io.relayagent.cli.output;

import io.relayagent.xml.XmlFileException;
import io.relayagent.xml.XmlProblem;
import java.io.PrintWriter;

/** Prints file problems as {@code FILE:LINE:COLUMN: message}, one per line, to standard error. */
public final class Problems {
  private Problems() {}

  public static void print(PrintWriter err, XmlFileException e) {
    for (XmlProblem problem : e.problems()) {
      err.println(problem);
    }
    err.flush();
  }
}
