package dev.flashsale.api.web;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSettings.class)
public class WebConfig {

    /** First of all filters, before authentication: an oversized body is refused before anything is parsed. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimit(WebSettings settings) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(settings.maxBodySize().toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after it, so that every later answer, errors included, can be negotiated. */
    @Bean
    FilterRegistrationBean<LenientAcceptFilter> lenientAccept() {
        FilterRegistrationBean<LenientAcceptFilter> registration = new FilterRegistrationBean<>(
                new LenientAcceptFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * Tomcat's error reports as problem documents. Runs after Spring Boot's own customizer, which adds a plain
     * {@link ErrorReportValve} to the host: that one is replaced, and the host told not to add its default.
     */
    @Bean
    ProblemErrorReports problemErrorReports() {
        return new ProblemErrorReports();
    }

    static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> useProblemReports(context.getParent()));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static void useProblemReports(Container host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new ProblemErrorReportValve());
        if (host instanceof StandardHost standard) {
            // The host adds a valve of this class at its start unless it finds one already.
            standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }
}
