package io.relayagent.cli.demo;

import io.relayagent.agent.AgentLogging;
import io.relayagent.cli.ExitCodes;
import io.relayagent.demo.Demo;
import io.relayagent.demo.DemoReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-agent demo}: the whole system on one machine, in one command. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Start a reference server, three relays and an agent whose direct path is blocked, all on"
          + " loopback, and show the agent discovering the relays, tunnelling through the first,"
          + " fetching its policy, delivering events and downloading content through the relay's"
          + " cache; then stop that relay and show the fail-over.",
      "Cleans up at the end unless --keep-running."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every step happened as described", "1:a step did not (see the summary)"})
public final class DemoCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--keep-running",
      description =
          "Leave everything up so that `relay-agent status` and `relay-agent relays` can be tried; Ctrl-C stops it.")
  private boolean keepRunning;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path directory = Files.createTempDirectory("relay-agent-demo-");
    // Every component logs to one file, so the story on the console stays readable.
    AgentLogging.configure(directory, false);
    Demo demo = Demo.start(directory, out);
    try {
      DemoReport report = demo.run();
      if (keepRunning) {
        out.println();
        out.println("Logs: " + directory.resolve("logs").resolve("agent.log"));
        out.println("Still running. Try, in another terminal:");
        out.println("  bin/relay-agent status --state-dir " + demo.agentStateDirectory());
        out.println("  bin/relay-agent relays --state-dir " + demo.agentStateDirectory());
        out.println("Press Ctrl-C to stop.");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      demo.close();
                      deleteQuietly(directory);
                      stop.countDown();
                    },
                    "demo-stop"));
        stop.await();
        return ExitCodes.OK;
      }
      return report.succeeded() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    } finally {
      if (!keepRunning) {
        demo.close();
        deleteQuietly(directory);
      }
    }
  }

  private static void deleteQuietly(Path directory) {
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // A temporary directory: what is left, the system removes.
    }
  }
}
