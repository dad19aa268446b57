package dev.flashsale.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesEveryTopicOnce() {
        assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("flashsale."));
    }

    @Test
    void compactsStockLevelsSoTheLatestLevelOfEveryProductIsKept() {
        assertThat(Topics.STOCK_LEVELS.config())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    @Test
    void compactsDecisionProgressSoTheLatestProgressOfEveryPartitionIsKept() {
        assertThat(Topics.DECISION_PROGRESS.config())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    @Test
    void keepsRequestsAdjustmentsAndDecisionsForEverSoTheReadModelCanBeRebuilt() {
        assertThat(java.util.List.of(Topics.ORDER_REQUESTS, Topics.STOCK_ADJUSTMENTS, Topics.ORDER_RESULTS,
                Topics.ORDER_COMMANDS, Topics.ORDER_LIFECYCLE))
                .allSatisfy(topic -> assertThat(topic.config()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }

    @Test
    void keepsEveryOtherTopicAsALogThatIsNeverCompacted() {
        assertThat(Topics.ALL).filteredOn(topic -> topic != Topics.STOCK_LEVELS && topic != Topics.DECISION_PROGRESS)
                .allSatisfy(topic -> assertThat(topic.config()).doesNotContainKey(TopicConfig.CLEANUP_POLICY_CONFIG));
    }
}
