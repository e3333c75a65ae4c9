package io.relayagent.server.events;

/**
 * An event as the console lists it: its members, with its data cut to {@link #MAX_DATA_CHARS}
 * characters (an event may carry up to a whole body of data; a list needs a glimpse of it).
 *
 * @param data the start of the event's data as JSON text, ending in "…" when cut
 */
public record RecentEvent(
    String id, String type, String priority, String time, String received, String data) {

  /** The most characters of an event's data kept for the list. */
  public static final int MAX_DATA_CHARS = 200;

  static RecentEvent of(StoredEvent event) {
    String data = event.data() == null ? null : event.data().json();
    if (data != null && data.length() > MAX_DATA_CHARS) {
      data = data.substring(0, MAX_DATA_CHARS) + "…";
    }
    return new RecentEvent(
        event.id(), event.type(), event.priority(), event.time(), event.received(), data);
  }
}
