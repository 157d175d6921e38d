package dev.baton.account;

import dev.baton.engine.WithoutAuthorization;
import dev.baton.identity.RoleCatalogue;
import dev.baton.web.Violations;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;

/**
 * A team whose every person is a member of the Camunda group of their role (the group has the role's
 * id): tasks of the role go to that person, so they must be allowed to work on them. A role left empty
 * passes; unknown roles and users are AccountService's to report.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RoleMembers.Validator.class)
@interface RoleMembers {

  String message() default "has a person outside their role's group";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  class Validator implements ConstraintValidator<RoleMembers, Map<String, String>> {

    private final RoleCatalogue roles;
    private final IdentityService identity;

    Validator(RoleCatalogue roles, IdentityService identity) {
      this.roles = roles;
      this.identity = identity;
    }

    @Override
    public boolean isValid(Map<String, String> team, ConstraintValidatorContext context) {
      boolean valid = true;
      for (Map.Entry<String, String> member : team == null ? Map.<String, String>of().entrySet() : team.entrySet()) {
        String role = member.getKey();
        String user = member.getValue();
        if (user == null || user.isBlank() || !roles.contains(role) || !exists(user) || isMember(user, role)) {
          continue;
        }
        if (valid) {
          context.disableDefaultConstraintViolation();
          valid = false;
        }
        context.buildConstraintViolationWithTemplate(Violations.escape("'" + user + "' is not a member of the group "
                + role + "; choose a member of that group (Camunda Admin) or leave the role empty"))
            .addPropertyNode(role).addConstraintViolation();
      }
      return valid;
    }

    private boolean exists(String user) {
      return WithoutAuthorization.call(() -> identity.createUserQuery().userId(user).count()) > 0;
    }

    private boolean isMember(String user, String role) {
      return WithoutAuthorization.call(() -> identity.createUserQuery().userId(user).memberOfGroup(role).count()) > 0;
    }
  }
}
