package io.relayagent.service;

import io.relayagent.files.AtomicFile;
import io.relayagent.files.FileAccess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * One thing an install step does or undoes: a command, or a file operation done in Java. Paths are
 * in the target's syntax and found through {@link TargetFiles} when the action is performed. Every
 * undo is safe to repeat: removing what is already gone succeeds.
 */
public sealed interface Action {

  /** Does it; a command that exits non-zero is an {@link IOException} naming it. */
  void perform(Commands commands, TargetFiles files) throws IOException, InterruptedException;

  /** What it does, as a line of {@code shell}. */
  String text(Shell shell);

  /** Runs a program (no shell). */
  record Run(List<String> command) implements Action {
    public Run {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("empty command");
      }
      for (String argument : command) {
        Manifest.checkValue(argument);
      }
    }

    @Override
    public void perform(Commands commands, TargetFiles files)
        throws IOException, InterruptedException {
      int code = commands.run(command);
      if (code != 0) {
        throw new IOException("`" + Shell.POSIX.line(command) + "` failed with exit code " + code);
      }
    }

    @Override
    public String text(Shell shell) {
      return shell.line(command);
    }
  }

  /** Writes a whole file atomically (readable by all: a unit file, not a secret). */
  record WriteFile(String path, String content) implements Action {
    public WriteFile {
      Manifest.checkValue(path);
    }

    @Override
    public void perform(Commands commands, TargetFiles files) throws IOException {
      AtomicFile.replace(
          files.resolve(path), content.getBytes(StandardCharsets.UTF_8), FileAccess.PUBLIC);
    }

    @Override
    public String text(Shell shell) {
      return "write " + shell.line(List.of(path));
    }
  }

  /** Removes a file; one that is gone already is fine. */
  record RemoveFile(String path) implements Action {
    public RemoveFile {
      Manifest.checkValue(path);
    }

    @Override
    public void perform(Commands commands, TargetFiles files) throws IOException {
      Files.deleteIfExists(files.resolve(path));
    }

    @Override
    public String text(Shell shell) {
      return shell == Shell.CMD
          ? "del /f /q " + shell.line(List.of(path))
          : "rm -f " + shell.line(List.of(path));
    }
  }

  /** Creates a directory and its missing parents. */
  record MakeDirectory(String path) implements Action {
    public MakeDirectory {
      Manifest.checkValue(path);
    }

    @Override
    public void perform(Commands commands, TargetFiles files) throws IOException {
      Files.createDirectories(files.resolve(path));
    }

    @Override
    public String text(Shell shell) {
      return "mkdir " + shell.line(List.of(path));
    }
  }

  /**
   * Removes a directory if it is empty: the policy, certificates and event queue an administrator
   * or the agent put there outlive an uninstall. A directory that is gone already is fine.
   */
  record RemoveEmptyDirectory(String path) implements Action {
    public RemoveEmptyDirectory {
      Manifest.checkValue(path);
    }

    @Override
    public void perform(Commands commands, TargetFiles files) throws IOException {
      try {
        Files.delete(files.resolve(path));
      } catch (NoSuchFileException | DirectoryNotEmptyException e) {
        // gone, or holds what the agent or the administrator put there: both are fine
      }
    }

    @Override
    public String text(Shell shell) {
      // cmd's rmdir (without /s) leaves a directory that is not empty, as this does.
      return shell == Shell.CMD
          ? "rmdir " + shell.line(List.of(path))
          : "rmdir --ignore-fail-on-non-empty " + shell.line(List.of(path));
    }
  }
}
