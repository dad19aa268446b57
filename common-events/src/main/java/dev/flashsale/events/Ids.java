package dev.flashsale.events;

final class Ids {

    /** Ids travel as Kafka keys and URL segments; a bound keeps a hostile value from bloating either. */
    static final int MAX_LENGTH = 128;

    private Ids() {
    }

    static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_LENGTH + " characters");
        }
    }
}
