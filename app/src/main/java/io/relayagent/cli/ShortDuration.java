package io.relayagent.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A duration as an administrator types it: a whole number and a unit, {@code 7d}, {@code 12h},
 * {@code 30m} or {@code 45s}. For an option: {@code @Option(converter = ShortDuration.class)}.
 */
public final class ShortDuration implements ITypeConverter<Duration> {
  private static final Pattern FORM = Pattern.compile("([0-9]{1,9})([dhms])");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * The duration {@code text} says.
   *
   * @throws TypeConversionException saying what is accepted
   */
  public static Duration parse(String text) {
    Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new TypeConversionException(
          "\"" + text + "\" is not a duration: use a number and d, h, m or s, such as 7d or 12h");
    }
    long amount = Long.parseLong(matcher.group(1));
    if (amount == 0) {
      throw new TypeConversionException("\"" + text + "\" is not a positive duration");
    }
    return switch (matcher.group(2)) {
      case "d" -> Duration.ofDays(amount);
      case "h" -> Duration.ofHours(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
