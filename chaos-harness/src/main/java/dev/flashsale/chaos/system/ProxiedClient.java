package dev.flashsale.chaos.system;

/**
 * A client that reaches every broker through a listener of its own, advertised at a {@link TcpProxy} in front of it,
 * so that a fault can cut that client off from the brokers and no one else. Kafka clients connect to the addresses
 * the brokers advertise, not to their bootstrap servers, so a proxy only in front of the bootstrap address would be
 * bypassed after the first metadata request.
 */
public enum ProxiedClient {
    /** The first inventory processor instance; the second, which joins for a while, connects directly. */
    PROCESSOR,
    ORDER_API;

    /** The broker's listener name for it. */
    String listener() {
        return name().replace("_", "");
    }
}
