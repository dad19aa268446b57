package dev.flashsale.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on the machines that build flashsale (no Docker engine), so it is checked on paper:
 * parsed, and held to the rules below.
 */
class DockerComposeFileTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final Set<String> OUR_SERVICES = Set.of("inventory-processor", "order-api");
    private static final List<String> BROKERS = List.of("kafka", "kafka-2", "kafka-3");

    /** What the two applications read from the environment; anything else passed to them is a typo or a leftover. */
    private static final Set<String> APPLICATION_SETTINGS = Set.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            "DATABASE_URL",
            "DATABASE_USER",
            "DATABASE_PASSWORD",
            "SERVER_PORT",
            "FLASHSALE_TOPIC_PARTITIONS",
            "FLASHSALE_TOPIC_REPLICATION_FACTOR",
            "FLASHSALE_TOPIC_MIN_INSYNC_REPLICAS",
            "FLASHSALE_PUBLISH_TIMEOUT",
            "FLASHSALE_UNPUBLISHED_ORDER_GRACE",
            "FLASHSALE_TOPIC_PROVISION",
            "JWT_SECRET",
            "JWT_JWK_SET_URI",
            "JWT_ISSUER_URI",
            "FLASHSALE_RATE_LIMIT_ORDERS_PER_SECOND",
            "FLASHSALE_RATE_LIMIT_BURST",
            "FLASHSALE_MAX_BODY_SIZE",
            "FLASHSALE_IDEMPOTENCY_RETENTION",
            "SERVER_MAX_CONNECTIONS",
            "LOG_FORMAT",
            "INVENTORY_MANAGEMENT_PORT",
            "INVENTORY_APPLICATION_ID",
            "INVENTORY_STATE_DIR",
            "INVENTORY_NUM_STREAM_THREADS",
            "INVENTORY_COMMIT_INTERVAL",
            "INVENTORY_PROMPT_COMMIT_GAP",
            "INVENTORY_DEDUPE_RETENTION",
            "INVENTORY_PAYMENT_WINDOW");

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} and their forms without the colon. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?}");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.MULTILINE);

    private static String composeText;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> volumes;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parseComposeFile() throws IOException {
        composeText = Files.readString(REPOSITORY.resolve("docker-compose.yml"));
        Map<String, Object> compose = new Yaml().load(composeText);
        services = (Map<String, Map<String, Object>>) compose.get("services");
        volumes = (Map<String, Object>) compose.getOrDefault("volumes", Map.of());
    }

    @Test
    void runsKafkaPostgresBothServicesATopicBrowserAndTheirMonitoring() {
        assertThat(services).containsOnlyKeys("kafka", "kafka-2", "kafka-3", "postgres", "inventory-processor",
                "order-api", "kafka-ui", "prometheus", "grafana");
        BROKERS.forEach(broker -> assertThat(image(broker)).startsWith("apache/kafka:4."));
        assertThat(image("postgres")).startsWith("postgres:16.");
        assertThat(image("kafka-ui")).startsWith("ghcr.io/kafbat/kafka-ui:");
        assertThat(image("prometheus")).startsWith("prom/prometheus:");
        assertThat(image("grafana")).startsWith("grafana/grafana:");
    }

    /**
     * Durability under broker loss: three brokers in one KRaft quorum, and every topic (ours, the processor's internal
     * ones, Kafka's offsets and transaction logs) with 3 replicas of which 2 must have a write before it counts.
     */
    @Test
    void replicatesEveryTopicThreeTimesWithTwoInSyncSoThatLosingABrokerLosesNothing() {
        Set<String> nodeIds = new TreeSet<>();
        for (String broker : BROKERS) {
            Map<String, String> settings = environment(broker);
            nodeIds.add(settings.get("KAFKA_NODE_ID"));
            assertThat(settings).as("settings of %s", broker)
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                    .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                    .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2")
                    .containsEntry("CLUSTER_ID", environment("kafka").get("CLUSTER_ID"));
            assertThat(settings.get("KAFKA_ADVERTISED_LISTENERS")).startsWith("PLAINTEXT://" + broker + ":9092,");
        }
        assertThat(nodeIds).containsExactly("1", "2", "3");
        for (String name : OUR_SERVICES) {
            assertThat(environment(name)).as("environment of %s", name)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092,kafka-3:9092")
                    .containsEntry("FLASHSALE_TOPIC_REPLICATION_FACTOR", "3")
                    .containsEntry("FLASHSALE_TOPIC_MIN_INSYNC_REPLICAS", "2");
            assertThat(map(services.get(name).get("depends_on"))).as("%s depends on", name)
                    .containsKeys(BROKERS.toArray(String[]::new));
        }
    }

    @Test
    void pullsOnlyImagesPinnedToAVersion() {
        services.forEach((name, service) -> {
            if (service.containsKey("build")) {
                return; // tagged by this build; its base images are checked below
            }
            assertThat(image(name)).as("image of %s", name).matches(DockerComposeFileTest::isPinned);
        });
    }

    @Test
    void buildsOurServicesFromDockerfilesWithPinnedBaseImages() throws IOException {
        for (String name : OUR_SERVICES) {
            Map<String, Object> build = map(services.get(name).get("build"));
            assertThat(build.get("context")).as("build context of %s", name).isEqualTo(".");
            Path dockerfile = REPOSITORY.resolve((String) build.get("dockerfile"));
            List<String> baseImages = Files.readAllLines(dockerfile).stream()
                    .filter(line -> line.startsWith("FROM "))
                    .map(line -> line.split("\\s+")[1])
                    .toList();

            assertThat(baseImages).as("FROM lines of %s", dockerfile).isNotEmpty()
                    .allMatch(DockerComposeFileTest::isPinned);
        }
    }

    @Test
    void checksTheHealthOfEveryService() {
        services.forEach((name, service) -> {
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            assertThat(healthcheck).as("healthcheck of %s", name).isNotEmpty().doesNotContainKey("disable");
            List<?> test = (List<?>) healthcheck.get("test");
            assertThat(test).as("healthcheck test of %s", name).hasSizeGreaterThanOrEqualTo(2);
            assertThat(test.get(0)).as("healthcheck test of %s", name).isIn("CMD", "CMD-SHELL");
        });
    }

    @Test
    void startsEveryServiceOnlyOnceWhatItNeedsIsHealthy() {
        services.forEach((name, service) -> {
            Map<String, Object> dependsOn = map(service.get("depends_on"));
            dependsOn.forEach((dependency, settings) -> {
                assertThat(services).as("%s depends on %s", name, dependency).containsKey(dependency);
                assertThat(map(settings)).as("%s depends on %s", name, dependency)
                        .containsEntry("condition", "service_healthy");
            });
        });
        assertThat(map(services.get("inventory-processor").get("depends_on"))).containsKey("kafka");
        assertThat(map(services.get("order-api").get("depends_on"))).containsKeys("kafka", "postgres");
        assertThat(map(services.get("kafka-ui").get("depends_on"))).containsKey("kafka");
    }

    @Test
    void publishesTheApiTheTopicBrowserAndTheBrokerOnDistinctHostPorts() {
        Map<String, String> hostToContainer = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            for (Object port : (List<?>) service.getOrDefault("ports", List.of())) {
                String[] parts = withDefaults(String.valueOf(port)).split(":");
                assertThat(parts).as("port mapping of %s", name).hasSize(2);
                assertThat(hostToContainer).as("host port %s", parts[0]).doesNotContainKey(parts[0]);
                hostToContainer.put(parts[0], name + ":" + parts[1]);
            }
        });

        assertThat(hostToContainer)
                .containsEntry("8080", "order-api:8080")
                .containsEntry("8081", "kafka-ui:8080")
                .containsEntry("8082", "inventory-processor:8082")
                .containsEntry("9090", "prometheus:9090")
                .containsEntry("3000", "grafana:3000")
                .containsValue("kafka:29092")
                .containsValue("kafka-2:29092")
                .containsValue("kafka-3:29092")
                .containsValue("postgres:5432");
    }

    @Test
    void passesOurServicesOnlySettingsTheApplicationsRead() {
        for (String name : OUR_SERVICES) {
            assertThat(environment(name).keySet()).as("environment of %s", name).isSubsetOf(APPLICATION_SETTINGS);
        }
        assertThat(environment("inventory-processor"))
                .containsKey("INVENTORY_STATE_DIR");
        assertThat(environment("order-api"))
                .containsEntry("DATABASE_URL", "jdbc:postgresql://postgres:5432/flashsale")
                .containsKeys("DATABASE_USER", "DATABASE_PASSWORD", "SERVER_PORT");
    }

    @Test
    void probesOurServicesReadinessOnTheirOwnPorts() {
        assertThat(healthcheck("order-api")).contains("http://localhost:8080/actuator/health/readiness");
        assertThat(environment("inventory-processor")).containsEntry("INVENTORY_MANAGEMENT_PORT", "8082");
        assertThat(healthcheck("inventory-processor")).contains("http://localhost:8082/actuator/health/readiness");
    }

    @Test
    @SuppressWarnings("unchecked")
    void scrapesBothServicesAndShowsTheDashboardOfTheRepository() throws IOException {
        Map<String, Object> configs = map(compose().get("configs"));
        configs.forEach((name, config) -> assertThat(REPOSITORY.resolve((String) map(config).get("file")))
                .as("file of config %s", name).isRegularFile());
        Map<String, Object> prometheus = new Yaml().load(Files.readString(configFile(configs, "prometheus-config")));
        Map<String, String> targets = new LinkedHashMap<>();
        for (Object job : (List<?>) prometheus.get("scrape_configs")) {
            Map<String, Object> scrape = map(job);
            assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus");
            for (Object staticConfig : (List<?>) scrape.get("static_configs")) {
                for (Object target : (List<?>) map(staticConfig).get("targets")) {
                    targets.put((String) scrape.get("job_name"), (String) target);
                }
            }
        }
        assertThat(targets).containsExactlyInAnyOrderEntriesOf(Map.of(
                "order-api", "order-api:" + environment("order-api").get("SERVER_PORT"),
                "inventory-processor", "inventory-processor:"
                        + environment("inventory-processor").get("INVENTORY_MANAGEMENT_PORT")));

        Map<String, Object> datasources = new Yaml().load(Files.readString(configFile(configs, "grafana-datasource")));
        Map<String, Object> datasource = map(((List<?>) datasources.get("datasources")).get(0));
        assertThat(datasource).containsEntry("url", "http://prometheus:9090");
        String dashboard = Files.readString(configFile(configs, "grafana-dashboard"));
        assertThat(dashboard).contains("\"value\": \"" + datasource.get("uid") + "\"");
        assertThat(configFile(configs, "grafana-dashboard"))
                .isEqualTo(REPOSITORY.resolve("docs/grafana/flashsale-dashboard.json"));
    }

    @Test
    void givesEveryImageBuildThePomOfEveryModuleTheParentNames() throws IOException {
        List<String> modules = Pattern.compile("<module>([^<]+)</module>")
                .matcher(Files.readString(REPOSITORY.resolve("pom.xml"))).results().map(match -> match.group(1))
                .toList();
        assertThat(modules).isNotEmpty();
        for (String name : OUR_SERVICES) {
            Path dockerfile = REPOSITORY.resolve((String) map(services.get(name).get("build")).get("dockerfile"));
            List<String> copied = Files.readAllLines(dockerfile).stream()
                    .filter(line -> line.startsWith("COPY ") && !line.contains("--from"))
                    .map(line -> line.split("\\s+")[1])
                    .toList();
            // Maven reads every module's POM even when building one: a module added without its COPY breaks the build.
            for (String module : modules) {
                assertThat(copied).as("%s copies %s", dockerfile, module)
                        .containsAnyOf(module + "/", module + "/pom.xml");
            }
        }
    }

    @Test
    void keepsDataInDeclaredNamedVolumes() {
        services.forEach((name, service) -> {
            for (Object mount : (List<?>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(mount).split(":")[0];
                assertThat(volumes).as("volume %s of %s", source, name).containsKey(source);
            }
        });
        assertThat(volumes).containsKeys("kafka-data", "kafka-2-data", "kafka-3-data", "postgres-data", "inventory-state", "prometheus-data",
                "grafana-data");
    }

    @Test
    void envExampleNamesEveryVariableTheComposeFileReferences() throws IOException {
        Set<String> referenced = new TreeSet<>();
        Matcher matcher = VARIABLE.matcher(composeText);
        while (matcher.find()) {
            referenced.add(matcher.group(1));
        }

        assertThat(referenced).isNotEmpty();
        assertThat(envExample().keySet()).containsAll(referenced);
    }

    @Test
    void envExampleHasNoRealLookingSecret() throws IOException {
        envExample().forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET|TOKEN|KEY).*")) {
                assertThat(value).as(name).matches("|change-me.*");
            }
        });
        assertThat(composeText).as("a password default in the compose file")
                .doesNotContainPattern("PASSWORD:-");
    }

    private static boolean isPinned(String image) {
        int colon = image.lastIndexOf(':');
        if (colon < 0 || image.indexOf('/', colon) >= 0) {
            return false; // no tag at all: that is latest
        }
        String tag = image.substring(colon + 1);
        return tag.matches("v?\\d+(\\.\\d+)+.*") && !tag.contains("latest");
    }

    private static Map<String, Object> compose() {
        return new Yaml().load(composeText);
    }

    private static Path configFile(Map<String, Object> configs, String name) {
        return REPOSITORY.resolve((String) map(configs.get(name)).get("file")).normalize();
    }

    private static String healthcheck(String service) {
        return String.join(" ", ((List<?>) map(services.get(service).get("healthcheck")).get("test")).stream()
                .map(String::valueOf).toList());
    }

    private static String image(String service) {
        return (String) services.get(service).get("image");
    }

    private static Map<String, String> environment(String service) {
        Object environment = services.get(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
        } else if (environment instanceof List<?> entries) {
            entries.stream().map(String::valueOf).map(entry -> entry.split("=", 2))
                    .forEach(pair -> result.put(pair[0], pair.length > 1 ? pair[1] : ""));
        }
        return result;
    }

    /** {@code ${NAME:-default}} replaced by its default, as compose does when NAME is unset. */
    private static String withDefaults(String value) {
        return VARIABLE.matcher(value).replaceAll(match -> Matcher.quoteReplacement(
                match.group(2) == null ? "" : match.group(2)));
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> assignments = new LinkedHashMap<>();
        Matcher matcher = ASSIGNMENT.matcher(Files.readString(REPOSITORY.resolve(".env.example")));
        while (matcher.find()) {
            assignments.put(matcher.group(1), matcher.group(2).trim());
        }
        return assignments;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
