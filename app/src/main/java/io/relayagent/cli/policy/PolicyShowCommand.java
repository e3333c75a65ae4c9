package io.relayagent.cli.policy;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.cli.output.Problems;
import io.relayagent.config.Policy;
import io.relayagent.config.PolicyReader;
import io.relayagent.config.PolicyWriter;
import io.relayagent.protocol.json.ProtocolJson;
import io.relayagent.xml.XmlFileException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code relay-agent policy show FILE [--json]}: the effective policy, defaults filled in. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print the policy a file puts in force, every default filled in: as a policy file, or as"
          + " JSON with --json.",
      "Passwords are never in a policy, so none can be shown."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:shown",
      "2:the file is unreadable or invalid (each problem printed as FILE:LINE:COLUMN: message)"
    })
public final class PolicyShowCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "A policy file.")
  private Path file;

  @Mixin private JsonOption json;

  @Override
  public Integer call() {
    Policy policy;
    try {
      policy = PolicyReader.read(file);
    } catch (XmlFileException e) {
      Problems.print(spec.commandLine().getErr(), e);
      return ExitCodes.INVALID_INPUT;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.println(ProtocolJson.writeString(PolicyJson.of(policy)));
    } else {
      out.print(PolicyWriter.toXml(policy));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
