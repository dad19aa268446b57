package dev.flashsale.api.web;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize the largest request body accepted; larger ones are answered 413 without being read */
@ConfigurationProperties("flashsale.web")
record WebSettings(DataSize maxBodySize) {

    WebSettings {
        Objects.requireNonNull(maxBodySize, "flashsale.web.max-body-size");
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("flashsale.web.max-body-size must be positive");
        }
    }
}
