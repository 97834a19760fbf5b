package cx.profile.api;

import com.google.protobuf.Timestamp;
import cx.common.v1.Channel;
import cx.profile.domain.Attributes;
import cx.profile.domain.Customer;
import cx.profile.domain.Identity;
import cx.profile.domain.IdentityNormaliser;
import cx.profile.domain.IdentityType;
import cx.profile.domain.NewCustomer;
import cx.profile.v1.CustomerAttributes;
import cx.profile.v1.CustomerState;
import cx.runtime.failure.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies between the API's messages and the domain, field by field: only what a caller may set
 * is read from a request, so server-owned fields (name, state, versions, times) can never be
 * changed from input.
 */
final class CustomerMessages {

  private final IdentityNormaliser normaliser;

  CustomerMessages(IdentityNormaliser normaliser) {
    this.normaliser = normaliser;
  }

  NewCustomer toNewCustomer(cx.profile.v1.Customer customer, Instant now) {
    List<Identity> identities = new ArrayList<>();
    for (int i = 0; i < customer.getIdentitiesCount(); i++) {
      identities.add(toIdentity(customer.getIdentities(i), now, "customer.identities[" + i + "]"));
    }
    CustomerAttributes a = customer.getAttributes();
    return new NewCustomer(customer.getDisplayName().strip(), customer.getGivenName().strip(),
        customer.getFamilyName().strip(),
        new Attributes(a.getLocale(), a.getTimeZone(), a.getLoyaltyTier(), a.getTraitsMap()), identities);
  }

  Identity toIdentity(cx.profile.v1.Identity identity, Instant now, String field) {
    return normaliser.normalise(identityType(identity.getType(), field + ".type"), identity.getValue(),
        identity.getNetwork(), identity.getSystem(), identity.getVerified(),
        channelName(identity.getFirstSeenChannel(), field + ".first_seen_channel"), now, field);
  }

  cx.profile.v1.Customer toMessage(Customer customer) {
    cx.profile.v1.Customer.Builder message = cx.profile.v1.Customer.newBuilder()
        .setName(customer.name())
        .setDisplayName(customer.displayName())
        .setAttributes(CustomerAttributes.newBuilder()
            .setLocale(customer.attributes().locale())
            .setTimeZone(customer.attributes().timeZone())
            .setLoyaltyTier(customer.attributes().loyaltyTier())
            .putAllTraits(customer.attributes().traits()))
        .setState(CustomerState.valueOf("CUSTOMER_STATE_" + customer.state().name()))
        .setMergedInto(customer.mergedInto().isEmpty() ? "" : "customers/" + customer.mergedInto())
        .addAllMergedCustomerIds(customer.mergedIds())
        .setCreateTime(timestamp(customer.createTime()))
        .setUpdateTime(timestamp(customer.updateTime()))
        .setVersion(customer.version());
    if (!customer.givenName().isEmpty()) {
      message.setGivenName(customer.givenName());
    }
    if (!customer.familyName().isEmpty()) {
      message.setFamilyName(customer.familyName());
    }
    for (Identity identity : customer.identities()) {
      message.addIdentities(toMessage(identity));
    }
    customer.attributeTimes().forEach((path, time) -> message.putAttributeUpdateTimes(path, timestamp(time)));
    return message.build();
  }

  cx.profile.v1.Identity toMessage(Identity identity) {
    return cx.profile.v1.Identity.newBuilder()
        .setType(cx.profile.v1.IdentityType.valueOf("IDENTITY_TYPE_" + identity.type().name()))
        .setValue(identity.value())
        .setNetwork(identity.network())
        .setSystem(identity.system())
        .setVerified(identity.verified())
        .setFirstSeenChannel(identity.firstSeenChannel().isEmpty()
            ? Channel.CHANNEL_UNSPECIFIED : Channel.valueOf("CHANNEL_" + identity.firstSeenChannel()))
        .setCreateTime(timestamp(identity.createTime()))
        .build();
  }

  private static IdentityType identityType(cx.profile.v1.IdentityType type, String field) {
    return switch (type) {
      case IDENTITY_TYPE_EMAIL -> IdentityType.EMAIL;
      case IDENTITY_TYPE_PHONE -> IdentityType.PHONE;
      case IDENTITY_TYPE_LOYALTY_ID -> IdentityType.LOYALTY_ID;
      case IDENTITY_TYPE_SOCIAL_HANDLE -> IdentityType.SOCIAL_HANDLE;
      case IDENTITY_TYPE_DEVICE_ID -> IdentityType.DEVICE_ID;
      case IDENTITY_TYPE_EXTERNAL_ID -> IdentityType.EXTERNAL_ID;
      case IDENTITY_TYPE_UNSPECIFIED -> throw InvalidArgumentException.of(field, "is required");
      case UNRECOGNIZED -> throw InvalidArgumentException.of(field, "is not a known identity type");
    };
  }

  String channelName(Channel channel, String field) {
    if (channel == Channel.UNRECOGNIZED) {
      throw InvalidArgumentException.of(field, "is not a known channel");
    }
    return channel == Channel.CHANNEL_UNSPECIFIED ? "" : channel.name().substring("CHANNEL_".length());
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }
}
