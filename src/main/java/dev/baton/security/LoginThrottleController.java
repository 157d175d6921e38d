package dev.baton.security;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An administrator lifts the login throttle at once (administrators only, see ApiSecurityConfiguration):
 * of a user at every client address, or of a client address for every user.
 */
@RestController
@RequestMapping("/api/login-throttle")
class LoginThrottleController {

  private final LoginThrottle throttle;
  private final IdentityService identityService;

  LoginThrottleController(LoginThrottle throttle, IdentityService identityService) {
    this.throttle = throttle;
    this.identityService = identityService;
  }

  @DeleteMapping("/users/{userId}")
  Map<String, Object> liftUser(@PathVariable String userId) {
    // Also Camunda's own lock, should the user's row still carry one.
    identityService.unlockUser(userId);
    return Map.of("user", userId, "addresses", throttle.liftUser(userId));
  }

  @DeleteMapping("/addresses/{address}")
  Map<String, Object> liftAddress(@PathVariable String address) {
    return Map.of("address", address, "entries", throttle.liftAddress(address));
  }
}
