package io.relayagent.service;

import io.relayagent.service.Manifest.Entry;
import io.relayagent.service.Manifest.State;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link Plan} so that it cannot half-happen: each step is written to the manifest (with the
 * actions that undo it) before it starts and marked done after; when a step fails, the steps done
 * are undone in reverse order and the error names the failed step and what was undone. {@link
 * #undo} reverses a whole install, or what a killed one left: the undo of a step still marked
 * pending may find nothing to undo, so its failure is reported and passed over.
 *
 * <p>The same machinery serves Linux and Windows; the operating-system classes only list the steps.
 */
public final class Transaction {

  private final Path manifest;
  private final TargetFiles files;
  private final Commands commands;
  private final Shell shell;
  private final PrintWriter out;

  /**
   * @param manifest where the record of the install is kept (outside every directory it creates)
   */
  public Transaction(
      Path manifest, TargetFiles files, Commands commands, Shell shell, PrintWriter out) {
    this.manifest = manifest;
    this.files = files;
    this.commands = commands;
    this.shell = shell;
    this.out = out;
  }

  public Path manifest() {
    return manifest;
  }

  /** Prints the plan by section, then what uninstall would run; runs nothing. */
  public void print(Plan plan) {
    for (Plan.Section section : plan.sections()) {
      out.println(shell.comment("== " + section.title() + " =="));
      section.notes().forEach(note -> out.println(shell.comment(note)));
      section.steps().forEach(step -> out.println(step.action().text(shell)));
    }
    out.println(
        shell.comment(
            "== Removal: what `relay-agent service uninstall` runs, from the manifest "
                + manifest.getFileName()
                + " =="));
    List<Step> steps = plan.steps();
    for (int i = steps.size() - 1; i >= 0; i--) {
      steps.get(i).undo().forEach(action -> out.println(action.text(shell)));
    }
    out.flush();
  }

  /** Runs every step of the plan; on a failure, undoes the steps done and throws. */
  public void run(Plan plan) throws IOException, InterruptedException {
    if (Files.exists(manifest)) {
      throw new IOException(
          "already installed (" + manifest + "); run `relay-agent service uninstall` first");
    }
    List<Entry> entries = new ArrayList<>();
    for (Plan.Section section : plan.sections()) {
      out.println(shell.comment("== " + section.title() + " =="));
      section.notes().forEach(note -> out.println(shell.comment(note)));
      for (Step step : section.steps()) {
        entries.add(new Entry(State.PENDING, step.name(), step.undo()));
        Manifest.write(manifest, entries);
        out.println("+ " + step.action().text(shell));
        out.flush();
        try {
          step.action().perform(commands, files);
        } catch (IOException | RuntimeException | InterruptedException e) {
          // A step that reports failure did not happen; undo the ones before it. (A process
          // killed here leaves it pending instead, for uninstall.)
          entries.remove(entries.size() - 1);
          throw rollBack(step, e, entries);
        }
        entries.set(entries.size() - 1, entries.get(entries.size() - 1).with(State.DONE));
        Manifest.write(manifest, entries);
      }
    }
    out.println("recorded in " + manifest + " (`relay-agent service uninstall` undoes it)");
    out.flush();
  }

  private IOException rollBack(Step failed, Exception cause, List<Entry> done)
      throws IOException, InterruptedException {
    String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    out.println("! step \"" + failed.name() + "\" failed: " + why + "; undoing the steps done");
    Outcome outcome = undoEntries(done);
    StringBuilder message =
        new StringBuilder("install failed at step \"")
            .append(failed.name())
            .append("\": ")
            .append(why);
    message
        .append("; undone: ")
        .append(outcome.undone.isEmpty() ? "nothing (no step was done)" : outcome.undone);
    if (!outcome.failed.isEmpty()) {
      message
          .append("; NOT undone: ")
          .append(outcome.failed)
          .append(" (kept in ")
          .append(manifest)
          .append(": fix the cause, then run `relay-agent service uninstall`)");
    }
    if (cause instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return new IOException(message.toString(), cause);
  }

  /** Undoes what the manifest records, newest step first, then removes the manifest. */
  public void undo() throws IOException, InterruptedException {
    if (!Files.exists(manifest)) {
      throw new IOException("not installed: no " + manifest);
    }
    Outcome outcome = undoEntries(Manifest.read(manifest));
    if (!outcome.failed.isEmpty()) {
      throw new IOException(
          "could not undo "
              + outcome.failed
              + " (kept in "
              + manifest
              + "; fix the cause and run uninstall again); undone: "
              + outcome.undone);
    }
    out.println("removed everything recorded in " + manifest);
    out.flush();
  }

  /** Prints what {@link #undo} would run. */
  public void printUndo() throws IOException {
    if (!Files.exists(manifest)) {
      throw new IOException("not installed: no " + manifest);
    }
    List<Entry> entries = Manifest.read(manifest);
    for (int i = entries.size() - 1; i >= 0; i--) {
      entries.get(i).undo().forEach(action -> out.println(action.text(shell)));
    }
    out.flush();
  }

  private static final class Outcome {
    final List<String> undone = new ArrayList<>();
    final List<String> failed = new ArrayList<>();
  }

  /**
   * Undoes {@code entries} newest first; each one undone leaves the manifest at once, so a second
   * interruption loses nothing. Entries whose undo failed stay in it; with none left, it is
   * removed.
   */
  private Outcome undoEntries(List<Entry> entries) throws IOException, InterruptedException {
    Outcome outcome = new Outcome();
    List<Entry> remaining = new ArrayList<>(entries);
    List<Entry> kept = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Entry entry = remaining.remove(remaining.size() - 1);
      String problem = null;
      for (Action action : entry.undo()) {
        out.println("- " + action.text(shell));
        out.flush();
        try {
          action.perform(commands, files);
        } catch (IOException | RuntimeException e) {
          problem = e.getMessage();
        }
      }
      if (problem == null) {
        outcome.undone.add(entry.step());
      } else if (entry.state() == State.PENDING) {
        // Killed during this step: it may never have happened, so its undo may find nothing.
        out.println("  (the step was interrupted and probably never happened: " + problem + ")");
        outcome.undone.add(entry.step());
      } else {
        out.println("  could not undo \"" + entry.step() + "\": " + problem);
        outcome.failed.add(entry.step());
        kept.add(0, entry);
      }
      List<Entry> left = new ArrayList<>(remaining);
      left.addAll(kept);
      if (!left.isEmpty()) {
        Manifest.write(manifest, left);
      }
    }
    if (kept.isEmpty()) {
      Files.deleteIfExists(manifest);
    }
    return outcome;
  }
}
