package dev.flashsale.benchmark.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.flashsale.benchmark.load.LoadPlan.Closed;
import dev.flashsale.benchmark.load.LoadPlan.Open;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * A flash sale in Gatling's Java DSL: each virtual user is one buyer who submits an order for one unit and then reads
 * it until it has a final status (or, to price one kind of request alone, only submits, or only reads an order placed
 * earlier). Closed model: {@code concurrency} users each take the next buyer until all have
 * bought. Open model: one user per buyer, arriving at a constant rate. The timings go to the run's
 * {@link LoadRecorder} (HdrHistogram) through {@link Buyer}; Gatling's own statistics are kept in its simulation log.
 */
public class FlashSaleSimulation extends Simulation {

    private final LoadPlan.Installed installed = LoadPlan.installed();
    private final Buyer buyer = new Buyer(installed.plan(), installed.recorder());

    {
        LoadPlan plan = installed.plan();
        HttpProtocolBuilder protocol = http.baseUrl(plan.baseUrl())
                .shareConnections()
                .maxConnectionsPerHost(plan.model() instanceof Closed closed ? closed.concurrency() : 4096)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .disableWarmUp()
                .disableCaching();

        var request = http("submit").post("/api/orders")
                .header("Authorization", "#{authorization}")
                .header("Idempotency-Key", "#{customer}");
        if (plan.requests() == LoadPlan.Requests.ORDER_WAITING_AND_AWAIT) {
            request = request.header("Prefer", Buyer.PREFER_WAIT);
        }
        ChainBuilder submit = exec(buyer::beforeSubmit)
                .exec(request
                        .body(io.gatling.javaapi.core.CoreDsl.StringBody("#{body}"))
                        .check(status().saveAs("code"),
                                jsonPath("$.orderId").optional().saveAs("orderId"),
                                jsonPath("$.status").optional().saveAs("state")))
                .exec(buyer::afterSubmit);
        // ?wait= long-polls where the API supports it and is ignored where it does not; then the buyer polls with a
        // growing pause.
        ChainBuilder await = submit.asLongAs(buyer::awaitingDecision).on(
                exec(http("status").get("/api/orders/#{orderId}")
                        .queryParam("wait", Buyer.LONG_POLL)
                        .header("Authorization", "#{authorization}")
                        .check(status().saveAs("pollCode"),
                                jsonPath("$.status").optional().saveAs("state"))),
                exec(buyer::afterPoll),
                doIf(buyer::awaitingDecision).then(pause(buyer::backoff)));
        ChainBuilder perBuyer = switch (plan.requests()) {
            case ORDER_AND_AWAIT, ORDER_WAITING_AND_AWAIT -> await;
            case ORDER_ONLY -> submit;
            case READ_ONLY -> exec(buyer::beforeSubmit)
                    .exec(http("read").get("/api/orders/#{orderId}")
                            .queryParam("wait", Buyer.LONG_POLL)
                            .header("Authorization", "#{authorization}")
                            .check(status().saveAs("code"), jsonPath("$.status").optional().saveAs("state")))
                    .exec(buyer::afterRead);
        };

        PopulationBuilder population;
        if (plan.model() instanceof Closed closed) {
            ScenarioBuilder buyers = scenario(plan.label())
                    .asLongAs(session -> buyer.more()).on(
                            exec(buyer::claim),
                            doIf(session -> session.contains("buyer")).then(perBuyer));
            population = buyers.injectOpen(atOnceUsers(closed.concurrency()));
        } else {
            Open open = (Open) plan.model();
            ScenarioBuilder buyers = scenario(plan.label()).exec(buyer::arrive).exec(perBuyer);
            population = buyers.injectOpen(constantUsersPerSec(open.perSecond()).during(open.duration(plan.buyers())));
        }
        setUp(population).protocols(protocol);
    }
}
