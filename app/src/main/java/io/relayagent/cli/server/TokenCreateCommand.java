package io.relayagent.cli.server;

import io.relayagent.cli.ExitCodes;
import io.relayagent.cli.ShortDuration;
import io.relayagent.cli.admin.AdminConnection;
import io.relayagent.cli.output.JsonOption;
import io.relayagent.protocol.admin.EnrollmentToken;
import io.relayagent.protocol.admin.EnrollmentTokenRequest;
import io.relayagent.protocol.json.ProtocolJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code relay-agent server token create --uses N --expires DURATION [--role agent|relay]}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Make an enrollment token: up to N hosts may enroll with it until it expires. The secret is"
          + " printed once; the server keeps only its hash."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:made", AdminConnection.EXIT_REFUSED, AdminConnection.EXIT_BAD_INPUT})
public final class TokenCreateCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private AdminConnection connection;
  @Mixin private JsonOption json;

  @Option(
      names = "--uses",
      required = true,
      paramLabel = "N",
      description = "How many hosts may enroll with it (1 to 1000000).")
  private int uses;

  @Option(
      names = "--expires",
      required = true,
      paramLabel = "DURATION",
      converter = ShortDuration.class,
      description = "How long it works from now: 7d, 12h, 30m (at most 366d).")
  private Duration expires;

  @Option(
      names = "--role",
      paramLabel = "ROLE",
      defaultValue = "agent",
      description =
          "The role of the certificates it gets: agent or relay (default: ${DEFAULT-VALUE}).")
  private String role;

  @Override
  public Integer call() throws InterruptedException {
    EnrollmentTokenRequest request;
    try {
      request = new EnrollmentTokenRequest(uses, expires.toSeconds(), role);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), options(e.getMessage()));
    }
    PrintWriter out = spec.commandLine().getOut();
    return connection.run(
        spec.commandLine().getErr(),
        admin -> {
          EnrollmentToken token = admin.createEnrollmentToken(request);
          if (json.enabled()) {
            out.println(ProtocolJson.writeString(token));
          } else {
            out.printf(
                "Enrollment token %s (%s, %d uses, until %s):%n",
                token.id(), token.role(), token.uses(), token.expires());
            out.println(token.token());
            out.println("This secret is not shown again: keep it now, or make another token.");
          }
          out.flush();
          return ExitCodes.OK;
        });
  }

  /** The request's member names, as the options that set them. */
  private static String options(String problem) {
    return problem
        .replaceFirst("^validSeconds: ", "--expires: ")
        .replaceFirst("^uses: ", "--uses: ")
        .replaceFirst("^role: ", "--role: ");
  }
}
