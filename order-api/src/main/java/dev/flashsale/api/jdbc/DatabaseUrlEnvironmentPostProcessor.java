package dev.flashsale.api.jdbc;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Accepts {@code DATABASE_URL} in the libpq form that hosting platforms and {@code psql} use,
 * {@code postgres://user:password@host:port/database?sslmode=require}, by rewriting it to the JDBC URL that
 * {@code application.yml} expects. Credentials in the URL fill {@code DATABASE_USER} and {@code DATABASE_PASSWORD}
 * unless those are set themselves. A JDBC URL passes through untouched.
 */
class DatabaseUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE_NAME = "flashsaleDatabaseUrl";

    @Override
    public int getOrder() {
        // After the config files are read, so a DATABASE_URL given in any of them is converted too.
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String url = environment.getProperty("DATABASE_URL");
        if (url == null || !isLibpq(url)) {
            return;
        }
        LibpqUrl parsed = LibpqUrl.parse(url);
        Map<String, Object> converted = new HashMap<>();
        converted.put("DATABASE_URL", parsed.jdbcUrl());
        if (parsed.user() != null && !environment.containsProperty("DATABASE_USER")) {
            converted.put("DATABASE_USER", parsed.user());
        }
        if (parsed.password() != null && !environment.containsProperty("DATABASE_PASSWORD")) {
            converted.put("DATABASE_PASSWORD", parsed.password());
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, converted));
    }

    static boolean isLibpq(String url) {
        return url.startsWith("postgres://") || url.startsWith("postgresql://");
    }

    record LibpqUrl(String jdbcUrl, String user, String password) {

        static LibpqUrl parse(String url) {
            URI uri;
            try {
                // Strict: a bad port must fail here, not fall back to a "registry" authority without a host.
                uri = new URI(url).parseServerAuthority();
            } catch (URISyntaxException e) {
                // The message names the position, not the whole URL, so a password does not end up in a log.
                throw new IllegalArgumentException("DATABASE_URL is not a valid postgres:// URL: " + e.getReason()
                        + " at index " + e.getIndex());
            }
            String host = uri.getHost() == null || uri.getHost().isEmpty() ? "localhost" : uri.getHost();
            StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host);
            if (uri.getPort() != -1) {
                jdbc.append(':').append(uri.getPort());
            }
            jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                jdbc.append('?').append(uri.getRawQuery());
            }
            String user = null;
            String password = null;
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
            }
            return new LibpqUrl(jdbc.toString(), user, password);
        }

        private static String decode(String part) {
            // URLDecoder would turn '+' into a space; in a URL's user info '+' is a literal plus.
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "LibpqUrl[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password == null ? null : "***")
                    + "]";
        }
    }
}
