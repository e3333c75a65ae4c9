package io.relayagent.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class QuietLoggingTest {

  @Test
  void configure_warningsGoToStandardErrorAndInfoIsDropped() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      ExecutionStatus status = configure(context);
      Logger log = context.getLogger("io.relayagent.sitelist.SiteListReader");
      log.info("read 3 sites");
      log.warn("site list is older than the last one");
    } finally {
      System.setErr(original);
      context.stop();
    }

    String written = err.toString(StandardCharsets.UTF_8);
    assertThat(written)
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  i\\.r\\.s\\.SiteListReader"
                + " - site list is older than the last one\\R")
        .doesNotContain("read 3 sites");
  }

  @Test
  void configure_configurationFileGiven_leavesItToLogback() {
    LoggerContext context = new LoggerContext();
    String previous = System.setProperty("logback.configurationFile", "/etc/relay-agent/log.xml");
    try {
      assertThat(configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
    } finally {
      if (previous == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", previous);
      }
      context.stop();
    }
  }

  @Test
  void serviceLoader_findsQuietLogging() {
    assertThat(ServiceLoader.load(Configurator.class))
        .anySatisfy(configurator -> assertThat(configurator).isInstanceOf(QuietLogging.class));
  }

  private static ExecutionStatus configure(LoggerContext context) {
    QuietLogging quiet = new QuietLogging();
    quiet.setContext(context);
    return quiet.configure(context);
  }
}
