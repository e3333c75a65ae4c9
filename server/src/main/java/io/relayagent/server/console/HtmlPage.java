package io.relayagent.server.console;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One console page, written as plain HTML with no script. The markup is fixed in this class; every
 * value goes through {@link Html#escape}, so a page can only ever show a hostile value as text.
 *
 * <pre>{@code
 * byte[] body = HtmlPage.signedIn("Fleet").heading("Fleet").table(headers, rows, "none").bytes();
 * }</pre>
 */
final class HtmlPage {
  private final StringBuilder html = new StringBuilder(4096);

  private HtmlPage(String title, boolean navigation) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(Html.escape(title))
        .append(" - Relay Agent console</title>")
        .append("<link rel=\"stylesheet\" href=\"")
        .append(ConsolePaths.STYLE)
        .append("\"></head>\n<body>");
    if (navigation) {
      html.append("<header><nav>");
      navLink("Fleet", ConsolePaths.FLEET);
      navLink("Relays", ConsolePaths.RELAYS);
      navLink("Content", ConsolePaths.CONTENT);
      html.append("<form method=\"post\" action=\"")
          .append(ConsolePaths.LOGOUT)
          .append("\"><button type=\"submit\">Log out</button></form>")
          .append("</nav></header>");
    }
    html.append("\n<main>");
  }

  /** A page for a signed-in administrator: with the navigation and the logout button. */
  static HtmlPage signedIn(String title) {
    return new HtmlPage(title, true);
  }

  /** A page for a browser without a session: no navigation. */
  static HtmlPage signedOut(String title) {
    return new HtmlPage(title, false);
  }

  HtmlPage heading(String text) {
    return element("h1", text);
  }

  HtmlPage subheading(String text) {
    return element("h2", text);
  }

  HtmlPage paragraph(String text) {
    return element("p", text);
  }

  /** A paragraph in a fixed-width font (a command to type). */
  HtmlPage code(String text) {
    html.append("<pre><code>").append(Html.escape(text)).append("</code></pre>\n");
    return this;
  }

  /** Terms and their values, as a definition list. */
  HtmlPage facts(List<Cell[]> pairs) {
    html.append("<dl>");
    for (Cell[] pair : pairs) {
      html.append("<dt>");
      cell(pair[0]);
      html.append("</dt><dd>");
      cell(pair[1]);
      html.append("</dd>");
    }
    html.append("</dl>\n");
    return this;
  }

  /**
   * A table with a header row; {@code empty} is shown instead when there are no rows. The table
   * carries {@code id} so that tests and style sheets can find it.
   */
  HtmlPage table(String id, List<String> headers, List<List<Cell>> rows, String empty) {
    if (rows.isEmpty()) {
      return paragraph(empty);
    }
    html.append("<table id=\"").append(Html.escape(id)).append("\"><thead><tr>");
    headers.forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
    html.append("</tr></thead><tbody>\n");
    for (List<Cell> row : rows) {
      html.append("<tr>");
      for (Cell c : row) {
        html.append("<td>");
        cell(c);
        html.append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
    return this;
  }

  byte[] bytes() {
    return (html + "</main>\n</body></html>\n").getBytes(StandardCharsets.UTF_8);
  }

  private HtmlPage element(String tag, String text) {
    html.append('<')
        .append(tag)
        .append('>')
        .append(Html.escape(text))
        .append("</")
        .append(tag)
        .append(">\n");
    return this;
  }

  private void cell(Cell c) {
    if (c.href() == null) {
      html.append(Html.escape(c.text()));
    } else {
      html.append("<a href=\"")
          .append(Html.escape(c.href()))
          .append("\">")
          .append(Html.escape(c.text()))
          .append("</a>");
    }
  }

  private void navLink(String text, String href) {
    html.append("<a href=\"").append(href).append("\">").append(text).append("</a> ");
  }
}
