package dev.gamma.config;

/**
 * What a player gets for a hostname without a route.
 *
 * @param disconnect the login disconnect text; {@code {host}} is replaced by the hostname the player typed
 */
public record UnknownHostConfig(String motd, String disconnect) {}
