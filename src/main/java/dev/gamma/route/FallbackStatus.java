package dev.gamma.route;

/**
 * What the server list shows for a route whose backends do not answer and have never answered.
 *
 * @param favicon "" or a {@code data:image/png;base64,...} URI
 */
public record FallbackStatus(String motd, String version, String favicon, int online, int max) {}
