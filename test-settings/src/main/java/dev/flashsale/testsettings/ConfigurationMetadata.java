package dev.flashsale.testsettings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application's application.yml and its {@code @ConfigurationProperties} records agree, as the configuration
 * processor's metadata lists the records' keys: every {@code flashsale.*} key the file sets is one a record binds
 * (Spring ignores a misspelt one without a word), and every key a record binds is in the file, with its default.
 */
public final class ConfigurationMetadata {

    private ConfigurationMetadata() {
    }

    /** Checks the application.yml and metadata beside {@code application}'s class files. */
    public static void assertApplicationYmlSetsExactlyTheKeysBoundBy(Class<?> application) {
        Path classes = classesOf(application);

        assertThat(keysSetIn(classes.resolve("application.yml")))
                .containsExactlyElementsOf(keysBoundBy(classes.resolve("META-INF/spring-configuration-metadata.json")));
    }

    private static Path classesOf(Class<?> application) {
        try {
            return Path.of(application.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + application.getName(), e);
        }
    }

    private static Set<String> keysSetIn(Path yaml) {
        YamlPropertiesFactoryBean properties = new YamlPropertiesFactoryBean();
        properties.setResources(new FileSystemResource(yaml));
        Set<String> keys = new TreeSet<>();
        // keySet, not stringPropertyNames: that leaves out the keys whose values YAML read as numbers.
        properties.getObject().keySet().stream().map(Object::toString).filter(key -> key.startsWith("flashsale."))
                .forEach(keys::add);
        return keys;
    }

    private static Set<String> keysBoundBy(Path metadata) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(metadata.toFile()).path("properties")) {
            keys.add(property.path("name").asString());
        }
        return keys;
    }
}
