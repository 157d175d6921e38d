package dev.baton.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedJsonFactoryTest {

  final ObjectMapper json = new ObjectMapper(new BoundedJsonFactory())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  @Test
  void everydayNumbersAreRead() throws Exception {
    JsonNode read = json.readTree("{\"amount\": 48000.00, \"ratio\": 0.30000000000000004, \"big\": 1e5, "
        + "\"id\": 999999999999999999, \"tiny\": 3.3333333333333335E-7, \"zero\": 0E+999999999}");

    assertThat(read.get("amount").decimalValue()).isEqualByComparingTo("48000");
    assertThat(read.get("big").decimalValue()).isEqualByComparingTo(new BigDecimal("100000"));
    assertThat(read.get("id").longValue()).isEqualTo(999_999_999_999_999_999L);
  }

  @Test
  void aHugeExponentIsRefusedNamingTheFieldBeforeAnythingWidensIt() {
    assertThatThrownBy(() -> json.readTree("{\"contacts\": [{\"x\": 1}, {\"amount\": 1E+999999999}]}"))
        .isInstanceOf(BoundedJsonFactory.Refused.class)
        .hasMessageStartingWith("contacts[1].amount: 1E+999999999 is out of range");
    assertThatThrownBy(() -> json.readTree("[{\"amount\": 1E-999999999}]"))
        .hasMessageStartingWith("[0].amount: 1E-999999999 is out of range");
  }

  @Test
  void aThousandDigitNumberIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> json.readTree("{\"nps\": " + "9".repeat(1000) + "}"))
        .isInstanceOf(BoundedJsonFactory.Refused.class)
        .hasMessageStartingWith("nps: a number longer than 40 characters is out of range")
        .hasMessageNotContaining("9999999999");
  }

  @Test
  void nineteenIntegerDigitsOrThirtyOneDecimalsAreOutOfRange() {
    assertThatThrownBy(() -> json.readTree("{\"n\": 1000000000000000000}")).hasMessageStartingWith("n: ");
    assertThatThrownBy(() -> json.readTree("{\"n\": 0." + "0".repeat(30) + "1}")).hasMessageStartingWith("n: ");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedNamingWhereItStarts() {
    String deep = "[".repeat(BoundedJsonFactory.MAX_DEPTH + 5) + "]".repeat(BoundedJsonFactory.MAX_DEPTH + 5);
    assertThatThrownBy(() -> json.readTree("{\"team\": " + deep + "}"))
        .isInstanceOf(BoundedJsonFactory.Refused.class)
        .hasMessageStartingWith("team[0]")
        .hasMessageContaining("nested deeper than " + BoundedJsonFactory.MAX_DEPTH + " levels");
  }

  @Test
  void typedReadsAreBoundedToo() {
    assertThatThrownBy(() -> json.readValue("{\"a\": {\"b\": 1E+999999999}}", Map.class))
        .hasMessageStartingWith("a.b: 1E+999999999 is out of range");
    assertThat(json.copy().getFactory()).isInstanceOf(BoundedJsonFactory.class);
  }
}
