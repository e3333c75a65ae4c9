package io.relayagent.cli.policy;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.Problems;
import io.relayagent.config.PolicyReader;
import io.relayagent.xml.XmlFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent policy validate FILE...}: the check an agent makes before applying one. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check policy files as the agent does before applying them: the schema (policy-1.xsd),"
          + " every value, and the rules across values.",
      "Prints FILE: valid for a good file; each problem of a bad one on standard error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is valid",
      "2:a file is unreadable or invalid (each problem printed as FILE:LINE:COLUMN: message)"
    })
public final class PolicyValidateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files.")
  private List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    boolean allValid = true;
    for (Path file : files) {
      try {
        PolicyReader.read(file);
        out.println(file + ": valid");
      } catch (XmlFileException e) {
        Problems.print(spec.commandLine().getErr(), e);
        allValid = false;
      }
    }
    out.flush();
    return allValid ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
  }
}
