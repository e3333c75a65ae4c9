package io.relayagent.server.console;

/**
 * One table cell: text, and a link to another console page when {@code href} is not null. Both are
 * escaped when the page is written; {@code href} is made by {@link ConsolePaths} only, so it always
 * points inside the console.
 */
record Cell(String text, String href) {

  static Cell text(String text) {
    return new Cell(text, null);
  }

  static Cell text(long number) {
    return new Cell(Long.toString(number), null);
  }

  static Cell link(String text, String href) {
    return new Cell(text, href);
  }
}
