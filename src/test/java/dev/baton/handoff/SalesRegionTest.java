package dev.baton.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.support.BatonIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/SalesRegion.dmn decides a country's sales region, as CRMs write the country. */
@BatonIntegrationTest
class SalesRegionTest {

  @Autowired SalesRegions regions;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "none", value = {
      "Germany, EMEA", "us, NA", "' Brazil ', LATAM", "JP, APAC", "United Kingdom, EMEA", "new zealand, APAC",
      "Atlantis, none", "'  ', none", "none, none"})
  void theCountryListInTheDecisionTableNamesTheRegion(String country, String region) {
    assertThat(regions.of(country)).isEqualTo(region);
  }
}
