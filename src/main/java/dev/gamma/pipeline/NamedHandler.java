package dev.gamma.pipeline;

/** A handler in a connection's chain, with the name it is logged and removed by. */
public record NamedHandler(String name, PacketHandler handler) {}
