package cx.returns;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts returns-service: its gRPC API on one port, health and management on another. */
@SpringBootApplication
public class ReturnsServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(ReturnsServiceApplication.class, args);
  }
}
