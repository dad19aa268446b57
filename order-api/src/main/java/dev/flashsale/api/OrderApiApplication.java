package dev.flashsale.api;

import dev.flashsale.api.rebuild.RebuildCommand;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The buyers' and operators' REST API: records orders, publishes them to Kafka and projects the results. */
@SpringBootApplication
@EnableScheduling
public class OrderApiApplication {

    public static void main(String[] args) {
        if (RebuildCommand.requested(args)) {
            System.exit(SpringApplication.exit(RebuildCommand.run(args)));
        }
        SpringApplication.run(OrderApiApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
