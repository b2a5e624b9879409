package io.switchboard.admin.http;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP connector's limits: bodies bounded and counted, a few read at a time, and the URLs Tomcat would refuse
 * with its own HTML page passed on to the firewall, which refuses them as problems.
 */
@Configuration(proxyBeanMethods = false)
public class HttpConfiguration {

    /** After the security filters (order -100): only logged-in requests reach the body checks. */
    static final int AFTER_SECURITY = 0;

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter() {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(new ContentTypeFilter());
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HttpLimits limits) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(limits));
        registration.setOrder(AFTER_SECURITY + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodyGate> bodyGate(HttpLimits limits) {
        FilterRegistrationBean<BodyGate> registration = new FilterRegistrationBean<>(new BodyGate(limits));
        registration.setOrder(AFTER_SECURITY + 2);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatLimits(HttpLimits limits) {
        return factory -> {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
            factory.addConnectorCustomizers((Connector connector) -> {
                int max = (int) limits.maxBodySize().toBytes();
                connector.setMaxPostSize(max);
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    // what is left unread of a refused body is swallowed up to this much, then the connection closes
                    http.setMaxSwallowSize(max);
                }
                connector.setEncodedSolidusHandling("passthrough");
            });
        };
    }
}
