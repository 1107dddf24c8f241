package io.dinserving.impressions;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImpressionsProperties.class)
class ImpressionsConfiguration {

    @Bean
    ImpressionLog impressionLog(ImpressionsProperties properties, MeterRegistry registry) {
        ImpressionLog log = new ImpressionLog(properties, instance(), Clock.systemUTC());
        FunctionCounter.builder("din.impressions", log, ImpressionLog::written)
                .description("Sampled rankings, by what became of them: written, or dropped (queue full or disk "
                        + "failing)")
                .tag("outcome", "written")
                .register(registry);
        FunctionCounter.builder("din.impressions", log, ImpressionLog::dropped)
                .description("Sampled rankings, by what became of them: written, or dropped (queue full or disk "
                        + "failing)")
                .tag("outcome", "dropped")
                .register(registry);
        return log;
    }

    /** The host name: a pod's name, unique among replicas writing to one volume. */
    private static String instance() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
        } catch (UnknownHostException e) {
            return Long.toString(ProcessHandle.current().pid());
        }
    }
}
