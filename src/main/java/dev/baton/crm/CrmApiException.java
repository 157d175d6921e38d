package dev.baton.crm;

/** A CRM's API (Salesforce, Pipedrive) did not answer as expected: fails the job, so the engine retries, then raises an incident. */
class CrmApiException extends RuntimeException {

  public CrmApiException(String message) {
    super(message);
  }
}
