package dev.baton.handoff;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sales region of a country (segmentation input): NA, LATAM, EMEA or APAC. Accepts ISO 3166
 * alpha-2 codes and English names as CRMs store them; unknown countries have no region (null).
 */
final class Regions {

  private static final Map<String, Set<String>> BY_REGION = Map.of(
      "NA", Set.of("US", "CA", "UNITED STATES", "USA", "UNITED STATES OF AMERICA", "CANADA"),
      "LATAM", Set.of("MX", "BR", "AR", "CL", "CO", "PE", "UY", "MEXICO", "BRAZIL", "ARGENTINA", "CHILE",
          "COLOMBIA", "PERU", "URUGUAY"),
      "EMEA", Set.of("GB", "UK", "IE", "FR", "DE", "NL", "BE", "LU", "CH", "AT", "ES", "PT", "IT", "SE", "NO", "DK",
          "FI", "PL", "CZ", "IL", "AE", "SA", "ZA", "NG", "KE", "EG", "UNITED KINGDOM", "IRELAND", "FRANCE", "GERMANY",
          "NETHERLANDS", "BELGIUM", "LUXEMBOURG", "SWITZERLAND", "AUSTRIA", "SPAIN", "PORTUGAL", "ITALY", "SWEDEN",
          "NORWAY", "DENMARK", "FINLAND", "POLAND", "CZECHIA", "ISRAEL", "UNITED ARAB EMIRATES", "SAUDI ARABIA",
          "SOUTH AFRICA", "NIGERIA", "KENYA", "EGYPT"),
      "APAC", Set.of("AU", "NZ", "JP", "CN", "IN", "SG", "KR", "HK", "TW", "ID", "MY", "PH", "TH", "VN", "AUSTRALIA",
          "NEW ZEALAND", "JAPAN", "CHINA", "INDIA", "SINGAPORE", "SOUTH KOREA", "HONG KONG", "TAIWAN", "INDONESIA",
          "MALAYSIA", "PHILIPPINES", "THAILAND", "VIETNAM"));

  private static final Map<String, String> REGION_OF = BY_REGION.entrySet().stream()
      .flatMap(e -> e.getValue().stream().map(country -> Map.entry(country, e.getKey())))
      .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

  private Regions() {}

  static String of(String country) {
    if (country == null || country.isBlank()) {
      return null;
    }
    String key = country.trim().toUpperCase(Locale.ROOT);
    return REGION_OF.get(key);
  }
}
