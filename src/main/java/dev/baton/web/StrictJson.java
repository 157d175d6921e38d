package dev.baton.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A number where a date belongs is a caller's mistake (20270101 would otherwise be read as a day count
 * tens of thousands of years ahead), so is a number or a boolean where text belongs (a name of 42):
 * each is refused with a 400 naming the field. Numbers and nesting are bounded by {@link BoundedJsonFactory}.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer numbersAreNotDates() {
    return builder -> builder.factory(new BoundedJsonFactory()).postConfigurer(mapper -> {
      for (Class<?> type : new Class<?>[] {LocalDate.class, OffsetDateTime.class}) {
        mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
      }
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    });
  }
}
