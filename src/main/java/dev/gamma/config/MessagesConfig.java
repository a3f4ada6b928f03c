package dev.gamma.config;

/** @param backendDown login disconnect text when no backend of the route is reachable */
public record MessagesConfig(String backendDown) {}
