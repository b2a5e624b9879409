package io.switchboard.admin.storage;

import io.switchboard.admin.SwitchboardProperties;
import io.switchboard.ivr.store.CallStore;
import io.switchboard.ivr.store.CallWriter;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The call database, the call store, and the one writer every call records through. */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean(destroyMethod = "close")
    CallDatabase callDatabase(SwitchboardProperties properties, Environment environment) {
        // Only the environment holds the password (tests put a property source of the same name in front).
        String password = environment.getProperty(SwitchboardProperties.DB_PASSWORD_VARIABLE);
        return CallDatabase.open(properties.db(), password);
    }

    /** The pool; {@link CallDatabase} closes it, after the writer has stored what it holds. */
    @Bean(destroyMethod = "")
    DataSource dataSource(CallDatabase callDatabase) {
        return callDatabase.database().dataSource();
    }

    @Bean
    CallStore callStore(DataSource dataSource, SwitchboardProperties properties) {
        return new CallStore(dataSource, properties.node());
    }

    /** Closed before the data source, so calls ended during shutdown are still stored. */
    @Bean(destroyMethod = "close")
    CallWriter callWriter(CallStore callStore) {
        return new CallWriter(callStore);
    }

    @Bean
    DatabaseHealthIndicator dbHealthIndicator(CallDatabase callDatabase, CallWriter callWriter) {
        return new DatabaseHealthIndicator(callDatabase.database(), callWriter);
    }
}
