package dev.baton.crm;

/** HubSpot's API did not answer as expected: fails the job, so the engine retries and then raises an incident. */
class HubSpotApiException extends RuntimeException {

  public HubSpotApiException(String message) {
    super(message);
  }
}
