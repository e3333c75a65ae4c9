package io.relayagent.server.console;

/** The pages a browser without a session sees: how to sign in, and the one after logout. */
final class LoginPages {
  static final String HOW =
      "relay-agent server console-link --server https://HOST:PORT --token-file DIR/admin-token"
          + " --ca ca.pem";

  private LoginPages() {}

  static HtmlPage signIn(String why) {
    return HtmlPage.signedOut("Sign in")
        .heading("Sign in to the Relay Agent console")
        .paragraph(why)
        .paragraph(
            "An administrator gets a one-time login link, valid for "
                + ConsoleSessions.LINK_LIFETIME.toMinutes()
                + " minutes, from the server's admin API and opens it in this browser:")
        .code(HOW);
  }

  static HtmlPage loggedOut() {
    return HtmlPage.signedOut("Logged out")
        .heading("Logged out")
        .paragraph("The session has ended. To sign in again, get a new login link:")
        .code(LoginPages.HOW);
  }
}
