package io.relayagent.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging of a running agent: a rolling file in {@code STATE_DIR/logs} (10 MiB a file, 14 days, 200
 * MiB in all) and, in the foreground, the console. Replaces the command line's quiet set-up, which
 * logs only warnings to standard error.
 */
public final class AgentLogging {
  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{30} - %msg%n";

  private AgentLogging() {}

  public static void configure(Path stateDirectory, boolean console) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);

    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setName("file");
    file.setFile(stateDirectory.resolve("logs").resolve("agent.log").toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
    rolling.setContext(context);
    rolling.setParent(file);
    rolling.setFileNamePattern(
        stateDirectory.resolve("logs").resolve("agent.%d{yyyy-MM-dd}.%i.log.gz").toString());
    rolling.setMaxFileSize(FileSize.valueOf("10MB"));
    rolling.setMaxHistory(14);
    rolling.setTotalSizeCap(FileSize.valueOf("200MB"));
    rolling.start();
    file.setRollingPolicy(rolling);
    file.setEncoder(encoder(context));
    file.start();
    root.addAppender(file);

    if (console) {
      ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
      stdout.setContext(context);
      stdout.setName("console");
      stdout.setEncoder(encoder(context));
      stdout.start();
      root.addAppender(stdout);
    }
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
