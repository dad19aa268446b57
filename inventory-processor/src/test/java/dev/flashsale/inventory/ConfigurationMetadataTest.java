package dev.flashsale.inventory;

import static dev.flashsale.testsettings.ConfigurationMetadata.assertApplicationYmlSetsExactlyTheKeysBoundBy;

import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {

    @Test
    void applicationYmlSetsExactlyTheKeysTheSettingsRecordsBind() {
        assertApplicationYmlSetsExactlyTheKeysBoundBy(InventoryProcessorApplication.class);
    }
}
