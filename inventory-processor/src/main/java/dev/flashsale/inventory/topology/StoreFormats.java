package dev.flashsale.inventory.topology;

import dev.flashsale.events.CustomerId;
import dev.flashsale.events.OrderId;
import dev.flashsale.events.OrderStatus;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary layouts of the values the processor keeps in its own stores and their changelogs: internal state that only
 * this processor reads, unlike the events, whose contract is JSON. Each value starts with a format byte; a reader
 * refuses any format it does not know, so state written by an incompatible build fails the restore loudly instead of
 * being misread (delete the state directory and the changelog topics, or use a new application ID). Numbers are
 * big-endian, strings a 4-byte length and UTF-8, instants and durations whole seconds and nanoseconds, and a value's
 * nullable fields are announced by one byte of presence bits.
 */
final class StoreFormats {

    static final byte PRODUCT_STOCK_FORMAT = 1;
    static final byte ORDER_PROGRESS_FORMAT = 1;

    static final Serde<ProductStock> PRODUCT_STOCK = Serdes.serdeFrom(
            (topic, stock) -> stock == null ? null : write(stock),
            (topic, bytes) -> bytes == null ? null : readProductStock(bytes));

    static final Serde<OrderProgress> ORDER_PROGRESS = Serdes.serdeFrom(
            (topic, order) -> order == null ? null : write(order),
            (topic, bytes) -> bytes == null ? null : readOrderProgress(bytes));

    private static final int STOCK_LIMIT = 1;
    private static final int STOCK_WINDOW = 1 << 1;

    private static final int ORDER_LINE_COUNT = 1;
    private static final int ORDER_DEADLINE = 1 << 1;
    private static final int ORDER_DECIDED_BY = 1 << 2;
    private static final int ORDER_PAYMENT_REFERENCE = 1 << 3;
    private static final int ORDER_AMOUNT = 1 << 4;
    private static final int ORDER_REQUESTED_AT = 1 << 5;

    private static final int LINE_RESERVED = 1;
    private static final int LINE_RELEASED = 1 << 1;
    private static final int LINE_WINDOW = 1 << 2;

    private StoreFormats() {
    }

    static byte[] write(ProductStock stock) {
        int present = (stock.maxPerCustomer() != null ? STOCK_LIMIT : 0)
                | (stock.paymentWindow() != null ? STOCK_WINDOW : 0);
        Writer out = new Writer(48).putByte(PRODUCT_STOCK_FORMAT).putByte(present)
                .putInt(stock.available()).putLong(stock.version()).putUuid(stock.stockedBy());
        if (stock.maxPerCustomer() != null) {
            out.putInt(stock.maxPerCustomer());
        }
        if (stock.paymentWindow() != null) {
            out.putDuration(stock.paymentWindow());
        }
        return out.toByteArray();
    }

    static ProductStock readProductStock(byte[] bytes) {
        Reader in = new Reader(bytes, "ProductStock", PRODUCT_STOCK_FORMAT);
        try {
            int present = in.getByte();
            int available = in.getInt();
            long version = in.getLong();
            UUID stockedBy = in.getUuid();
            Integer limit = (present & STOCK_LIMIT) != 0 ? in.getInt() : null;
            Duration window = (present & STOCK_WINDOW) != 0 ? in.getDuration() : null;
            return in.done(new ProductStock(available, version, stockedBy, limit, window));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw in.unreadable(e);
        }
    }

    static byte[] write(OrderProgress order) {
        int present = (order.lineCount() != null ? ORDER_LINE_COUNT : 0)
                | (order.paymentDeadline() != null ? ORDER_DEADLINE : 0)
                | (order.decidedBy() != null ? ORDER_DECIDED_BY : 0)
                | (order.paymentReference() != null ? ORDER_PAYMENT_REFERENCE : 0)
                | (order.amount() != null ? ORDER_AMOUNT : 0)
                | (order.requestedAt() != null ? ORDER_REQUESTED_AT : 0);
        Writer out = new Writer(128 + 48 * order.lines().size()).putByte(ORDER_PROGRESS_FORMAT).putByte(present)
                .putString(order.orderId().value()).putString(order.customerId().value())
                .putString(order.status().name());
        if (order.lineCount() != null) {
            out.putInt(order.lineCount());
        }
        out.putInt(order.lines().size());
        for (Map.Entry<String, OrderProgress.Line> entry : order.lines().entrySet()) {
            OrderProgress.Line line = entry.getValue();
            out.putString(entry.getKey()).putInt(line.quantity()).putByte((line.reserved() ? LINE_RESERVED : 0)
                    | (line.released() ? LINE_RELEASED : 0) | (line.paymentWindow() != null ? LINE_WINDOW : 0));
            if (line.paymentWindow() != null) {
                out.putDuration(line.paymentWindow());
            }
        }
        if (order.paymentDeadline() != null) {
            out.putInstant(order.paymentDeadline());
        }
        if (order.decidedBy() != null) {
            out.putUuid(order.decidedBy());
        }
        if (order.paymentReference() != null) {
            out.putString(order.paymentReference());
        }
        if (order.amount() != null) {
            out.putLong(order.amount());
        }
        if (order.requestedAt() != null) {
            out.putInstant(order.requestedAt());
        }
        return out.toByteArray();
    }

