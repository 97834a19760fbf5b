package cx.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataSetTest {

  @Test
  void scoresAreDrawnWithTheStatedSpread() {
    int[] spread = {25, 30, 45};
    int[] counts = new int[3];
    Random random = new Random(1);
    for (int i = 0; i < 100_000; i++) {
      counts[DataSet.draw(spread, random)]++;
    }
    assertThat(counts[0]).isBetween(24_000, 26_000);
    assertThat(counts[1]).isBetween(29_000, 31_000);
    assertThat(counts[2]).isBetween(44_000, 46_000);
  }

  @Test
  void everyCustomerHasTheirOwnValidLookingPhoneNumber() {
    Set<String> phones = new HashSet<>();
    for (int i = 0; i < 200_000; i++) {
      String phone = DataSet.phone(i);
      assertThat(phone).matches("\\+1415[2-9]\\d{6}");
      phones.add(phone);
    }
    assertThat(phones).hasSize(200_000);
  }
}
