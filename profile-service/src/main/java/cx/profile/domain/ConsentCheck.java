package cx.profile.domain;

import java.util.Optional;

/**
 * The answer to "may we contact this customer for this purpose on this channel?".
 *
 * @param customer the profile checked: the survivor when a merged id was asked for
 * @param decision the decision the answer rests on, when it rests on one
 */
public record ConsentCheck(ResolvedCustomer customer, boolean allowed, ConsentCheckBasis basis,
    Optional<ConsentDecision> decision) {
}
