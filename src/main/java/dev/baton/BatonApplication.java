package dev.baton;

import dev.baton.schema.SchemaMigrationCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BatonApplication {

  public static void main(String[] args) {
    if (SchemaMigrationCommand.requested(args)) {
      // An operator's upgrade step (docs/operations.md): migrate the schema, start nothing.
      SchemaMigrationCommand.run(args);
      return;
    }
    SpringApplication.run(BatonApplication.class, args);
  }
}
