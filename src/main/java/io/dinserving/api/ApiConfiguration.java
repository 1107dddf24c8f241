package io.dinserving.api;

import io.dinserving.metrics.ServingMetrics;
import io.dinserving.serving.ModelRegistry;
import io.dinserving.serving.VersionSelector;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
class ApiConfiguration {

    /**
     * JSON types exactly as documented: a string field takes a string, an integer field an integer.
     * Jackson would otherwise turn {@code 42} into {@code "42"}, {@code "10"} into {@code 10} and
     * truncate {@code 1.5} to {@code 1}, so a client's mistake would be answered as if it were right.
     */
    @Bean
    JsonMapperBuilderCustomizer strictJsonTypes() {
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setAcceptBlankAsEmpty(false)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // A whitespace-only string is refused like an empty one, not read as null.
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                                .setAcceptBlankAsEmpty(false));
    }

    /** The OpenAPI document's title and version, in place of springdoc's "OpenAPI definition v0". */
    @Bean
    OpenAPI dinServingOpenApi(@Value("${info.app.version:unknown}") String version) {
        return new OpenAPI()
                .info(new Info()
                        .title("din-serving")
                        .version(version)
                        .description("Ranks candidate items for a shopper with a Deep Interest Network. Errors are "
                                + "application/problem+json with a field property naming the offending field."));
    }

    /**
     * An item is a plain id string or an object; the object's other properties are the served
     * versions' item attributes, so the document lists exactly the names the models take.
     */
    @Bean
    OpenApiCustomizer itemSchema(ObjectProvider<ModelRegistry> registry) {
        return openApi -> {
            ObjectSchema object = new ObjectSchema();
            object.addProperty(
                    "itemId", new StringSchema().description("the item id").example("i9"));
            object.addProperty(
                    "timestamp",
                    new IntegerSchema()
                            .format("int64")
                            .description("when the behaviour happened; informational, order is given by position"));
            java.util.Set<String> attributes = new java.util.TreeSet<>();
            registry.ifAvailable(r -> r.servedModels()
                    .forEach(m -> attributes.addAll(m.encoder().spec().attributeNames())));
            for (String attribute : attributes) {
                object.addProperty(
                        attribute,
                        new StringSchema()
                                .nullable(true)
                                .description(
                                        "item attribute; when absent or null, the bundle's catalogue supplies it"));
            }
            object.required(List.of("itemId"))
                    .additionalProperties(false)
                    .description("an item with any of this model's attributes; another name is a 400");
            Schema<?> item = new Schema<>()
                    .oneOf(List.of(new StringSchema().description("the item id").example("i232"), object))
                    .description("An item: a plain id string, or an object");
            openApi.getComponents().addSchemas("ItemRef", item);
        };
    }

    /** Tomcat's own error pages (before Spring MVC) in problem+json rather than HTML. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // Spring Boot adds its own ErrorReportValve to the host; ours takes its place.
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    FilterRegistrationBean<PathFirewallFilter> pathFirewallFilter() {
        FilterRegistrationBean<PathFirewallFilter> registration =
                new FilterRegistrationBean<>(new PathFirewallFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ConnectionDrain connectionDrain(ApiProperties properties) {
        return new ConnectionDrain(properties.shutdownDrain());
    }

    @Bean
    FilterRegistrationBean<ConnectionDrain> connectionDrainFilter(ConnectionDrain drain) {
        FilterRegistrationBean<ConnectionDrain> registration = new FilterRegistrationBean<>(drain);
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration =
                new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.addUrlPatterns("/recommend");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(VersionSelector versions) {
        FilterRegistrationBean<AdmissionFilter> registration =
                new FilterRegistrationBean<>(new AdmissionFilter(versions));
        registration.addUrlPatterns(AdmissionFilter.PATH);
        // After the request observation (HIGHEST_PRECEDENCE + 1), so refusals are counted.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(ApiProperties properties) {
        FilterRegistrationBean<RequestBodyFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyFilter(properties.maxBodySize().toBytes(), properties.bodyReadTimeout()));
        registration.addUrlPatterns("/recommend", "/events");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Every {@code http.server.requests} observation carries the version that answered, {@code none}
     * when a request was refused before one was picked, so the meter's tags are the same for all.
     */
    @Bean
    ServerRequestObservationConvention versionTaggedRequests() {
        return new DefaultServerRequestObservationConvention() {
            @Override
            public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
                KeyValue version = context.getLowCardinalityKeyValue(RecommendationService.VERSION_KEY);
                return super.getLowCardinalityKeyValues(context)
                        .and(
                                version != null
                                        ? version
                                        : KeyValue.of(RecommendationService.VERSION_KEY, ServingMetrics.NO_VERSION));
            }
        };
    }
}
