package io.relayagent.service;

import io.relayagent.files.FileAccess;
import io.relayagent.files.SealedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The record of a service install: each step with its state and the actions that undo it. It is
 * replaced whole (never appended) at every change, so a crash leaves the old record or the new one.
 *
 * <pre>
 * relay-agent service manifest 1
 * step	done	create user relay-agent
 * undo	run	userdel	relay-agent
 * step	pending	systemctl daemon-reload
 * undo	remove-file	/etc/systemd/system/relay-agent.service
 * </pre>
 *
 * The file is sealed ({@link SealedFile}): a flipped bit in a command or a path is refused, never
 * run. A step is written {@code pending} before it starts and {@code done} when it succeeded; a
 * pending step is one whose process was killed, and may or may not have happened. Fields are
 * separated by tabs, which no value may contain. A file of the first version (one tab-separated
 * undo command a line, no header) reads as done steps.
 */
final class Manifest {

  static final String HEADER = "relay-agent service manifest 1";

  /** A real manifest is a few KiB; this bounds what a damaged or planted file can cost. */
  static final long MAX_BYTES = 256 * 1024;

  enum State {
    PENDING,
    DONE
  }

  record Entry(State state, String step, List<Action> undo) {
    Entry {
      undo = List.copyOf(undo);
    }

    Entry with(State newState) {
      return new Entry(newState, step, undo);
    }
  }

  private Manifest() {}

  /** Refuses a value the manifest's format cannot carry (or a terminal would misprint). */
  static void checkValue(String value) {
    if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "not usable in a service install (empty, or a tab, line break or control character): "
              + value.replaceAll("\\p{Cntrl}", "?"));
    }
  }

  static void write(Path file, List<Entry> entries) throws IOException {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (Entry entry : entries) {
      text.append("step\t")
          .append(entry.state().name().toLowerCase(Locale.ROOT))
          .append('\t')
          .append(entry.step())
          .append('\n');
      for (Action action : entry.undo()) {
        text.append("undo\t").append(String.join("\t", encode(action))).append('\n');
      }
    }
    SealedFile.replace(file, text.toString().getBytes(StandardCharsets.UTF_8), FileAccess.PRIVATE);
  }

  private static List<String> encode(Action action) {
    if (action instanceof Action.Run run) {
      List<String> fields = new ArrayList<>(List.of("run"));
      fields.addAll(run.command());
      return fields;
    } else if (action instanceof Action.RemoveFile remove) {
      return List.of("remove-file", remove.path());
    } else if (action instanceof Action.RemoveEmptyDirectory remove) {
      return List.of("remove-empty-dir", remove.path());
    }
    throw new IllegalArgumentException("not an undo action: " + action);
  }

  /**
   * Reads a manifest.
   *
   * @throws io.relayagent.files.DamagedFileException if it fails its seal: uninstall then runs
   *     nothing it says, rather than commands or paths a flipped bit changed
   */
  static List<Entry> read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException(file + ": " + size + " bytes, more than a manifest can be");
    }
    byte[] content = SealedFile.read(file, (int) MAX_BYTES).content();
    List<String> lines;
    try {
      lines =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(content))
              .toString()
              .lines()
              .toList();
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text (damaged?)", e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      try {
        return readVersion0(lines);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": " + e.getMessage(), e);
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      try {
        if (fields[0].equals("step") && fields.length == 3) {
          State state = State.valueOf(fields[1].toUpperCase(Locale.ROOT));
          entries.add(new Entry(state, fields[2], List.of()));
        } else if (fields[0].equals("undo") && fields.length >= 3 && !entries.isEmpty()) {
          Entry last = entries.remove(entries.size() - 1);
          List<Action> undo = new ArrayList<>(last.undo());
          undo.add(decode(Arrays.asList(fields).subList(1, fields.length)));
          entries.add(new Entry(last.state(), last.step(), undo));
        } else {
          throw new IllegalArgumentException("expected `step STATE NAME` or `undo KIND ...`");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return entries;
  }

  private static Action decode(List<String> fields) {
    String kind = fields.get(0);
    List<String> values = fields.subList(1, fields.size());
    return switch (kind) {
      case "run" -> new Action.Run(values);
      case "remove-file" -> new Action.RemoveFile(single(kind, values));
      case "remove-empty-dir" -> new Action.RemoveEmptyDirectory(single(kind, values));
      default -> throw new IllegalArgumentException("unknown undo kind " + kind);
    };
  }

  private static String single(String kind, List<String> values) {
    if (values.size() != 1) {
      throw new IllegalArgumentException(kind + " takes one path, not " + values.size());
    }
    return values.get(0);
  }

  /** Version 0: each line an undo command, tab-separated, for a step that was done. */
  private static List<Entry> readVersion0(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        List<String> command = List.of(line.split("\t"));
        entries.add(
            new Entry(State.DONE, String.join(" ", command), List.of(new Action.Run(command))));
      }
    }
    return entries;
  }
}
