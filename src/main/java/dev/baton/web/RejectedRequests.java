package dev.baton.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses (an encoded semicolon, slash or "../" in the path) get a
 * 400 problem saying so, like every other caller's mistake, instead of the servlet container's error page.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

  @Bean
  RequestRejectedHandler problemForRejectedRequests(ObjectMapper json) {
    return (request, response, rejected) -> {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
          "The URL contains characters that are not allowed in a path (such as an encoded ';', '/' or '..'); "
              + "ids may use letters, digits and . _ : @ -");
      problem.setTitle("Rejected URL");
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
    };
  }
}
