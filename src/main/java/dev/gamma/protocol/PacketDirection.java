package dev.gamma.protocol;

public enum PacketDirection {
    SERVERBOUND, CLIENTBOUND
}
