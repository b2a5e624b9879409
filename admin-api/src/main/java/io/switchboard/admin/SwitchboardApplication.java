package io.switchboard.admin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Switchboard server: call storage, the SIP endpoint running the flows, and the HTTP API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SwitchboardApplication {

    public static void main(String[] args) {
        SpringApplication.run(SwitchboardApplication.class, args);
    }
}
