package io.relayagent.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one service install, in labelled sections (the service, the access rights, the
 * firewall, ...) so that each part reads on its own. {@link Transaction} runs or prints it.
 */
public record Plan(Shell shell, List<Section> sections) {

  public Plan {
    sections = List.copyOf(sections);
  }

  /**
   * @param title the section's heading
   * @param notes lines printed under the heading (what the steps are based on, warnings, text to
   *     apply by hand)
   */
  public record Section(String title, List<String> notes, List<Step> steps) {
    public Section {
      notes = List.copyOf(notes);
      steps = List.copyOf(steps);
    }
  }

  /** Every step, in order. */
  public List<Step> steps() {
    List<Step> steps = new ArrayList<>();
    sections.forEach(section -> steps.addAll(section.steps()));
    return steps;
  }
}
