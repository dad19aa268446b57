package dev.flashsale.api.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The API description's header and its one security scheme, which Swagger UI's "Authorize" fills in. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(info = @Info(title = "flashsale order API", version = "1",
        description = """
                Orders for flash sales that cannot oversell. Every error is an RFC 9457 problem document \
                (`application/problem+json`).

                **Authentication**: a bearer JWT. The buyer is its `sub`; the catalog-changing endpoints need the \
                scope `admin`. Locally, `bin/token c-1` prints a buyer's token and `bin/token ops --admin` an \
                operator's; paste one into "Authorize". Reading the catalog needs no token."""))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT signed by the configured issuer, or locally with JWT_SECRET (bin/token)")
class OpenApiConfig {
}
