package dev.flashsale.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * application.yml and the {@code @ConfigurationProperties} records agree, as the configuration processor's metadata
 * lists the records' keys: every {@code flashsale.*} key the file sets is one a record binds (Spring ignores a
 * misspelt one without a word), and every key a record binds is in the file, with its default.
 */
class ConfigurationMetadataTest {

    @Test
    void applicationYmlSetsExactlyTheKeysTheSettingsRecordsBind() throws Exception {
        Path classes = Path.of(OrderApiApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(keysSetIn(classes.resolve("application.yml")))
                .containsExactlyElementsOf(keysBoundBy(classes.resolve("META-INF/spring-configuration-metadata.json")));
    }

    static Set<String> keysSetIn(Path yaml) {
        YamlPropertiesFactoryBean properties = new YamlPropertiesFactoryBean();
        properties.setResources(new FileSystemResource(yaml));
        Set<String> keys = new TreeSet<>();
        // keySet, not stringPropertyNames: that leaves out the keys whose values YAML read as numbers.
        properties.getObject().keySet().stream().map(Object::toString).filter(key -> key.startsWith("flashsale."))
                .forEach(keys::add);
        return keys;
    }

    static Set<String> keysBoundBy(Path metadata) {
        Set<String> keys = new TreeSet<>();
        for (JsonNode property : JsonMapper.builder().build().readTree(metadata.toFile()).path("properties")) {
            keys.add(property.path("name").asString());
        }
        return keys;
    }
}
