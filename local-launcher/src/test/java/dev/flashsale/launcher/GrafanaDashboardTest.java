package dev.flashsale.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/grafana/flashsale-dashboard.json is written for Grafana, which does not run here: held to what Grafana needs
 * and to the metrics the services publish. (Its queries were checked against a live Prometheus; see
 * docs/operations.md.)
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "flashsale-dashboard.json");

    private static JsonNode dashboard;

    @BeforeAll
    static void parse() throws IOException {
        dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    }

    @Test
    void isAProvisionableDashboardWithAPrometheusDatasourceVariable() {
        assertThat(dashboard.get("uid").asString()).isEqualTo("flashsale");
        JsonNode variable = dashboard.get("templating").get("list").get(0);
        assertThat(variable.get("type").asString()).isEqualTo("datasource");
        assertThat(variable.get("query").asString()).isEqualTo("prometheus");
    }

    @Test
    void queriesEveryPanelThroughTheVariableAndLaysThemOutOnTheGrid() {
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels()) {
            assertThat(ids.add(panel.get("id").asInt())).as("unique id of %s", title(panel)).isTrue();
            JsonNode grid = panel.get("gridPos");
            assertThat(grid.get("x").asInt() + grid.get("w").asInt()).as("width of %s", title(panel))
                    .isLessThanOrEqualTo(24);
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("${datasource}");
            assertThat(panel.get("targets")).as("queries of %s", title(panel)).isNotEmpty()
                    .allSatisfy(target -> assertThat(target.get("expr").asString()).isNotBlank());
        }
    }

    @Test
    void showsEveryMetricTheIssueAsksFor() {
        String queries = String.join("\n", panels().stream().filter(panel -> panel.has("targets"))
                .flatMap(panel -> {
                    List<String> exprs = new ArrayList<>();
                    panel.get("targets").forEach(target -> exprs.add(target.get("expr").asString()));
                    return exprs.stream();
                }).toList());

        assertThat(queries).contains(
                "flashsale_orders_submitted_total",
                "flashsale_orders_decided_total",
                "flashsale_order_decision_latency_seconds_bucket",
                "flashsale_order_end_to_end_latency_seconds_bucket",
                "flashsale_order_placing_latency_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag_max",
                "flashsale_dead_letters_total",
                "kafka_stream_flashsale_inventory_dead_lettered_total",
                "kafka_stream_flashsale_inventory_stock_level_updates_total",
                "kafka_stream_flashsale_inventory_accepted_total",
                "histogram_quantile(0.99",
                "histogram_quantile(0.5");
    }

    private static List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        dashboard.get("panels").forEach(panels::add);
        return panels;
    }

    private static String title(JsonNode panel) {
        return panel.get("title").asString();
    }
}
