package io.relayagent.protocol.admin;

import io.relayagent.protocol.ServerPaths;
import io.relayagent.protocol.json.Fields;

/**
 * {@code POST /admin/v1/console-links}: a one-time login link to the web console (docs/console.md).
 *
 * @param path the link's path and query on the server that issued it ({@code
 *     /console/login?link=...}); the administrator's tool puts the server's URL before it
 * @param expires when the link stops working if unused, ISO-8601 with an offset
 */
public record ConsoleLink(String path, String expires) {

  public ConsoleLink {
    path = Fields.text("path", path, 512);
    if (!path.startsWith(ServerPaths.CONSOLE_PREFIX)) {
      throw Fields.problem("path", "must start with /console/");
    }
    expires = Fields.offsetTime("expires", expires);
  }
}
