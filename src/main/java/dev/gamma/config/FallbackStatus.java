package dev.gamma.config;

/**
 * @param favicon "" or a {@code data:image/png;base64,...} URI; a file path in the YAML is read (relative to the
 *                config file's directory) and turned into the URI at load time
 */
public record FallbackStatus(String motd, String version, String favicon, int online, int max) {}
