package dev.flashsale.api;

import static dev.flashsale.testsettings.ConfigurationMetadata.assertApplicationYmlSetsExactlyTheKeysBoundBy;

import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {

    @Test
    void applicationYmlSetsExactlyTheKeysTheSettingsRecordsBind() {
        assertApplicationYmlSetsExactlyTheKeysBoundBy(OrderApiApplication.class);
    }
}
