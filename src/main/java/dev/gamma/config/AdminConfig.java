package dev.gamma.config;

/** @param token bearer token every admin call must carry; "" = none */
public record AdminConfig(HostPort bind, String token) {}
