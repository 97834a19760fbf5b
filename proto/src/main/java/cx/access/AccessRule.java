package cx.access;

import com.google.api.ResourceProto;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Message;
import cx.common.v1.AccessProto;
import cx.common.v1.CallerRole;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call one method, as its contract's {@code (cx.common.v1.access)} option says, and
 * whether a given caller may make a given request. The gateway and every service decide with
 * this one rule, so an answer never depends on which of them the caller reached.
 *
 * <p>Platform services may call every method; a method without the option is theirs alone. A
 * customer may only name their own profile: every resource name of the request under
 * {@code customers/} (in a {@code name} or {@code parent} field or a resource reference,
 * nested messages included) must be {@code customers/{their subject}} or below it.
 */
public final class AccessRule {

  /** What a caller may do with a request. */
  public enum Verdict {
    /** The call may proceed. */
    ALLOWED,
    /** The caller's role may never call this method. */
    ROLE_NOT_ALLOWED,
    /**
     * A customer named a customer other than themselves: answered exactly as if that customer
     * did not exist.
     */
    NOT_THEIRS
  }

  private static final String CUSTOMERS = "customers/";
  private static final int MAX_DEPTH = 4;

  private final Set<CallerRole> roles;

  private AccessRule(Set<CallerRole> roles) {
    this.roles = roles;
  }

  /** The rule of a method, from its descriptor. */
  public static AccessRule of(MethodDescriptor method) {
    Set<CallerRole> roles = EnumSet.of(CallerRole.CALLER_ROLE_SERVICE);
    if (method.getOptions().hasExtension(AccessProto.access)) {
      roles.addAll(method.getOptions().getExtension(AccessProto.access).getRolesList());
    }
    roles.remove(CallerRole.CALLER_ROLE_UNSPECIFIED);
    return new AccessRule(roles);
  }

  /** Whether a caller of this role may ever call the method. */
  public boolean admits(CallerRole role) {
    return roles.contains(role);
  }

  /** Whether the role may call the method at all, before anything of the request is known. */
  public Verdict decideRole(CallerRole role) {
    return admits(role) ? Verdict.ALLOWED : Verdict.ROLE_NOT_ALLOWED;
  }

  /**
   * Whether the caller may make this request: their role must be admitted, and a customer must
   * name only their own profile.
   *
   * @param role the caller's role
   * @param subject the caller's subject: for a customer, their customer id
   * @param request the request message
   */
  public Verdict decide(CallerRole role, String subject, Message request) {
    if (!admits(role)) {
      return Verdict.ROLE_NOT_ALLOWED;
    }
    if (role != CallerRole.CALLER_ROLE_CUSTOMER) {
      return Verdict.ALLOWED;
    }
    for (String customer : customersNamed(request)) {
      Verdict verdict = decideCustomer(subject, customer);
      if (verdict != Verdict.ALLOWED) {
        return verdict;
      }
    }
    return Verdict.ALLOWED;
  }

  /**
   * Whether a customer whose id is {@code subject} may name the customer id {@code customer}:
   * their own id is theirs; "-" (every customer) is a listing only staff may make; any other id
   * is not theirs.
   */
  public static Verdict decideCustomer(String subject, String customer) {
    if ("-".equals(customer)) {
      return Verdict.ROLE_NOT_ALLOWED;
    }
    return customer.equals(subject) ? Verdict.ALLOWED : Verdict.NOT_THEIRS;
  }

  /**
   * The customer id a resource name is under: {@code abc} for {@code customers/abc} and
   * {@code customers/abc/complaints/x}; empty for any other value.
   */
  public static Optional<String> customerOf(String resourceName) {
    if (!resourceName.startsWith(CUSTOMERS)) {
      return Optional.empty();
    }
    int end = resourceName.indexOf('/', CUSTOMERS.length());
    return Optional.of(end < 0 ? resourceName.substring(CUSTOMERS.length())
        : resourceName.substring(CUSTOMERS.length(), end));
  }

  /** Every customer id the request's resource names are under, in field order. */
  public static Set<String> customersNamed(Message request) {
    Set<String> customers = new LinkedHashSet<>();
    collect(request, customers, 0);
    return customers;
  }

  private static void collect(Message message, Set<String> customers, int depth) {
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getJavaType() == FieldDescriptor.JavaType.STRING && namesResources(field)) {
        for (Object value : field.isRepeated() ? (Iterable<?>) entry.getValue() : Set.of(entry.getValue())) {
          customerOf((String) value).ifPresent(customers::add);
        }
      } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && depth < MAX_DEPTH && !field.isMapField()) {
        for (Object value : field.isRepeated() ? (Iterable<?>) entry.getValue() : Set.of(entry.getValue())) {
          collect((Message) value, customers, depth + 1);
        }
      }
    }
  }

  private static boolean namesResources(FieldDescriptor field) {
    return field.getName().equals("name") || field.getName().equals("parent")
        || field.getOptions().hasExtension(ResourceProto.resourceReference);
  }
}
