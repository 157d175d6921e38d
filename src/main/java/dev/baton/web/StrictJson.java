package dev.baton.web;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A number where a date belongs is a caller's mistake (20270101 would otherwise be read as a day count
 * tens of thousands of years ahead): it is refused with a 400 naming the field.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer numbersAreNotDates() {
    return builder -> builder.postConfigurer(mapper -> {
      for (Class<?> type : new Class<?>[] {LocalDate.class, OffsetDateTime.class}) {
        mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
      }
    });
  }
}