    static OrderProgress readOrderProgress(byte[] bytes) {
        Reader in = new Reader(bytes, "OrderProgress", ORDER_PROGRESS_FORMAT);
        try {
            int present = in.getByte();
            OrderId orderId = new OrderId(in.getString());
            CustomerId customerId = new CustomerId(in.getString());
            OrderStatus status = OrderStatus.valueOf(in.getString());
            Integer lineCount = (present & ORDER_LINE_COUNT) != 0 ? in.getInt() : null;
            int lineEntries = in.getInt();
            Map<String, OrderProgress.Line> lines = new LinkedHashMap<>();
            for (int i = 0; i < lineEntries; i++) {
                String product = in.getString();
                int quantity = in.getInt();
                int flags = in.getByte();
                Duration window = (flags & LINE_WINDOW) != 0 ? in.getDuration() : null;
                lines.put(product, new OrderProgress.Line(quantity, (flags & LINE_RESERVED) != 0, window,
                        (flags & LINE_RELEASED) != 0));
            }
            Instant deadline = (present & ORDER_DEADLINE) != 0 ? in.getInstant() : null;
            UUID decidedBy = (present & ORDER_DECIDED_BY) != 0 ? in.getUuid() : null;
            String paymentReference = (present & ORDER_PAYMENT_REFERENCE) != 0 ? in.getString() : null;
            Long amount = (present & ORDER_AMOUNT) != 0 ? in.getLong() : null;
            Instant requestedAt = (present & ORDER_REQUESTED_AT) != 0 ? in.getInstant() : null;
            return in.done(new OrderProgress(orderId, customerId, lineCount, status, lines, deadline, decidedBy,
                    paymentReference, amount, requestedAt));
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw in.unreadable(e);
        }
    }

    /** A growing byte array; the layouts are small, so it rarely grows past its first guess. */
    private static final class Writer {

        private byte[] bytes;
        private int size;

        Writer(int capacity) {
            bytes = new byte[capacity];
        }

        Writer putByte(int value) {
            ensure(1);
            bytes[size++] = (byte) value;
            return this;
        }

        Writer putInt(int value) {
            ensure(Integer.BYTES);
            for (int shift = 24; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
            return this;
        }

        Writer putLong(long value) {
            ensure(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[size++] = (byte) (value >>> shift);
            }
            return this;
        }

        Writer putString(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            putInt(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
            return this;
        }

        Writer putUuid(UUID value) {
            return putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
        }

        Writer putInstant(Instant value) {
            return putLong(value.getEpochSecond()).putInt(value.getNano());
        }

        Writer putDuration(Duration value) {
            return putLong(value.getSeconds()).putInt(value.getNano());
        }

        byte[] toByteArray() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Reads one value of a known format; the caller turns what breaks it into {@link #unreadable}. */
    private static final class Reader {

        private final ByteBuffer buffer;
        private final String type;

        Reader(byte[] bytes, String type, byte format) {
            this.buffer = ByteBuffer.wrap(bytes);
            this.type = type;
            if (bytes.length == 0 || bytes[0] != format) {
                throw new SerializationException("stored " + type + " is in format "
                        + (bytes.length == 0 ? "(empty)" : Byte.toString(bytes[0])) + ", this build reads only format "
                        + format + ": state written by another build cannot be read; wipe the state directory");
            }
            buffer.position(1);
        }

        int getByte() {
            return buffer.get() & 0xff;
        }

        int getInt() {
            return buffer.getInt();
        }

        long getLong() {
            return buffer.getLong();
        }

        String getString() {
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new BufferUnderflowException();
            }
            String value = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }

        UUID getUuid() {
            return new UUID(buffer.getLong(), buffer.getLong());
        }

        Instant getInstant() {
            return Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
        }

        Duration getDuration() {
            return Duration.ofSeconds(buffer.getLong(), buffer.getInt());
        }

        /** The value read, provided nothing is left over: bytes past the layout mean another layout. */
        <T> T done(T value) {
            if (buffer.hasRemaining()) {
                throw new SerializationException("stored " + type + " has " + buffer.remaining()
                        + " bytes past its end");
            }
            return value;
        }

        SerializationException unreadable(RuntimeException cause) {
            return new SerializationException("stored " + type + " cannot be read: " + cause, cause);
        }
    }
}
