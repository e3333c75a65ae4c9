package io.relayagent.service;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a command is shown to an administrator who may paste it: a POSIX shell line or a cmd.exe
 * line. The commands themselves run without a shell; this is only their text.
 */
public enum Shell {
  POSIX("# ") {
    @Override
    String quote(String argument) {
      if (!argument.isEmpty() && SAFE_POSIX.matcher(argument).matches()) {
        return argument;
      }
      return "'" + argument.replace("'", "'\\''") + "'";
    }
  },
  CMD("rem ") {
    @Override
    String quote(String argument) {
      if (!argument.isEmpty() && !CMD_SPECIAL.matcher(argument).find()) {
        return argument;
      }
      // name="value" reads as the same argument as "name=value" and as Windows' docs write it.
      Matcher named = CMD_NAMED.matcher(argument);
      if (named.matches()) {
        return named.group(1) + "\"" + named.group(2) + "\"";
      }
      return "\"" + argument + "\"";
    }
  };

  private static final Pattern SAFE_POSIX = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");
  private static final Pattern CMD_SPECIAL = Pattern.compile("[\\s&|<>^()]");
  private static final Pattern CMD_NAMED =
      Pattern.compile("((?:--|\\+\\+)?[A-Za-z]+=)([^\"]*)", Pattern.DOTALL);

  private final String commentPrefix;

  Shell(String commentPrefix) {
    this.commentPrefix = commentPrefix;
  }

  abstract String quote(String argument);

  /** The command as one line for this shell. */
  public String line(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String argument : command) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quote(argument));
    }
    return line.toString();
  }

  /** A comment line (without the line end). */
  public String comment(String text) {
    return commentPrefix + text;
  }
}
