package cx.feedback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts feedback-service: its gRPC API on one port, health and management on another. */
@SpringBootApplication
public class FeedbackServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(FeedbackServiceApplication.class, args);
  }
}
