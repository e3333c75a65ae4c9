package io.relayagent.service;

import java.util.List;

/**
 * One step of a service install: what it does and the actions that undo it (in their order).
 *
 * @param name how the step is named in progress lines and errors ("systemctl daemon-reload")
 */
public record Step(String name, Action action, List<Action> undo) {

  public Step {
    Manifest.checkValue(name);
    undo = List.copyOf(undo);
  }

  public Step(String name, Action action, Action... undo) {
    this(name, action, List.of(undo));
  }
}
