package io.relayagent.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which network interfaces discovery uses, by name ({@code <relayClient><discoveryInterfaces>}).
 * Patterns use {@code *} for any run of characters and {@code ?} for one; case matters, as it does
 * for interface names.
 *
 * <p>This decides by name only. Which interfaces are candidates at all (up, broadcast- or
 * multicast-capable) is the discovery code's concern.
 *
 * @param include names or patterns to use; empty means every candidate interface
 * @param exclude names or patterns never to use, even if included (virtual bridges by default)
 */
public record InterfaceSelection(List<String> include, List<String> exclude) {

  /** Container, VM and hypervisor bridges: broadcasting there reaches no peer on the LAN. */
  public static final List<String> DEFAULT_EXCLUDE =
      List.of("docker*", "br-*", "veth*", "virbr*", "vmnet*", "vboxnet*");

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.:@+*?\\-]{1,64}");

  public InterfaceSelection {
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    for (String pattern : include) {
      requireValid(pattern);
    }
    for (String pattern : exclude) {
      requireValid(pattern);
    }
  }

  public static InterfaceSelection defaults() {
    return new InterfaceSelection(List.of(), DEFAULT_EXCLUDE);
  }

  /** Whether discovery may use the interface of this name. */
  public boolean selects(String interfaceName) {
    boolean included = include.isEmpty() || matchesAny(include, interfaceName);
    return included && !matchesAny(exclude, interfaceName);
  }

  private static boolean matchesAny(List<String> patterns, String name) {
    return patterns.stream().anyMatch(pattern -> globToRegex(pattern).matcher(name).matches());
  }

  private static Pattern globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static void requireValid(String pattern) {
    if (!VALID.matcher(pattern).matches()) {
      throw new IllegalArgumentException(
          "'"
              + pattern
              + "' is not an interface name pattern (1-64 of A-Z a-z 0-9 _ . : @ + - * ?)");
    }
  }
}
