package cx.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Guards the contracts against field names whose Java accessors collide: a repeated field
 * {@code items} generates {@code getItemsCount()} and {@code getItemsList()}, so a field named
 * {@code items_count} or {@code items_list} beside it makes protoc rename both with field
 * numbers ({@code getItemsCount11()}), an API nobody wants to call.
 */
class GeneratedNamesTest {

  private static final List<FileDescriptor> SERVICES = List.of(
      cx.profile.v1.ProfileServiceProto.getDescriptor(),
      cx.feedback.v1.FeedbackServiceProto.getDescriptor(),
      cx.returns.v1.ReturnsServiceProto.getDescriptor());

  @Test
  void noFieldNameCollidesWithTheAccessorsOfARepeatedField() {
    List<String> collisions = new ArrayList<>();
    for (Descriptor message : allMessages()) {
      Set<String> names = message.getFields().stream().map(FieldDescriptor::getName).collect(Collectors.toSet());
      for (FieldDescriptor field : message.getFields()) {
        if (field.isRepeated()) {
          for (String suffix : List.of("_count", "_list", "_map", "_or_builder_list")) {
            if (names.contains(field.getName() + suffix)) {
              collisions.add(message.getFullName() + "." + field.getName() + suffix);
            }
          }
        }
      }
    }
    assertThat(collisions).isEmpty();
  }

  private static List<Descriptor> allMessages() {
    List<Descriptor> all = new ArrayList<>();
    List<FileDescriptor> files = new ArrayList<>(SERVICES);
    Set<String> seen = new HashSet<>();
    while (!files.isEmpty()) {
      FileDescriptor file = files.remove(files.size() - 1);
      if (!seen.add(file.getName()) || !file.getPackage().startsWith("cx.")) {
        continue;
      }
      files.addAll(file.getDependencies());
      for (Descriptor message : file.getMessageTypes()) {
        collect(message, all);
      }
    }
    assertThat(all).hasSizeGreaterThan(50);
    return all;
  }

  private static void collect(Descriptor message, List<Descriptor> all) {
    all.add(message);
    message.getNestedTypes().forEach(n -> collect(n, all));
  }
}
